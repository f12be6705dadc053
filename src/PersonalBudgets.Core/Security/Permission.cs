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
}

public static class RolePermissions
{
    private static readonly Dictionary<Role, Permission[]> Grants = new Dictionary<Role, Permission[]>
    {
        [Role.Practitioner] = [Permission.UseService, Permission.ViewPeople, Permission.CreatePeople, Permission.EditPeople, Permission.ViewTeams, Permission.AssessPeople],
        [Role.TeamManager] = [Permission.UseService, Permission.ViewPeople, Permission.CreatePeople, Permission.EditPeople, Permission.AllocatePeople, Permission.ViewTeams, Permission.AssessPeople, Permission.DecideBudgetChallenges],
        [Role.PanelMember] = [Permission.UseService, Permission.ViewPeople, Permission.ViewTeams],
        [Role.FinanceOfficer] = [Permission.UseService, Permission.ViewPeople, Permission.ViewTeams],
        [Role.Analyst] = [Permission.UseService, Permission.ViewTeams],
        [Role.Administrator] = [Permission.UseService, Permission.ViewTeams, Permission.ManageAccounts, Permission.ViewAudit, Permission.ManageRas],
    };

    public static IReadOnlyList<Role> RolesGranting(Permission permission) =>
        Grants.Where(g => g.Value.Contains(permission)).Select(g => g.Key).ToList();

    public static bool Has(Role role, Permission permission) => Grants[role].Contains(permission);

    public static bool AnyGrants(IEnumerable<Role> roles, Permission permission) => roles.Any(r => Grants[r].Contains(permission));
}
