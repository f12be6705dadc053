using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Returns;

/// <summary>Downloads a stored CLD file, byte for byte as it was made (each download is audited).</summary>
[RequirePermission(Permission.MakeStatutoryReturns)]
public sealed class DownloadModel(ReturnsService returns) : GovukPageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var (name, content) = await returns.DownloadAsync(id);
        return File(content, "text/csv", name);
    }
}
