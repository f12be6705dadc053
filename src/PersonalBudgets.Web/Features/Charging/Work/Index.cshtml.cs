using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Work;

/// <summary>
/// Finance officers' My work: the financial assessments they own, unowned ones of people in their teams and reviews
/// waiting; and, as Team work does for other steps, the teams' overdue financial assessments.
/// </summary>
[RequirePermission(Permission.AssessFinances)]
public sealed class IndexModel(FinancialAssessmentService finance, Monitoring.MonitoringService monitoring, DirectPayments.DirectPaymentService directPayments, Providers.CommissioningService commissioning) : GovukPageModel
{
    public IReadOnlyList<FinanceWorkItem> Mine { get; private set; } = [];

    public IReadOnlyList<FinanceWorkItem> Overdue { get; private set; } = [];

    /// <summary>Direct payment monitoring flags (issue 15): the user's and unowned ones in their teams, by due date.</summary>
    public IReadOnlyList<Monitoring.FlagWorkItem> Flags { get; private set; } = [];

    /// <summary>Direct payments to set up (issue 15): the user's and unowned ones in their teams; null without the permission.</summary>
    public IReadOnlyList<DirectPayments.DirectPaymentWorkItem>? SetUps { get; private set; }

    /// <summary>Commissioned services a revised plan ended in the last 28 days (ADR 0038): tell the provider, recommission if needed.</summary>
    public IReadOnlyList<(Core.Providers.CommissionedService Service, string ProviderName, string PersonIdentifier)> ServicesEnded { get; private set; } = [];

    public async Task OnGetAsync()
    {
        ServicesEnded = await commissioning.EndedByRevisedPlansAsync();
        Mine = await finance.MineAsync();
        Overdue = await finance.OverdueInMyTeamsAsync();
        Flags = await monitoring.MineAsync();
        if (User.Has(Permission.ManageDirectPayments))
        {
            SetUps = await directPayments.MineAsync();
        }
    }
}
