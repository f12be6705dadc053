using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Admin;

/// <summary>Staff accounts: create, deactivate, roles and team memberships. (To be completed.)</summary>
public sealed class AccountService(PersonalBudgetsDbContext db)
{
    internal PersonalBudgetsDbContext Db => db;
}
