using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Letters;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Assessments;

/// <summary>
/// The letter to the person about their financial assessment, to print or save: the contribution, how it was worked
/// out, what was counted and allowed, and how to ask for a review or complain. It holds their financial details, so the
/// finance team prints it; viewing it is audited.
/// </summary>
[RequirePermission(Permission.AssessFinances)]
public sealed class LetterModel(FinancialAssessmentService finance, LetterService letters) : GovukPageModel
{
    public FinanceView View { get; private set; } = null!;

    public LetterHeading Heading { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, Guid assessmentId)
    {
        View = await finance.GetAsync(id, assessmentId);
        if (View.Assessment.Result is null)
        {
            throw new DomainException("financial-assessment-not-completed", "The letter is written once the financial assessment is completed");
        }

        Heading = await letters.HeadingAsync(id, $"FA-{View.Assessment.Version}-{UkTime.DateOf(View.Assessment.CompletedAt!.Value):yyyyMMdd}", ct: HttpContext.RequestAborted);
    }
}

/// <summary>What the financial assessment letter shows: the completed version and the letter's heading.</summary>
public sealed record FinanceLetter(Core.Charging.FinancialAssessment Assessment, LetterHeading Heading);
