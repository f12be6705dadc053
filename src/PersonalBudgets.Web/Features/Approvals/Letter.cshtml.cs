using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Approvals;

/// <summary>
/// The letter the person keeps when their plan is declined: the decision, its reasons, what happens next and how to
/// challenge it, to print or save. Only a declined plan has one (an approved plan has its budget statement). Viewing
/// it is audited like the request.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class LetterModel(ApprovalService approvals, Letters.LetterService letters) : GovukPageModel
{
    public ApprovalView View { get; private set; } = null!;

    /// <summary>The heading every letter the person keeps has (ADR 0024): council, date of birth, NHS number, reference, contact.</summary>
    public Letters.LetterHeading Heading { get; private set; } = null!;

    public async Task OnGetAsync(Guid requestId)
    {
        View = await approvals.ViewAsync(requestId);
        if (View.Request.Outcome != ApprovalOutcome.Declined)
        {
            throw new NotFoundException("The decision letter");
        }

        Heading = await letters.HeadingAsync(View.Request.PersonId, $"PLAN-{View.Request.PlanNumber}-DECISION", ct: HttpContext.RequestAborted);
    }
}
