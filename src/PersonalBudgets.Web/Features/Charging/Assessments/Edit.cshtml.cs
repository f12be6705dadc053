using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Assessments;

public sealed class ItemRow
{
    public string? Kind { get; set; }
    public string? Description { get; set; }
    public string? Amount { get; set; }

    /// <summary>Income: the night-care part. Housing: the benefit paid towards it.</summary>
    public string? Other { get; set; }

    /// <summary>Income: why it is disregarded. Capital: why it is disregarded. DRE: why it arises from the disability.</summary>
    public string? Reason { get; set; }

    public bool Joint { get; set; }
    public bool EvidenceSeen { get; set; }
    public string? Evidence { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Kind) && string.IsNullOrWhiteSpace(Amount) && string.IsNullOrWhiteSpace(Description);
}

/// <summary>
/// What the finance officer records: the type of assessment, the household and premiums for the MIG, and each item of
/// income, capital, housing cost and disability-related expenditure with the evidence seen. Three blank rows of each
/// kind follow the filled ones (no JavaScript needed); saving adds three more.
/// </summary>
[RequirePermission(Permission.AssessFinances)]
public sealed class EditModel(FinancialAssessmentService finance) : GovukPageModel
{
    private const int BlankRows = 3;

    [BindProperty] public int Revision { get; set; }
    [BindProperty] public FinancialAssessmentType? Type { get; set; }
    [BindProperty] public LightTouchOutcome? LightTouch { get; set; }
    [BindProperty] public string? LightTouchReason { get; set; }
    [BindProperty] public MigAgeBand? AgeBand { get; set; }
    [BindProperty] public Household? Household { get; set; }
    [BindProperty] public string? Children { get; set; }
    [BindProperty] public bool DisabilityPremium { get; set; }
    [BindProperty] public bool EnhancedDisabilityPremium { get; set; }
    [BindProperty] public bool CarerPremium { get; set; }
    [BindProperty] public bool NightCareArranged { get; set; }
    [BindProperty] public bool UseStandardDreAllowance { get; set; }
    [BindProperty] public List<ItemRow> Income { get; set; } = [];
    [BindProperty] public List<ItemRow> Capital { get; set; } = [];
    [BindProperty] public List<ItemRow> Housing { get; set; } = [];
    [BindProperty] public List<ItemRow> Dre { get; set; } = [];

    public FinanceView View { get; private set; } = null!;

    public static IEnumerable<SelectListItem> Kinds<T>(string? selected) where T : struct, Enum =>
        new[] { new SelectListItem("Choose", "") }.Concat(EnumLabels.All<T>().Select(k => new SelectListItem(k.Label, k.Value.ToString(), k.Value.ToString() == selected)));

    public IEnumerable<SelectListItem> TypeItems => EnumLabels.All<FinancialAssessmentType>().Select(t => new SelectListItem(t.Label, t.Value.ToString(), t.Value == Type));

    public IEnumerable<SelectListItem> LightTouchItems => EnumLabels.All<LightTouchOutcome>().Select(t => new SelectListItem(t.Label, t.Value.ToString(), t.Value == LightTouch));

    public IEnumerable<SelectListItem> AgeBandItems => EnumLabels.All<MigAgeBand>().Select(t => new SelectListItem(t.Label, t.Value.ToString(), t.Value == AgeBand));

    public IEnumerable<SelectListItem> HouseholdItems => EnumLabels.All<Household>().Select(t => new SelectListItem(t.Label, t.Value.ToString(), t.Value == Household));

    public async Task OnGetAsync(Guid id, Guid assessmentId)
    {
        View = await finance.GetAsync(id, assessmentId);
        EnsureInProgress();
        Revision = View.Assessment.Revision;
        FromInput(View.Assessment.Input);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid assessmentId)
    {
        var errors = new List<FieldError>();
        var input = ToInput(errors);
        EnsureValid(errors);
        await finance.RecordAsync(id, assessmentId, Revision, input!);
        Flash("Financial assessment saved. Check the working, then complete it");
        return RedirectToPage("/Charging/Assessments/Details", new { id, assessmentId });
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        View = await finance.GetAsync(reload.Get<Guid>("id"), reload.Get<Guid>("assessmentId"));
        if (reload.AfterConflict)
        {
            Revision = View.Assessment.Revision;
        }

        Pad();
    }

    private void EnsureInProgress()
    {
        if (View.Assessment.Status != FinancialAssessmentStatus.InProgress)
        {
            throw new DomainException("financial-assessment-completed", "This financial assessment is completed and cannot be changed. Correct it instead");
        }
    }

    private void FromInput(FinancialAssessmentInput i)
    {
        static string M(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        Type = i.Type;
        LightTouch = i.LightTouch;
        LightTouchReason = i.LightTouchReason;
        AgeBand = i.AgeBand;
        Household = i.Household;
        Children = i.Children.ToString(CultureInfo.InvariantCulture);
        DisabilityPremium = i.DisabilityPremium;
        EnhancedDisabilityPremium = i.EnhancedDisabilityPremium;
        CarerPremium = i.CarerPremium;
        NightCareArranged = i.NightCareArranged;
        UseStandardDreAllowance = i.UseStandardDreAllowance;
        Income = i.IncomeItems.Select(x => new ItemRow { Kind = x.Kind.ToString(), Description = x.Description, Amount = M(x.Weekly), Other = x.NightCareWeekly == 0 ? null : M(x.NightCareWeekly), Reason = x.DisregardReason, EvidenceSeen = x.EvidenceSeen, Evidence = x.Evidence }).ToList();
        Capital = i.CapitalItems.Select(x => new ItemRow { Kind = x.Kind.ToString(), Description = x.Description, Amount = M(x.Value), Joint = x.JointlyOwned, Reason = x.DisregardReason, EvidenceSeen = x.EvidenceSeen, Evidence = x.Evidence }).ToList();
        Housing = i.HousingCosts.Select(x => new ItemRow { Kind = x.Kind.ToString(), Amount = M(x.Weekly), Other = x.BenefitWeekly == 0 ? null : M(x.BenefitWeekly), EvidenceSeen = x.EvidenceSeen, Evidence = x.Evidence }).ToList();
        Dre = i.DreItems.Select(x => new ItemRow { Kind = x.Kind.ToString(), Description = x.Description, Amount = M(x.Weekly), Reason = x.Reason, EvidenceSeen = x.EvidenceSeen, Evidence = x.Evidence }).ToList();
        Pad();
    }

    private void Pad()
    {
        foreach (var list in new[] { Income, Capital, Housing, Dre })
        {
            list.RemoveAll(r => r.IsBlank);
            for (var n = 0; n < BlankRows; n++)
            {
                list.Add(new ItemRow());
            }
        }
    }

    private FinancialAssessmentInput? ToInput(List<FieldError> errors)
    {
        if (Type is null || !Enum.IsDefined(Type.Value)) errors.Add(new(nameof(Type), "Select the type of financial assessment"));
        var children = string.IsNullOrWhiteSpace(Children) ? 0 : NumberInput.Whole(Children, nameof(Children), "Number of children", errors) ?? 0;

        T? Kind<T>(ItemRow r, string field, string what) where T : struct, Enum
        {
            if (Enum.TryParse<T>(r.Kind, out var k) && Enum.IsDefined(k)) return k;
            errors.Add(new(field, $"Select what the {what} is"));
            return null;
        }

        decimal Money(string? text, string field, string label, bool required) => NumberInput.Money(text, field, label, required, errors) ?? 0m;
        string? Text(string? t) => string.IsNullOrWhiteSpace(t) ? null : (t.Trim().Length > 500 ? t.Trim()[..500] : t.Trim());

        var income = Income.Select((r, i) => (r, i)).Where(x => !x.r.IsBlank).Select(x =>
        {
            var f = $"Income[{x.i}]";
            var k = Kind<IncomeKind>(x.r, f + ".Kind", $"income in row {x.i + 1}");
            return new IncomeItem(k ?? default, Text(x.r.Description), Money(x.r.Amount, f + ".Amount", $"Income row {x.i + 1}: weekly amount", true),
                Money(x.r.Other, f + ".Other", $"Income row {x.i + 1}: night-care part", false), Text(x.r.Reason), x.r.EvidenceSeen, Text(x.r.Evidence));
        }).ToList();
        var capital = Capital.Select((r, i) => (r, i)).Where(x => !x.r.IsBlank).Select(x =>
        {
            var f = $"Capital[{x.i}]";
            var k = Kind<CapitalKind>(x.r, f + ".Kind", $"capital in row {x.i + 1}");
            return new CapitalItem(k ?? default, Text(x.r.Description), Money(x.r.Amount, f + ".Amount", $"Capital row {x.i + 1}: value", true), x.r.Joint, Text(x.r.Reason), x.r.EvidenceSeen, Text(x.r.Evidence));
        }).ToList();
        var housing = Housing.Select((r, i) => (r, i)).Where(x => !x.r.IsBlank).Select(x =>
        {
            var f = $"Housing[{x.i}]";
            var k = Kind<HousingCostKind>(x.r, f + ".Kind", $"housing cost in row {x.i + 1}");
            return new HousingCost(k ?? default, Money(x.r.Amount, f + ".Amount", $"Housing row {x.i + 1}: weekly cost", true),
                Money(x.r.Other, f + ".Other", $"Housing row {x.i + 1}: benefit towards it", false), x.r.EvidenceSeen, Text(x.r.Evidence));
        }).ToList();
        var dre = Dre.Select((r, i) => (r, i)).Where(x => !x.r.IsBlank).Select(x =>
        {
            var f = $"Dre[{x.i}]";
            var k = Kind<DreKind>(x.r, f + ".Kind", $"cost in row {x.i + 1}");
            return new DreItem(k ?? default, Text(x.r.Description), Money(x.r.Amount, f + ".Amount", $"Disability-related cost row {x.i + 1}: weekly amount", true), Text(x.r.Reason), x.r.EvidenceSeen, Text(x.r.Evidence));
        }).ToList();

        if (errors.Count > 0)
        {
            return null;
        }

        var input = new FinancialAssessmentInput(Type!.Value, 0m, AgeBand ?? MigAgeBand.Aged25ToPensionCreditAge, Household ?? Core.Charging.Household.SinglePerson, children,
            DisabilityPremium, EnhancedDisabilityPremium, CarerPremium, NightCareArranged, capital, income, housing, UseStandardDreAllowance, dre,
            Type == FinancialAssessmentType.LightTouch ? LightTouch : null, Type == FinancialAssessmentType.LightTouch ? Text(LightTouchReason) : null);
        // The calculation's own checks name fields by the item's position among the filled rows: map them to the form's rows.
        foreach (var problem in ChargingCalculator.Problems(input))
        {
            errors.Add(problem with { Field = MapField(problem.Field) });
        }

        return input;
    }

    private string MapField(string field)
    {
        foreach (var (name, rows) in new[] { ("Income", Income), ("Capital", Capital), ("Housing", Housing), ("Dre", Dre) })
        {
            if (!field.StartsWith(name + "[", StringComparison.Ordinal))
            {
                continue;
            }

            var close = field.IndexOf(']', StringComparison.Ordinal);
            var n = int.Parse(field[(name.Length + 1)..close], CultureInfo.InvariantCulture);
            var row = rows.Select((r, i) => (r, i)).Where(x => !x.r.IsBlank).ElementAt(n).i;
            var prop = field[(close + 2)..] switch
            {
                "Weekly" or "Value" => "Amount",
                "NightCareWeekly" or "BenefitWeekly" => "Other",
                "DisregardReason" => "Reason",
                var other => other,
            };
            return $"{name}[{row}].{prop}";
        }

        return field;
    }
}
