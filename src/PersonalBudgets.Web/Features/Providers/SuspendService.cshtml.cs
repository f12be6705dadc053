using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>Suspends a commissioned service from a date, to a date or until further notice, with a reason (ADR 0040).</summary>
[RequirePermission(Permission.PayProviders)]
public sealed class SuspendServiceModel(CommissioningService commissioning, People.PersonService people) : ServicePageModel(commissioning, people)
{
    [BindProperty] public DateInput SuspendFrom { get; set; } = new();
    [BindProperty] public DateInput SuspendTo { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid serviceId)
    {
        var errors = new List<FieldError>();
        var (from, fromError) = SuspendFrom.Parse("The first day of the suspension", required: true);
        if (fromError is not null) errors.Add(new FieldError(nameof(SuspendFrom), fromError));
        var (to, toError) = SuspendTo.Parse("The last day of the suspension", required: false);
        if (toError is not null) errors.Add(new FieldError(nameof(SuspendTo), toError));
        EnsureValid(errors);
        var s = await Commissioning.SuspendAsync(id, serviceId, Revision, from, to, Reason, HttpContext.RequestAborted);
        Flash($"'{s.Description}' ({s.Service}) is suspended from {UkFormat.Date(from!.Value)}{(to is { } t ? $" to {UkFormat.Date(t)}" : " until further notice")}");
        return RedirectToPage("/Providers/Services", new { id });
    }
}
