using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Pathway;

/// <summary>The Pathway tab of a person's record: the episode and a timeline of every step with its owners.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(PersonPathwayService pathway, Charging.FinancialAssessmentService finance) : GovukPageModel
{
    public PathwayView View { get; private set; } = null!;

    /// <summary>The financial assessment, which runs alongside the pathway (ADR 0032): its state, owner and due date.</summary>
    public Charging.FinanceSummary? Finance { get; private set; }

    public async Task OnGetAsync(Guid id)
    {
        View = await pathway.ViewAsync(id);
        Finance = await finance.SummaryAsync(id);
    }
}
