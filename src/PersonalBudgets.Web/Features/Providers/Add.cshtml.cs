using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>Adds a provider to the register (administrators and finance staff).</summary>
[RequirePermission(Permission.ManageProviders)]
public sealed class AddModel(ProviderService providers) : GovukPageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? CqcLocationId { get; set; }
    [BindProperty] public ProviderType? Type { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactEmail { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        EnsureValid();
        var p = await providers.CreateAsync(new ProviderDetails(Name, CqcLocationId, Type, ContactName, ContactEmail, ContactPhone), HttpContext.RequestAborted);
        Flash($"{p.Name} added to the register");
        return RedirectToPage("/Providers/Details", new { providerId = p.Id });
    }
}
