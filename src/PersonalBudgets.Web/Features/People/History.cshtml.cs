using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

/// <summary>
/// A person's history: every change, allocation and access to their record, newest first. Times the record was only
/// viewed are many: they are left out unless the user asks for them (a GET form, so it works without script).
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class HistoryModel(PersonService people, PersonalBudgetsDbContext db) : GovukPageModel
{
    public const int PageSize = 50;

    public PersonRecord Record { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int PageNumber { get; private set; }
    public int TotalPages { get; private set; }

    /// <summary>What to show besides changes: "views" includes the times the record was viewed.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "show")]
    public string[] Show { get; set; } = [];

    public bool IncludeViews => Show.Contains(ViewsOption, StringComparer.Ordinal);

    public const string ViewsOption = "views";

    public IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> ShowItems =>
        [new("Times the record was viewed", ViewsOption, IncludeViews)];

    /// <summary>The page's address for a page number, keeping the filter.</summary>
    public string PageUrlTemplate => $"/People/{Record.Person.Id}/History?{(IncludeViews ? $"show={ViewsOption}&" : "")}page={{page}}";

    public async Task OnGetAsync(Guid id, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int pageNumber = 1)
    {
        Record = await people.ViewAsync(id);
        ModelState.Clear(); // a filter, not a form to correct: an unknown value shows changes only
        var query = db.AuditEntries.AsNoTracking().Where(a => a.PersonId == id && a.Action != AuditAction.Searched);
        if (!IncludeViews)
        {
            query = query.Where(a => a.Action != AuditAction.Viewed);
        }

        var total = await query.CountAsync();
        TotalPages = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(pageNumber, 1, TotalPages);
        Entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(Core.Common.Paging.Offset(PageNumber, PageSize)).Take(PageSize).ToListAsync();
    }
}
