using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Core.Tests.Security;

public sealed class RolePermissionsTests
{
    public static TheoryData<Role, Permission[]> Grants => new()
    {
        { Role.Practitioner, [Permission.UseService, Permission.ViewPeople, Permission.CreatePeople, Permission.EditPeople, Permission.ViewTeams, Permission.AssessPeople, Permission.PlanSupport, Permission.ViewProviders] },
        { Role.TeamManager, [Permission.UseService, Permission.ViewPeople, Permission.CreatePeople, Permission.EditPeople, Permission.AllocatePeople, Permission.ViewTeams, Permission.AssessPeople, Permission.DecideBudgetChallenges, Permission.PlanSupport, Permission.ManageTeamWork, Permission.ApproveWithinLimit, Permission.DecideApprovals, Permission.ViewDashboard, Permission.ViewProviders] },
        { Role.PanelMember, [Permission.UseService, Permission.ViewPeople, Permission.ViewTeams, Permission.DecideAtPanel, Permission.DecideApprovals, Permission.ViewProviders] },
        { Role.FinanceOfficer, [Permission.UseService, Permission.ViewPeople, Permission.ViewTeams, Permission.AssessFinances, Permission.ViewProviders, Permission.ManageProviders, Permission.ViewBankDetails, Permission.PayProviders, Permission.MonitorDirectPayments, Permission.ManageDirectPayments] },
        { Role.FinanceManager, [Permission.UseService, Permission.ViewPeople, Permission.ViewTeams, Permission.AssessFinances, Permission.DecideFinanceReviews, Permission.ManageChargingPolicy, Permission.ApplyUprating, Permission.ViewProviders, Permission.ManageProviders, Permission.ViewBankDetails, Permission.PayProviders, Permission.MonitorDirectPayments, Permission.ManageDirectPayments] },
        { Role.Analyst, [Permission.UseService, Permission.ViewTeams, Permission.MakeStatutoryReturns, Permission.ViewStatutoryReturns, Permission.ViewDashboard] },
        { Role.Administrator, [Permission.UseService, Permission.ViewTeams, Permission.ManageAccounts, Permission.ViewAudit, Permission.ManageRas, Permission.ManageServiceStandards, Permission.ViewStatutoryReturns, Permission.ViewDashboard, Permission.ManageChargingPolicy, Permission.ViewProviders, Permission.ManageProviders] },
    };

    [Theory]
    [MemberData(nameof(Grants))]
    public void Role_GrantsExactlyTheseAndNothingElse(Role role, Permission[] expected)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            RolePermissions.Has(role, permission).ShouldBe(expected.Contains(permission), $"{role} / {permission}");
        }
    }

    [Fact]
    public void EveryRole_IsInTheTable()
    {
        Grants.Select(row => (Role)row.Data.Item1).ShouldBe(Enum.GetValues<Role>(), ignoreOrder: true);
    }

    [Theory]
    [InlineData(Role.Analyst)]
    [InlineData(Role.Administrator)]
    public void Role_CannotViewPeople(Role role)
    {
        RolePermissions.Has(role, Permission.ViewPeople).ShouldBeFalse();
        RolePermissions.AnyGrants([role], Permission.ViewPeople).ShouldBeFalse();
    }

    [Fact]
    public void OnlyTeamManagers_CanAllocate()
    {
        RolePermissions.RolesGranting(Permission.AllocatePeople).ShouldBe([Role.TeamManager]);
    }

    [Fact]
    public void AnyGrants_WhenOneOfSeveralRolesGrants_IsTrue()
    {
        RolePermissions.AnyGrants([Role.Analyst, Role.Practitioner], Permission.ViewPeople).ShouldBeTrue();
        RolePermissions.AnyGrants([], Permission.UseService).ShouldBeFalse();
    }
}
