using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

/// <summary>A person's history: every change, allocation and access to their record, newest first.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class HistoryModel(PersonService people, PersonalBudgetsDbContext db) : GovukPageModel
{
    public const int PageSize = 50;

    public PersonRecord Record { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int PageNumber { get; private set; }
    public int TotalPages { get; private set; }

    public async Task OnGetAsync(Guid id, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int pageNumber = 1)
    {
        Record = await people.ViewAsync(id);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.PersonId == id && a.Action != AuditAction.Searched);
        var total = await query.CountAsync();
        TotalPages = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(pageNumber, 1, TotalPages);
        Entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(Core.Common.Paging.Offset(PageNumber, PageSize)).Take(PageSize).ToListAsync();
    }
}
