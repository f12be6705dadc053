using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Adds ("New") or changes a costed element of the plan.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class ElementModel(SupportPlanService plans) : PlanPageModel(plans)
{
    public const string NewId = "New";

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public ServiceCategory? Category { get; set; }

    [BindProperty]
    public string? Provider { get; set; }

    [BindProperty]
    public string? UnitCost { get; set; }

    [BindProperty]
    public UnitType? UnitType { get; set; }

    [BindProperty]
    public string? UnitsPerWeek { get; set; }

    [BindProperty]
    public DateInput StartDate { get; set; } = new();

    [BindProperty]
    public DateInput EndDate { get; set; } = new();

    [BindProperty]
    public Deployment? Deployment { get; set; }

    /// <summary>The need it meets: a need's name, or "None".</summary>
    [BindProperty]
    public string? MeetsNeed { get; set; }

    public bool IsNew { get; private set; }

    public static IReadOnlyList<SelectListItem> DeploymentItems => SelectItems.ForEnum<Deployment>();

    public IEnumerable<SelectListItem> NeedItems =>
        View.EligibleNeeds.Select(n => new SelectListItem(n.Label(), n.Code)).Append(new SelectListItem("None in particular", "None"));

    public async Task OnGetAsync(Guid planId, string elementId)
    {
        await LoadAsync(planId, fromRecord: true);
        if (Find(elementId) is { } e)
        {
            Description = e.Description;
            Category = e.Category;
            Provider = e.Provider;
            UnitCost = NumberInput.Show(e.UnitCost);
            UnitType = e.UnitType;
            UnitsPerWeek = e.UnitsPerWeek.ToString("0.##", CultureInfo.InvariantCulture);
            StartDate = DateInput.From(e.StartDate);
            EndDate = DateInput.From(e.EndDate);
            Deployment = e.Deployment;
            MeetsNeed = e.MeetsNeed?.ToString() ?? "None";
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid planId, string elementId)
    {
        await LoadAsync(planId, fromRecord: false);
        var existing = Find(elementId);
        var errors = new List<FieldError>();
        var unitCost = NumberInput.Money(UnitCost, nameof(UnitCost), "Unit cost", required: false, errors);
        var units = Units(UnitsPerWeek, errors);
        var (start, startError) = StartDate.Parse("Start date", required: false);
        if (startError is not null) errors.Add(new(nameof(StartDate), startError));
        var (end, endError) = EndDate.Parse("End date", required: false);
        if (endError is not null) errors.Add(new(nameof(EndDate), endError));
        EligibleNeed? need = null;
        if (MeetsNeed is not null and not "None")
        {
            if (EligibleNeed.Parse(MeetsNeed) is { } n)
            {
                need = n;
            }
            else
            {
                errors.Add(new(nameof(MeetsNeed), "Select one of the person's eligible needs, or none"));
            }
        }

        var input = new ElementInput(Description, Category, Provider, unitCost, UnitType, units, start, end, Deployment, need);
        return await SaveAndRedirectAsync(() => Plans.SaveElementAsync(planId, existing?.Id, input, Revision, errors), Links.PlanOverview(planId),
            existing is null ? "Costed support added" : "Costed support changed");
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Find(reload.Get<string>("elementId"));
    }

    private PlanElement? Find(string elementId)
    {
        IsNew = elementId == NewId;
        if (IsNew)
        {
            return null;
        }

        return Guid.TryParse(elementId, out var id) ? Plan.Elements.SingleOrDefault(e => e.Id == id) ?? throw new NotFoundException("The element") : throw new NotFoundException("The element");
    }

    private static decimal? Units(string? text, List<FieldError> errors)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(nameof(UnitsPerWeek), "Units a week must be a number, like 6 or 1.5"));
            return null;
        }

        return value;
    }
}
