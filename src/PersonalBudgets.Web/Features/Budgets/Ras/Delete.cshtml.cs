using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>Asks before deleting a draft version; published and retired versions are kept for ever.</summary>
[RequirePermission(Permission.ManageRas)]
public sealed class DeleteModel(RasService ras) : RasDraftPageModel(ras)
{
    public async Task OnGetAsync(Guid id) => await LoadDraftAsync(id, fromRecord: true);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadDraftAsync(id, fromRecord: false);
        var deleted = await Ras.DeleteDraftAsync(id, Revision);
        Flash($"Draft version {deleted.Number} deleted");
        return RedirectToPage("/Budgets/Ras/Index");
    }
}
