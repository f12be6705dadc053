using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Charging;

public enum WorkingSection
{
    [Display(Name = "Capital")] Capital,
    [Display(Name = "Income")] Income,
    [Display(Name = "Housing costs")] Housing,
    [Display(Name = "Disability-related expenditure")] Dre,
    [Display(Name = "Minimum income guarantee")] Mig,
    [Display(Name = "Contribution")] Contribution,
}

/// <summary>One line of the working: what it is, and the weekly amount (or capital value) it adds, when it has one.</summary>
public sealed record WorkingLine(WorkingSection Section, string Text, decimal? Amount = null);

/// <summary>Why the contribution is what it is.</summary>
public enum ContributionBasis
{
    [Display(Name = "Worked out from income and capital")] Assessed,
    [Display(Name = "Capital above the upper limit: the full cost")] CapitalAboveUpperLimit,
    [Display(Name = "Limited to the weekly cost of the support")] CappedAtCost,
    [Display(Name = "Below the council's minimum charge: nothing to pay")] BelowMinimumCharge,
    [Display(Name = "Declined a financial assessment: the full cost")] Declined,
    [Display(Name = "Light-touch: the full cost")] LightTouchFullCost,
    [Display(Name = "Light-touch: nothing to pay")] LightTouchNoCharge,
    [Display(Name = "Section 117 aftercare: no charge")] Section117,
}

/// <summary>A financial assessment's result and every step of its working, so the person can check how it was reached.</summary>
public sealed record ChargingResult(
    FinancialAssessmentType Type,
    IReadOnlyList<WorkingLine> Lines,
    decimal CapitalCounted,
    decimal TariffIncome,
    decimal IncomeCounted,
    decimal IncomeDisregarded,
    decimal HousingAllowed,
    decimal DreAllowed,
    decimal Mig,
    decimal Available,
    decimal WeeklyCost,
    decimal Weekly,
    ContributionBasis Basis)
{
    public decimal Annual => Money.Annual(Weekly);

    /// <summary>The working in plain English, one step a line.</summary>
    public IReadOnlyList<string> Steps() => Lines.Select(l => l.Amount is { } a ? $"{l.Text}: {UkFormat.Money(a)}" : l.Text).ToList();
}

/// <summary>
/// The Care and Support (Charging and Assessment of Resources) Regulations 2014 arithmetic for care other than in a
/// care home. Pure: the same policy and input give the same result. Tariff income counts as income (reg 15), so the
/// minimum income guarantee protects it as it protects the rest of the person's income.
/// </summary>
public static class ChargingCalculator
{
    public static ChargingResult Calculate(ChargingPolicyDefinition policy, FinancialAssessmentInput input)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);
        var cost = Money.Round(input.WeeklyCost);
        var lines = new List<WorkingLine>();

        switch (input.Type)
        {
            case FinancialAssessmentType.NilSection117:
                lines.Add(new(WorkingSection.Contribution, "Section 117 aftercare is free: there is no charge and no contribution", 0m));
                return Simple(input.Type, lines, cost, 0m, ContributionBasis.Section117);
            case FinancialAssessmentType.Declined:
                lines.Add(new(WorkingSection.Contribution, "The person chose not to have a financial assessment, so they pay the full weekly cost", cost));
                return Simple(input.Type, lines, cost, cost, ContributionBasis.Declined);
            case FinancialAssessmentType.LightTouch:
                var full = input.LightTouch == LightTouchOutcome.FullCost;
                lines.Add(new(WorkingSection.Contribution, full
                    ? $"A light-touch assessment found the person can clearly pay the full weekly cost ({input.LightTouchReason})"
                    : $"A light-touch assessment found the person clearly cannot pay anything ({input.LightTouchReason})", full ? cost : 0m));
                return Simple(input.Type, lines, cost, full ? cost : 0m, full ? ContributionBasis.LightTouchFullCost : ContributionBasis.LightTouchNoCharge);
        }

        // Capital
        var capital = 0m;
        foreach (var item in input.CapitalItems)
        {
            var name = Name(item.Kind, item.Description);
            var value = Money.Round(item.Value);
            if (StatutoryCapitalDisregard(item.Kind) is { } why)
            {
                lines.Add(new(WorkingSection.Capital, $"{name} ({UkFormat.Money(value)}) is not counted: {why}", 0m));
                continue;
            }

            if (!string.IsNullOrWhiteSpace(item.DisregardReason))
            {
                lines.Add(new(WorkingSection.Capital, $"{name} ({UkFormat.Money(value)}) is not counted: {item.DisregardReason.Trim()}", 0m));
                continue;
            }

            var share = item.JointlyOwned ? Money.Round(value / 2m) : value;
            lines.Add(new(WorkingSection.Capital, item.JointlyOwned ? $"{name}, owned jointly: half of {UkFormat.Money(value)} is counted" : $"{name} is counted", share));
            capital += share;
        }

        lines.Add(new(WorkingSection.Capital, "Capital counted", capital));
        if (capital > policy.UpperCapitalLimit)
        {
            lines.Add(new(WorkingSection.Contribution, $"Capital of {UkFormat.Money(capital)} is above the upper limit of {UkFormat.Money(policy.UpperCapitalLimit)}, so the person pays the full weekly cost", cost));
            return new ChargingResult(input.Type, lines, capital, 0m, 0m, 0m, 0m, 0m, 0m, 0m, cost, cost, ContributionBasis.CapitalAboveUpperLimit);
        }

        var tariff = TariffIncome(policy, capital);
        lines.Add(new(WorkingSection.Capital, capital > policy.LowerCapitalLimit
            ? $"Tariff income: {UkFormat.Money(policy.TariffPerStep)} a week for every {UkFormat.Money(policy.TariffStep)}, or part of {UkFormat.Money(policy.TariffStep)}, above the lower limit of {UkFormat.Money(policy.LowerCapitalLimit)} ({UkFormat.Money(capital - policy.LowerCapitalLimit)} above it)"
            : $"Tariff income: none, as capital is not above the lower limit of {UkFormat.Money(policy.LowerCapitalLimit)}", tariff));

        // Income
        var counted = 0m;
        var disregarded = 0m;
        foreach (var item in input.IncomeItems)
        {
            var name = Name(item.Kind, item.Description);
            var weekly = Money.Round(item.Weekly);
            if (StatutoryIncomeDisregard(item.Kind) is { } why)
            {
                lines.Add(new(WorkingSection.Income, $"{name} ({UkFormat.Money(weekly)}) is not counted: {why}", 0m));
                disregarded += weekly;
                continue;
            }

            if (item.Kind == IncomeKind.OtherDisregarded)
            {
                lines.Add(new(WorkingSection.Income, $"{name} ({UkFormat.Money(weekly)}) is not counted: {item.DisregardReason?.Trim()}", 0m));
                disregarded += weekly;
                continue;
            }

            var night = Money.Round(item.NightCareWeekly);
            if (night > 0 && HasNightCarePart(item.Kind) && !input.NightCareArranged && policy.Discretions.DisregardNightCareWhenNoneArranged)
            {
                lines.Add(new(WorkingSection.Income, $"{name}: {UkFormat.Money(weekly)}, less its night-care part of {UkFormat.Money(night)} (the council does not count it when it arranges no night care)", weekly - night));
                counted += weekly - night;
                disregarded += night;
                continue;
            }

            lines.Add(new(WorkingSection.Income, $"{name} is counted", weekly));
            counted += weekly;
        }

        lines.Add(new(WorkingSection.Income, "Income counted", counted));
        if (tariff > 0)
        {
            lines.Add(new(WorkingSection.Income, "Tariff income from capital is added to income", tariff));
        }

        // Housing
        var housing = 0m;
        foreach (var h in input.HousingCosts)
        {
            var net = Math.Max(0m, Money.Round(h.Weekly) - Money.Round(h.BenefitWeekly));
            var label = ((Enum)h.Kind).Label();
            lines.Add(new(WorkingSection.Housing, h.BenefitWeekly > 0
                ? $"{label}: {UkFormat.Money(h.Weekly)} less {UkFormat.Money(h.BenefitWeekly)} paid by benefits"
                : label, net));
            housing += net;
        }

        lines.Add(new(WorkingSection.Housing, "Housing costs allowed", housing));

        // Disability-related expenditure: itemised in full, never capped; or the council's standard allowance.
        decimal dre;
        if (input.UseStandardDreAllowance)
        {
            dre = policy.StandardDreAllowance;
            lines.Add(new(WorkingSection.Dre, "The council's standard allowance, used instead of listing each cost (the person can ask for their actual costs to be listed instead)", dre));
        }
        else
        {
            dre = 0m;
            foreach (var d in input.DreItems)
            {
                var weekly = Money.Round(d.Weekly);
                var label = Name(d.Kind, d.Description);
                lines.Add(new(WorkingSection.Dre, string.IsNullOrWhiteSpace(d.Reason) ? label : $"{label} ({d.Reason.Trim()})", weekly));
                dre += weekly;
            }

            lines.Add(new(WorkingSection.Dre, "Disability-related expenditure allowed in full", dre));
        }

        // Minimum income guarantee
        var mig = Mig(policy, input, lines);

        var assessable = counted + tariff;
        var available = Math.Max(0m, assessable - housing - dre - mig);
        lines.Add(new(WorkingSection.Contribution, $"Income counted and tariff income ({UkFormat.Money(assessable)}) less housing costs, disability-related expenditure and the minimum income guarantee ({UkFormat.Money(housing + dre + mig)}), not below £0", available));

        var contribution = available;
        var basis = ContributionBasis.Assessed;
        if (contribution > cost)
        {
            contribution = cost;
            basis = ContributionBasis.CappedAtCost;
            lines.Add(new(WorkingSection.Contribution, $"This is more than the weekly cost of the support ({UkFormat.Money(cost)}), so the contribution is the cost", contribution));
        }

        if (contribution > 0 && contribution < policy.MinimumCharge)
        {
            lines.Add(new(WorkingSection.Contribution, $"This is below the council's minimum charge of {UkFormat.Money(policy.MinimumCharge)}, so nothing is charged", 0m));
            contribution = 0m;
            basis = ContributionBasis.BelowMinimumCharge;
        }

        lines.Add(new(WorkingSection.Contribution, "The person's weekly contribution", contribution));
        return new ChargingResult(input.Type, lines, capital, tariff, counted, disregarded, housing, dre, mig, available, cost, contribution, basis);
    }

    /// <summary>£1 (the policy's amount) a week for every £250 (the step), or part of £250, above the lower limit.</summary>
    public static decimal TariffIncome(ChargingPolicyDefinition policy, decimal capital)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (capital <= policy.LowerCapitalLimit)
        {
            return 0m;
        }

        var steps = Math.Ceiling((capital - policy.LowerCapitalLimit) / policy.TariffStep);
        return Money.Round(steps * policy.TariffPerStep);
    }

    private static decimal Mig(ChargingPolicyDefinition policy, FinancialAssessmentInput input, List<WorkingLine> lines)
    {
        var m = policy.Mig;
        var pension = input.AgeBand == MigAgeBand.PensionCreditAge;
        var (basic, label) = input.Household switch
        {
            Household.Couple => pension ? (m.CoupleEachPensionCreditAge, "Member of a couple, pension credit age or over")
                : (m.CoupleEachAged18ToPensionCreditAge, "Member of a couple, aged 18 to pension credit age"),
            Household.LoneParent => pension ? (m.SinglePensionCreditAge, "Lone parent, pension credit age or over")
                : (m.LoneParentAged18ToPensionCreditAge, "Lone parent, aged 18 to pension credit age"),
            _ => input.AgeBand switch
            {
                MigAgeBand.Aged18To24 => (m.SingleAged18To24, "Single, aged 18 to 24"),
                MigAgeBand.Aged25ToPensionCreditAge => (m.SingleAged25ToPensionCreditAge, "Single, aged 25 to pension credit age"),
                _ => (m.SinglePensionCreditAge, "Single, pension credit age or over"),
            },
        };
        lines.Add(new(WorkingSection.Mig, label, basic));
        var total = basic;
        var couple = input.Household == Household.Couple;
        if (input.Children > 0)
        {
            var children = Money.Round(m.PerChild * input.Children);
            lines.Add(new(WorkingSection.Mig, $"{input.Children} {(input.Children == 1 ? "child" : "children")} at {UkFormat.Money(m.PerChild)} each", children));
            total += children;
        }

        if (input.DisabilityPremium)
        {
            var dp = couple ? m.DisabilityPremiumCoupleEach : m.DisabilityPremiumSingle;
            lines.Add(new(WorkingSection.Mig, "Disability premium", dp));
            total += dp;
        }

        if (input.EnhancedDisabilityPremium)
        {
            var edp = couple ? m.EnhancedDisabilityPremiumCoupleEach : m.EnhancedDisabilityPremiumSingle;
            lines.Add(new(WorkingSection.Mig, "Enhanced disability premium", edp));
            total += edp;
        }

        if (input.CarerPremium)
        {
            lines.Add(new(WorkingSection.Mig, "Carer premium", m.CarerPremium));
            total += m.CarerPremium;
        }

        if (policy.Discretions.MigUpliftPercent > 0)
        {
            var uplift = Money.Round(total * policy.Discretions.MigUpliftPercent / 100m);
            lines.Add(new(WorkingSection.Mig, $"The council's uplift of {policy.Discretions.MigUpliftPercent:0.##}%", uplift));
            total += uplift;
        }

        lines.Add(new(WorkingSection.Mig, "Minimum income guarantee (weekly)", total));
        return total;
    }

    private static ChargingResult Simple(FinancialAssessmentType type, List<WorkingLine> lines, decimal cost, decimal weekly, ContributionBasis basis) =>
        new(type, lines, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, cost, weekly, basis);

    private static string Name(Enum kind, string? description) =>
        string.IsNullOrWhiteSpace(description) ? kind.Label() : $"{kind.Label()}: {description.Trim()}";

    private static string? StatutoryCapitalDisregard(CapitalKind kind) => kind switch
    {
        CapitalKind.MainHome => "the main home is not counted for care outside a care home",
        CapitalKind.PersonalPossessions => "personal possessions are not counted",
        CapitalKind.LifeInsurance => "the surrender value of life insurance and annuities is not counted",
        CapitalKind.PersonalInjuryTrust => "personal injury payments held in trust are not counted",
        _ => null,
    };

    private static string? StatutoryIncomeDisregard(IncomeKind kind) => kind switch
    {
        IncomeKind.Earnings => "earnings from work are not counted",
        IncomeKind.PipMobility => "the mobility part of PIP is not counted",
        IncomeKind.DlaMobility => "the mobility part of DLA is not counted",
        IncomeKind.HousingBenefit => "Housing Benefit is taken off the housing costs instead",
        IncomeKind.ChildBenefit => "Child Benefit is not counted",
        _ => null,
    };

    private static bool HasNightCarePart(IncomeKind kind) => kind is IncomeKind.AttendanceAllowance or IncomeKind.DlaCare or IncomeKind.PipDailyLiving;

    /// <summary>Input rules, each naming its field (as the pages and API name them).</summary>
    public static IReadOnlyList<FieldError> Problems(FinancialAssessmentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var e = new List<FieldError>();
        if (input.WeeklyCost < 0) e.Add(new("WeeklyCost", "The weekly cost cannot be negative"));
        if (input.Type == FinancialAssessmentType.LightTouch)
        {
            if (input.LightTouch is null) e.Add(new("LightTouch", "Select what the light-touch assessment found"));
            if (string.IsNullOrWhiteSpace(input.LightTouchReason)) e.Add(new("LightTouchReason", "Say why a light-touch assessment is enough (for example, the benefits the person receives)"));
        }

        if (input.Type != FinancialAssessmentType.Full)
        {
            return e;
        }

        if (input.Children is < 0 or > 20) e.Add(new("Children", "Enter the number of children, from 0 to 20"));
        for (var i = 0; i < input.CapitalItems.Count; i++)
        {
            var c = input.CapitalItems[i];
            if (c.Value < 0) e.Add(new($"Capital[{i}].Value", $"Capital item {i + 1}: the value cannot be negative"));
            if (c.Kind == CapitalKind.Other && string.IsNullOrWhiteSpace(c.Description)) e.Add(new($"Capital[{i}].Description", $"Capital item {i + 1}: describe the capital"));
        }

        for (var i = 0; i < input.IncomeItems.Count; i++)
        {
            var x = input.IncomeItems[i];
            if (x.Weekly < 0) e.Add(new($"Income[{i}].Weekly", $"Income item {i + 1}: the weekly amount cannot be negative"));
            if (x.NightCareWeekly < 0 || x.NightCareWeekly > x.Weekly) e.Add(new($"Income[{i}].NightCareWeekly", $"Income item {i + 1}: the night-care part must be between £0 and the weekly amount"));
            if (x.NightCareWeekly > 0 && !HasNightCarePart(x.Kind)) e.Add(new($"Income[{i}].NightCareWeekly", $"Income item {i + 1}: only Attendance Allowance, DLA care and PIP daily living have a night-care part"));
            if (x.Kind == IncomeKind.OtherDisregarded && string.IsNullOrWhiteSpace(x.DisregardReason)) e.Add(new($"Income[{i}].DisregardReason", $"Income item {i + 1}: say why this income is not counted"));
        }

        for (var i = 0; i < input.HousingCosts.Count; i++)
        {
            var h = input.HousingCosts[i];
            if (h.Weekly < 0) e.Add(new($"Housing[{i}].Weekly", $"Housing cost {i + 1}: the weekly amount cannot be negative"));
            if (h.BenefitWeekly < 0) e.Add(new($"Housing[{i}].BenefitWeekly", $"Housing cost {i + 1}: the benefit cannot be negative"));
        }

        for (var i = 0; i < input.DreItems.Count; i++)
        {
            var d = input.DreItems[i];
            if (d.Weekly < 0) e.Add(new($"Dre[{i}].Weekly", $"Disability-related cost {i + 1}: the weekly amount cannot be negative"));
            if (d.Kind == DreKind.Other && string.IsNullOrWhiteSpace(d.Reason)) e.Add(new($"Dre[{i}].Reason", $"Disability-related cost {i + 1}: say why this cost arises from the person's disability"));
        }

        if (input.UseStandardDreAllowance && input.DreItems.Count > 0) e.Add(new("UseStandardDreAllowance", "Use either the standard allowance or the listed costs, not both"));
        return e;
    }

    private static void Validate(FinancialAssessmentInput input)
    {
        var problems = Problems(input);
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
    }
}
