using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>Records a change of a commissioned service's units a week or rate from a date (ADR 0040).</summary>
[RequirePermission(Permission.PayProviders)]
public sealed class ChangeServiceModel(CommissioningService commissioning, People.PersonService people) : ServicePageModel(commissioning, people)
{
    [BindProperty] public DateInput ChangeFrom { get; set; } = new();
    [BindProperty] public string? UnitsPerWeek { get; set; }
    [BindProperty] public string? Rate { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid serviceId)
    {
        var errors = new List<FieldError>();
        var (from, fromError) = ChangeFrom.Parse("The date the change starts", required: true);
        if (fromError is not null) errors.Add(new FieldError(nameof(ChangeFrom), fromError));
        var units = Number(UnitsPerWeek, nameof(UnitsPerWeek), "Units a week must be a number, like 10 or 7.5", errors);
        var rate = Number(Rate?.TrimStart('£'), nameof(Rate), "The rate must be an amount in pounds and pence, like 25.50", errors);
        EnsureValid(errors);
        var s = await Commissioning.ChangeAsync(id, serviceId, Revision, from, units, rate, Reason, HttpContext.RequestAborted);
        var change = s.Changes[^1];
        Flash($"'{s.Description}' ({s.Service}) changes from {UkFormat.Date(change.From)}: {change.UnitsPerWeek} a week at {UkFormat.Money(change.Rate)}, {UkFormat.Money(change.WeeklyCost)} a week");
        return RedirectToPage("/Providers/Services", new { id });
    }

    private static decimal? Number(string? text, string field, string message, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(field, message));
        return null;
    }
}
