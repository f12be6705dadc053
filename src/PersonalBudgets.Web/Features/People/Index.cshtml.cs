using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

/// <summary>
/// Search people. The search terms are personal data, so they never appear in a URL: the form posts, and the
/// results page carries the terms only as an encrypted token.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(PersonSearchService search, IDataProtectionProvider protection) : GovukPageModel
{
    private readonly IDataProtector protector = protection.CreateProtector("PersonSearch.v1");

    [BindProperty]
    public string? Query { get; set; }

    [BindProperty]
    public bool WithoutKeyWorker { get; set; }

    public SearchResults Results { get; private set; } = null!;

    public string? Token { get; private set; }

    public async Task OnGetAsync(string? s, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int pageNumber = 1)
    {
        var criteria = Unprotect(s);
        Query = criteria.Text;
        WithoutKeyWorker = criteria.WithoutKeyWorkerOnly;
        Token = s is null || criteria.Text is null && !criteria.WithoutKeyWorkerOnly ? null : s;
        Results = await search.SearchAsync(criteria, pageNumber);
    }

    public IActionResult OnPost()
    {
        if (Query is { Length: > PersonSearchService.MaxTextLength })
        {
            ModelState.AddModelError(nameof(Query), $"Search must be {PersonSearchService.MaxTextLength} characters or fewer");
            EnsureValid();
        }

        var criteria = new PersonSearchCriteria(string.IsNullOrWhiteSpace(Query) ? null : Query.Trim(), WithoutKeyWorker);
        return RedirectToPage(new { s = protector.Protect(JsonSerializer.Serialize(criteria)) });
    }

    protected override async Task OnReloadAsync(PageReload reload) =>
        Results = await search.SearchAsync(new PersonSearchCriteria(null, WithoutKeyWorker), 1);

    /// <summary>An old or altered link (one that does not decrypt or read) starts a fresh search.</summary>
    private PersonSearchCriteria Unprotect(string? token) =>
        string.IsNullOrEmpty(token) ? new PersonSearchCriteria(null) : SearchToken.Read(protector, token) ?? new PersonSearchCriteria(null);
}
