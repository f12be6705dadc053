using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>
/// Commissions a provider for an element of the person's approved plan paid by an individual service fund or a
/// council-commissioned service (ADR 0035, 0038): the element, the provider's service (its rate on the start date
/// applies), units a week, start and optional end.
/// </summary>
[RequirePermission(Permission.PayProviders)]
public sealed class CommissionModel(CommissioningService commissioning, People.PersonService people) : GovukPageModel
{
    [BindProperty] public Guid? ElementId { get; set; }

    /// <summary>The provider and its service, as "provider id|service" (one choice, so it works without JavaScript).</summary>
    [BindProperty] public string? ProviderService { get; set; }

    [BindProperty] public string? UnitsPerWeek { get; set; }
    [BindProperty] public DateInput StartDate { get; set; } = new();
    [BindProperty] public DateInput EndDate { get; set; } = new();

    public People.PersonRecord Record { get; private set; } = null!;

    public CommissionOptions Options { get; private set; } = null!;

    public IReadOnlyList<SelectListItem> ElementItems { get; private set; } = [];

    public IReadOnlyList<SelectListItem> ServiceItems { get; private set; } = [];

    public Task OnGetAsync(Guid id) => LoadAsync(id);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var errors = new List<FieldError>();
        var (start, startError) = StartDate.Parse("The date the service starts", required: true);
        if (startError is not null) errors.Add(new FieldError(nameof(StartDate), startError));
        var (end, endError) = EndDate.Parse("The date the service ends", required: false);
        if (endError is not null) errors.Add(new FieldError(nameof(EndDate), endError));
        decimal? units = null;
        if (!string.IsNullOrWhiteSpace(UnitsPerWeek))
        {
            if (decimal.TryParse(UnitsPerWeek.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var u))
            {
                units = u;
            }
            else
            {
                errors.Add(new FieldError(nameof(UnitsPerWeek), "Units a week must be a number, like 10 or 7.5"));
            }
        }

        Guid? providerId = null;
        string? service = null;
        if (ProviderService?.Split('|', 2) is [var p, var name] && Guid.TryParse(p, out var parsed))
        {
            providerId = parsed;
            service = name;
        }

        var options = await commissioning.CommissionOptionsAsync(id, HttpContext.RequestAborted);
        if (options.ApprovedPlan is null)
        {
            errors.Add(new FieldError(nameof(ElementId), "The person has no approved plan: services are commissioned from an approved plan's elements"));
        }

        EnsureValid(errors);
        var s = await commissioning.CommissionAsync(id, options.ApprovedPlan!.Id, ElementId, providerId, service, units, start, end, HttpContext.RequestAborted);
        Flash($"Commissioned {s.Service} for '{s.Description}' from {UkFormat.Date(s.StartDate)}: {UkFormat.Money(s.WeeklyCost)} a week");
        return RedirectToPage("/Providers/Services", new { id });
    }

    /// <summary>The provider and its service are one choice on the page.</summary>
    protected override string ErrorKey(string field) => field switch
    {
        "ProviderId" or "Service" => nameof(ProviderService),
        "PlanId" => nameof(ElementId),
        _ => field,
    };

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"));

    private async Task LoadAsync(Guid id)
    {
        Record = await people.ViewAsync(id, HttpContext.RequestAborted);
        Options = await commissioning.CommissionOptionsAsync(id, HttpContext.RequestAborted);
        ElementItems = Options.Elements.Select(e => new SelectListItem(
            $"{e.Description} ({e.Deployment.Label()}, {e.UnitsPerWeek} a week, from {UkFormat.Date(e.StartDate)}{(e.EndDate is { } end ? $" to {UkFormat.Date(end)}" : "")})",
            e.Id.ToString())).ToList();
        ServiceItems =
        [
            new SelectListItem("Choose a provider's service", ""),
            .. Options.Services.Select(o => new SelectListItem($"{o.ProviderName}: {o.Service} ({UkFormat.Money(o.Rate)} a {o.Unit.Label().ToLowerInvariant()})", $"{o.ProviderId}|{o.Service}")),
        ];
    }
}
