using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Core.Security;

/// <summary>
/// What a signed-in user may do. Every page and endpoint names one; roles grant them (deny by default).
/// Seeing a particular person's record also needs a legitimate relationship (see <see cref="RecordAccess"/>).
/// </summary>
public enum Permission
{
    ViewPeople,
    CreatePeople,
    EditPeople,

    /// <summary>Change a person's teams and key worker.</summary>
    AllocatePeople,
    ViewTeams,
    ManageAccounts,
    ViewAudit,
    UseService,

    /// <summary>Carry out needs and carer's assessments, decide eligibility, record offers, complete the RAS questionnaire.</summary>
    AssessPeople,

    /// <summary>Decide a person's challenge to their indicative budget.</summary>
    DecideBudgetChallenges,

    /// <summary>Configure and publish the resource allocation system.</summary>
    ManageRas,

    /// <summary>Own and complete pathway steps: write support plans with the person, submit them, carry out reviews.</summary>
    PlanSupport,

    /// <summary>See the team's work (unowned and overdue steps, counts by member and profession) and reallocate it.</summary>
    ManageTeamWork,

    /// <summary>Decide plans within the team manager's delegated limit.</summary>
    ApproveWithinLimit,

    /// <summary>Record funding panel and risk enablement panel decisions, and run panel meetings.</summary>
    DecideAtPanel,

    /// <summary>Change the service standards and the delegated limit.</summary>
    ManageServiceStandards,

    /// <summary>
    /// Record a decision on a plan sent for approval (team managers and panel members). Which plans a decider may
    /// decide (the route, the limit, the agenda, never their own plan) depends on the plan: the domain decides that.
    /// </summary>
    DecideApprovals,

    /// <summary>Make and download statutory returns (the CLD file) and see ASCOF 3D with the people behind it, pseudonymised.</summary>
    MakeStatutoryReturns,

    /// <summary>See the statutory returns made, their data-quality reports and ASCOF 3D, without making or downloading a file.</summary>
    ViewStatutoryReturns,

    /// <summary>See the implementation dashboard: team managers for their teams, analysts and administrators for all (ADR 0027).</summary>
    ViewDashboard,

    /// <summary>Carry out financial assessments (issue 14): see and record income, capital and their evidence, complete and correct them.</summary>
    AssessFinances,

    /// <summary>Decide a person's request for a review of their financial assessment (finance team managers).</summary>
    DecideFinanceReviews,

    /// <summary>Configure and publish the charging policy of each financial year.</summary>
    ManageChargingPolicy,

    /// <summary>Preview and apply the April uprating to every person's contribution (finance team managers; council-wide).</summary>
    ApplyUprating,

    /// <summary>See the provider register's names, types and contacts, and their rates (issue 15, ADR 0035).</summary>
    ViewProviders,

    /// <summary>Add and change providers and their rates (administrators and finance staff).</summary>
    ManageProviders,

    /// <summary>See and record providers' bank details: finance staff only; everyone else sees them masked.</summary>
    ViewBankDetails,

    /// <summary>Commission services and individual service funds from approved plans, record, match, approve and query providers' invoices.</summary>
    PayProviders,

    /// <summary>Import direct payment account statements, resolve monitoring flags and record reclaims of surplus.</summary>
    MonitorDirectPayments,

    /// <summary>Set up direct payments, see their bank details, suspend and end them, and create and approve payment runs (issue 15).</summary>
    ManageDirectPayments,
}

public static class RolePermissions
{
    private static readonly Dictionary<Role, Permission[]> Grants = new Dictionary<Role, Permission[]>
    {
        [Role.Practitioner] = [Permission.UseService, Permission.ViewPeople, Permission.CreatePeople, Permission.EditPeople, Permission.ViewTeams, Permission.AssessPeople, Permission.PlanSupport, Permission.ViewProviders],
        [Role.TeamManager] = [Permission.UseService, Permission.ViewPeople, Permission.CreatePeople, Permission.EditPeople, Permission.AllocatePeople, Permission.ViewTeams, Permission.AssessPeople, Permission.DecideBudgetChallenges, Permission.PlanSupport, Permission.ManageTeamWork, Permission.ApproveWithinLimit, Permission.DecideApprovals, Permission.ViewDashboard, Permission.ViewProviders],
        [Role.PanelMember] = [Permission.UseService, Permission.ViewPeople, Permission.ViewTeams, Permission.DecideAtPanel, Permission.DecideApprovals, Permission.ViewProviders],
        [Role.FinanceOfficer] = [Permission.UseService, Permission.ViewPeople, Permission.ViewTeams, Permission.AssessFinances, Permission.ViewProviders, Permission.ManageProviders, Permission.ViewBankDetails, Permission.PayProviders, Permission.MonitorDirectPayments, Permission.ManageDirectPayments],
        [Role.FinanceManager] = [Permission.UseService, Permission.ViewPeople, Permission.ViewTeams, Permission.AssessFinances, Permission.DecideFinanceReviews, Permission.ManageChargingPolicy, Permission.ApplyUprating, Permission.ViewProviders, Permission.ManageProviders, Permission.ViewBankDetails, Permission.PayProviders, Permission.MonitorDirectPayments, Permission.ManageDirectPayments],
        [Role.Analyst] = [Permission.UseService, Permission.ViewTeams, Permission.MakeStatutoryReturns, Permission.ViewStatutoryReturns, Permission.ViewDashboard],
        [Role.Administrator] = [Permission.UseService, Permission.ViewTeams, Permission.ManageAccounts, Permission.ViewAudit, Permission.ManageRas, Permission.ManageServiceStandards, Permission.ViewStatutoryReturns, Permission.ViewDashboard, Permission.ManageChargingPolicy, Permission.ViewProviders, Permission.ManageProviders],
    };

    public static IReadOnlyList<Role> RolesGranting(Permission permission) =>
        Grants.Where(g => g.Value.Contains(permission)).Select(g => g.Key).ToList();

    public static bool Has(Role role, Permission permission) => Grants[role].Contains(permission);

    public static bool AnyGrants(IEnumerable<Role> roles, Permission permission) => roles.Any(r => Grants[r].Contains(permission));
}
