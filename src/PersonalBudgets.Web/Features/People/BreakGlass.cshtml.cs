using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

/// <summary>Emergency access to a record outside the user's teams: a reason is required and the access expires.</summary>
[RequirePermission(Permission.ViewPeople)]
[WithoutPersonAccess("Break-glass is how a user without a legitimate relationship gets access to the person")]
public sealed class BreakGlassModel(RecordAccessService access, PersonalBudgetsDbContext db, IOptions<SecuritySettings> settings) : GovukPageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    public int Minutes => settings.Value.BreakGlassMinutes;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await db.People.AnyAsync(p => p.Id == id))
        {
            throw new NotFoundException("The person");
        }

        // Someone who already has access has no need to break the glass.
        return await access.RouteAsync(id) is null ? Page() : RedirectToPage("Details", new { id });
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await access.BreakGlassAsync(id, Reason, TimeSpan.FromMinutes(Minutes));
        return RedirectToPage("Details", new { id });
    }
}
