using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Admin;

/// <summary>Searching the audit trail. (To be completed.)</summary>
public sealed class AuditSearchService(PersonalBudgetsDbContext db)
{
    internal PersonalBudgetsDbContext Db => db;
}
