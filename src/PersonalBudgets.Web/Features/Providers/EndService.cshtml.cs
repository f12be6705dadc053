using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>Ends a commissioned service on a date: the last day the provider delivers it for the person.</summary>
[RequirePermission(Permission.PayProviders)]
public sealed class EndServiceModel(CommissioningService commissioning, People.PersonService people) : ServicePageModel(commissioning, people)
{
    [BindProperty] public DateInput EndDate { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid serviceId)
    {
        var (end, error) = EndDate.Parse("The end date", required: true);
        EnsureValid(error is null ? [] : [new FieldError(nameof(EndDate), error)]);
        var s = await Commissioning.EndAsync(id, serviceId, Revision, end, HttpContext.RequestAborted);
        Flash($"'{s.Description}' ({s.Service}) ends on {UkFormat.Date(s.EndDate!.Value)}");
        return RedirectToPage("/Providers/Services", new { id });
    }
}
