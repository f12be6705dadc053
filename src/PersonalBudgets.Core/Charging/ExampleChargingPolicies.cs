namespace PersonalBudgets.Core.Charging;

/// <summary>
/// The example charging policies shipped with the product, for a council to check and adopt. The 2025 to 2026 figures
/// that the DHSC local authority circular "Social care: charging for care and support 2025 to 2026" was seen to give are
/// entered as it gives them; every other figure is a best value, listed in <see cref="ChargingPolicyDefinition.Unconfirmed"/>
/// and shown on the policy page as "check against the circular".
/// </summary>
public static class ExampleChargingPolicies
{
    public const string Circular2025 = "DHSC local authority circular: Social care - charging for care and support 2025 to 2026 (published February 2025). The standard DRE allowance, the minimum charge and the discretions are the council's own choices.";

    public static ChargingPolicyDefinition For2025To2026 { get; } = new(
        FinancialYearStart: 2025,
        LowerCapitalLimit: 14_250m,
        UpperCapitalLimit: 23_250m,
        TariffStep: 250m,
        TariffPerStep: 1m,
        Mig: new MigTable(
            SingleAged18To24: 89.15m,
            SingleAged25ToPensionCreditAge: 112.50m,
            SinglePensionCreditAge: 224.60m,
            LoneParentAged18ToPensionCreditAge: 112.50m,
            CoupleEachAged18ToPensionCreditAge: 88.30m,
            CoupleEachPensionCreditAge: 171.45m,
            PerChild: 99.60m,
            DisabilityPremiumSingle: 49.65m,
            DisabilityPremiumCoupleEach: 35.40m,
            EnhancedDisabilityPremiumSingle: 24.25m,
            EnhancedDisabilityPremiumCoupleEach: 17.40m,
            CarerPremium: 46.40m),
        StandardDreAllowance: 20.00m,
        MinimumCharge: 2.00m,
        Discretions: new ChargingDiscretions(DisregardNightCareWhenNoneArranged: true, MigUpliftPercent: 0m),
        Source: Circular2025,
        Unconfirmed:
        [
            nameof(MigTable.SinglePensionCreditAge), nameof(MigTable.LoneParentAged18ToPensionCreditAge),
            nameof(MigTable.CoupleEachAged18ToPensionCreditAge), nameof(MigTable.CoupleEachPensionCreditAge), nameof(MigTable.PerChild),
            nameof(MigTable.DisabilityPremiumCoupleEach), nameof(MigTable.EnhancedDisabilityPremiumCoupleEach), nameof(MigTable.CarerPremium),
        ]);

    /// <summary>
    /// A draft for 2026 to 2027: the 2025 to 2026 figures uprated by 3.8% (September 2025 CPI, the usual basis), the
    /// capital limits unchanged. Every uprated figure is unconfirmed until checked against the 2026 to 2027 circular.
    /// </summary>
    public static ChargingPolicyDefinition For2026To2027Draft { get; } = Uprate(For2025To2026, 2026, 3.8m);

    private static ChargingPolicyDefinition Uprate(ChargingPolicyDefinition p, int year, decimal percent)
    {
        decimal U(decimal x) => Math.Round(x * (100m + percent) / 100m / 0.05m, MidpointRounding.AwayFromZero) * 0.05m;
        var m = p.Mig;
        return p with
        {
            FinancialYearStart = year,
            Mig = new MigTable(U(m.SingleAged18To24), U(m.SingleAged25ToPensionCreditAge), U(m.SinglePensionCreditAge), U(m.LoneParentAged18ToPensionCreditAge),
                U(m.CoupleEachAged18ToPensionCreditAge), U(m.CoupleEachPensionCreditAge), U(m.PerChild), U(m.DisabilityPremiumSingle), U(m.DisabilityPremiumCoupleEach),
                U(m.EnhancedDisabilityPremiumSingle), U(m.EnhancedDisabilityPremiumCoupleEach), U(m.CarerPremium)),
            Source = $"Draft: the 2025 to 2026 figures uprated by {percent}%. Replace with the DHSC local authority circular for {ChargingPolicyDefinition.FinancialYearLabel(year)}.",
            Unconfirmed = p.Figures().Select(f => f.Name).Where(n => n is not (nameof(ChargingPolicyDefinition.LowerCapitalLimit) or nameof(ChargingPolicyDefinition.UpperCapitalLimit)
                or nameof(ChargingPolicyDefinition.TariffStep) or nameof(ChargingPolicyDefinition.TariffPerStep) or nameof(ChargingPolicyDefinition.StandardDreAllowance)
                or nameof(ChargingPolicyDefinition.MinimumCharge))).ToList(),
        };
    }
}
