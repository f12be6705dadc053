using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>Ends a commissioned service's suspension until further notice: it starts again on a day (ADR 0040).</summary>
[RequirePermission(Permission.PayProviders)]
public sealed class ResumeServiceModel(CommissioningService commissioning, People.PersonService people) : ServicePageModel(commissioning, people)
{
    [BindProperty] public DateInput ResumeOn { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid serviceId)
    {
        var (day, error) = ResumeOn.Parse("The day the service starts again", required: true);
        EnsureValid(error is null ? [] : [new FieldError(nameof(ResumeOn), error)]);
        var s = await Commissioning.ResumeAsync(id, serviceId, Revision, day, HttpContext.RequestAborted);
        Flash($"'{s.Description}' ({s.Service}) starts again on {UkFormat.Date(day!.Value)}");
        return RedirectToPage("/Providers/Services", new { id });
    }
}
