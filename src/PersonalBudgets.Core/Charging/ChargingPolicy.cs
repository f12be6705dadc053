using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Charging;

/// <summary>
/// The minimum income guarantee table for one financial year (Charging Regulations reg 7), weekly. A couple's figures
/// are for each member. Child, disability, enhanced disability and carer amounts are added to the band's amount.
/// </summary>
public sealed record MigTable(
    decimal SingleAged18To24,
    decimal SingleAged25ToPensionCreditAge,
    decimal SinglePensionCreditAge,
    decimal LoneParentAged18ToPensionCreditAge,
    decimal CoupleEachAged18ToPensionCreditAge,
    decimal CoupleEachPensionCreditAge,
    decimal PerChild,
    decimal DisabilityPremiumSingle,
    decimal DisabilityPremiumCoupleEach,
    decimal EnhancedDisabilityPremiumSingle,
    decimal EnhancedDisabilityPremiumCoupleEach,
    decimal CarerPremium);

/// <summary>What the council has chosen where the regulations leave it a choice.</summary>
/// <param name="DisregardNightCareWhenNoneArranged">
/// Disregard the night-care part of Attendance Allowance, DLA care or PIP daily living when the council arranges no
/// night care (the statutory guidance, annex C, leaves this to the council).
/// </param>
/// <param name="MigUpliftPercent">An uplift on the whole MIG, in per cent, where the council is more generous than the circular (0 for none).</param>
public sealed record ChargingDiscretions(bool DisregardNightCareWhenNoneArranged, decimal MigUpliftPercent);

/// <summary>
/// A council's charging policy for care other than in a care home, for one financial year. Figures named in
/// <see cref="Unconfirmed"/> were entered without the circular to hand and must be checked against it before publishing
/// is relied on.
/// </summary>
public sealed record ChargingPolicyDefinition(
    int FinancialYearStart,
    decimal LowerCapitalLimit,
    decimal UpperCapitalLimit,
    decimal TariffStep,
    decimal TariffPerStep,
    MigTable Mig,
    decimal StandardDreAllowance,
    decimal MinimumCharge,
    ChargingDiscretions Discretions,
    string Source,
    IReadOnlyList<string> Unconfirmed)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ChargingPolicyDefinition FromJson(string json) => JsonSerializer.Deserialize<ChargingPolicyDefinition>(json, Json)
        ?? throw new InvalidOperationException("Empty charging policy definition.");

    /// <summary>The financial year as people write it, e.g. "2025 to 2026".</summary>
    public string FinancialYear => FinancialYearLabel(FinancialYearStart);

    public static string FinancialYearLabel(int start) => $"{start} to {start + 1}";

    /// <summary>1 April of the year the policy starts.</summary>
    public DateOnly StartsOn => new(FinancialYearStart, 4, 1);

    public bool IsUnconfirmed(string figure) => Unconfirmed.Contains(figure, StringComparer.Ordinal);

    /// <summary>Every figure of the policy by its name (the names <see cref="Unconfirmed"/> uses), with its amount.</summary>
    public IReadOnlyList<(string Name, string Label, decimal Amount)> Figures() =>
    [
        (nameof(LowerCapitalLimit), "Lower capital limit", LowerCapitalLimit),
        (nameof(UpperCapitalLimit), "Upper capital limit", UpperCapitalLimit),
        (nameof(TariffStep), "Tariff income: for every (or part of)", TariffStep),
        (nameof(TariffPerStep), "Tariff income a week for each step", TariffPerStep),
        (nameof(MigTable.SingleAged18To24), "MIG: single, aged 18 to 24", Mig.SingleAged18To24),
        (nameof(MigTable.SingleAged25ToPensionCreditAge), "MIG: single, aged 25 to pension credit age", Mig.SingleAged25ToPensionCreditAge),
        (nameof(MigTable.SinglePensionCreditAge), "MIG: single, pension credit age or over", Mig.SinglePensionCreditAge),
        (nameof(MigTable.LoneParentAged18ToPensionCreditAge), "MIG: lone parent, aged 18 to pension credit age", Mig.LoneParentAged18ToPensionCreditAge),
        (nameof(MigTable.CoupleEachAged18ToPensionCreditAge), "MIG: member of a couple, aged 18 to pension credit age (each)", Mig.CoupleEachAged18ToPensionCreditAge),
        (nameof(MigTable.CoupleEachPensionCreditAge), "MIG: member of a couple, pension credit age or over (each)", Mig.CoupleEachPensionCreditAge),
        (nameof(MigTable.PerChild), "MIG: for each child the person is responsible for", Mig.PerChild),
        (nameof(MigTable.DisabilityPremiumSingle), "Disability premium (single)", Mig.DisabilityPremiumSingle),
        (nameof(MigTable.DisabilityPremiumCoupleEach), "Disability premium (couple, each)", Mig.DisabilityPremiumCoupleEach),
        (nameof(MigTable.EnhancedDisabilityPremiumSingle), "Enhanced disability premium (single)", Mig.EnhancedDisabilityPremiumSingle),
        (nameof(MigTable.EnhancedDisabilityPremiumCoupleEach), "Enhanced disability premium (couple, each)", Mig.EnhancedDisabilityPremiumCoupleEach),
        (nameof(MigTable.CarerPremium), "Carer premium", Mig.CarerPremium),
        (nameof(StandardDreAllowance), "Standard disability-related expenditure allowance", StandardDreAllowance),
        (nameof(MinimumCharge), "Minimum charge (below this nothing is charged)", MinimumCharge),
    ];

    /// <summary>Everything that stops this policy being published, in plain English.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (FinancialYearStart is < 2015 or > 2100) p.Add("Enter the year the financial year starts, for example 2026");
        foreach (var (_, label, amount) in Figures())
        {
            if (amount < 0) p.Add($"{label} cannot be negative");
            if (decimal.Round(amount, 2) != amount) p.Add($"{label} must be in pounds and pence");
        }

        if (LowerCapitalLimit > UpperCapitalLimit) p.Add("The lower capital limit cannot be above the upper capital limit");
        if (TariffStep <= 0) p.Add("The tariff step must be more than £0");
        if (Mig.SingleAged18To24 <= 0 || Mig.SingleAged25ToPensionCreditAge <= 0 || Mig.SinglePensionCreditAge <= 0
            || Mig.CoupleEachAged18ToPensionCreditAge <= 0 || Mig.CoupleEachPensionCreditAge <= 0 || Mig.LoneParentAged18ToPensionCreditAge <= 0)
        {
            p.Add("Every MIG age band needs an amount");
        }

        if (Discretions.MigUpliftPercent is < 0 or > 100) p.Add("The MIG uplift must be between 0% and 100%");
        if (string.IsNullOrWhiteSpace(Source)) p.Add("Say where the figures come from (for example the DHSC local authority circular)");
        return p;
    }
}

public enum ChargingPolicyStatus
{
    [Display(Name = "Draft")] Draft,
    [Display(Name = "Published")] Published,
}

/// <summary>
/// The council's charging policy for one financial year. Drafts are edited; publishing freezes a version, and it never
/// changes after. One published version per financial year (a correction within a year is a new version that replaces
/// it for assessments made from then on). Financial assessments keep the version they used, so past results never change.
/// </summary>
public sealed class ChargingPolicyVersion
{
    public Guid Id { get; private set; }
    public int FinancialYearStart { get; private set; }
    public int Number { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsExample { get; private set; }
    public ChargingPolicyStatus Status { get; private set; }
    public string DefinitionJson { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedByName { get; private set; }

    /// <summary>True while this is the version in force for its year (the latest published one).</summary>
    public bool IsCurrent { get; private set; }

    public int Revision { get; private set; }

    private ChargingPolicyVersion()
    {
    }

    public ChargingPolicyDefinition Definition => ChargingPolicyDefinition.FromJson(DefinitionJson);

    public static ChargingPolicyVersion CreateDraft(int number, string? name, ChargingPolicyDefinition definition, bool isExample, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(actor);
        var n = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (n is null)
        {
            throw new ValidationFailedException([new People.FieldError("Name", "Enter a name for this version")]);
        }

        return new ChargingPolicyVersion
        {
            Id = Guid.NewGuid(),
            FinancialYearStart = definition.FinancialYearStart,
            Number = number,
            Name = n.Length > 200 ? n[..200] : n,
            IsExample = isExample,
            Status = ChargingPolicyStatus.Draft,
            DefinitionJson = definition.ToJson(),
            CreatedAt = now,
            CreatedByName = actor.DisplayName,
            Revision = 1,
        };
    }

    public void UpdateDraft(ChargingPolicyDefinition definition, int expectedRevision)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Status != ChargingPolicyStatus.Draft)
        {
            throw new DomainException("charging-policy-frozen", "A published charging policy cannot be changed. Create a new draft from it");
        }

        if (expectedRevision != Revision)
        {
            throw new ConcurrencyConflictException(CreatedByName, CreatedAt);
        }

        if (definition.FinancialYearStart != FinancialYearStart)
        {
            throw new DomainException("charging-policy-year", "A draft's financial year cannot change. Create a draft for the other year", "FinancialYearStart");
        }

        DefinitionJson = definition.ToJson();
        Revision++;
    }

    /// <summary>Publishes the draft; the year's previously current version (if any) stops being current but is kept.</summary>
    public void Publish(Actor actor, DateTimeOffset now, ChargingPolicyVersion? currentForYear)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != ChargingPolicyStatus.Draft)
        {
            throw new DomainException("charging-policy-not-draft", "Only a draft can be published");
        }

        var problems = Definition.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException("charging-policy-incomplete", "This policy cannot be published: " + string.Join("; ", problems));
        }

        if (currentForYear is not null)
        {
            if (currentForYear.FinancialYearStart != FinancialYearStart)
            {
                throw new ArgumentException("Publishing replaces the current version of the same year.", nameof(currentForYear));
            }

            currentForYear.IsCurrent = false;
            currentForYear.Revision++;
        }

        Status = ChargingPolicyStatus.Published;
        IsCurrent = true;
        PublishedAt = now;
        PublishedByName = actor.DisplayName;
        Revision++;
    }

    /// <summary>The financial year (by its starting calendar year) a UK date falls in: 1 April to 31 March.</summary>
    public static int FinancialYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;
}
