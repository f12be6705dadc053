using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Admin.Audit;

/// <summary>
/// Search the audit trail. The filters are submitted by GET (so results can be paged and linked) because none is
/// personal data: staff user name, action, dates, break-glass and a record id, never a person's name.
/// There is deliberately no handler that changes or deletes an entry.
/// </summary>
[RequirePermission(Permission.ViewAudit)]
public sealed class IndexModel(AuditSearchService search) : GovukPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditAction? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateInput From { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public DateInput To { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool BreakGlassOnly { get; set; }

    /// <summary>A person's record id (typed as text so a malformed one gets a clear message).</summary>
    [BindProperty(SupportsGet = true)]
    public string? PersonId { get; set; }

    public AuditResults? Results { get; private set; }

    public int AwaitingReview { get; private set; }

    public IReadOnlyList<SelectListItem> ActionItems =>
        [new SelectListItem("Any action", ""), .. EnumLabels.All<AuditAction>().Select(a => new SelectListItem(a.Label, a.Value.ToString()))];

    public IReadOnlyList<SelectListItem> BreakGlassItems => [new SelectListItem("Only show break-glass access", "true", BreakGlassOnly)];

    /// <summary>The current filters as a query string (without the page), for the pagination links.</summary>
    public string FilterQuery => QueryString.Create(new Dictionary<string, string?>
        {
            [nameof(UserName)] = UserName,
            [nameof(Action)] = Action?.ToString(),
            ["From.Day"] = From.Day, ["From.Month"] = From.Month, ["From.Year"] = From.Year,
            ["To.Day"] = To.Day, ["To.Month"] = To.Month, ["To.Year"] = To.Year,
            [nameof(BreakGlassOnly)] = BreakGlassOnly ? "true" : null,
            [nameof(PersonId)] = PersonId,
        }.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)))
        .ToUriComponent();

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int page = 1)
    {
        ModelState.Remove("page");
        AwaitingReview = await search.AwaitingReviewCountAsync();
        var (from, fromError) = From.Parse("From date", required: false);
        var (to, toError) = To.Parse("To date", required: false);
        if (fromError is not null) ModelState.AddModelError(nameof(From), fromError);
        if (toError is not null) ModelState.AddModelError(nameof(To), toError);

        Guid? personId = null;
        if (!string.IsNullOrWhiteSpace(PersonId))
        {
            if (Guid.TryParse(PersonId.Trim(), out var id))
            {
                personId = id;
            }
            else
            {
                ModelState.AddModelError(nameof(PersonId), "Enter a person ID in the correct format, like 3f2504e0-4f89-41d3-9a0c-0305e82c3301");
            }
        }

        var filter = new AuditFilter(UserName, Action, from, to, BreakGlassOnly, personId);
        AddErrors(AuditSearchService.Check(filter));
        if (!ModelState.IsValid)
        {
            return PageWithErrors();
        }

        Results = await search.SearchAsync(filter, page);
        return Page();
    }
}
