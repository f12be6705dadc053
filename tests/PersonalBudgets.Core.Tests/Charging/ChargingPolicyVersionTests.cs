using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Tests.Charging;

/// <summary>Charging policy versions: validation before publishing, one current version a year, published versions frozen.</summary>
public sealed class ChargingPolicyVersionTests
{
    private static readonly Actor Manager = new(Guid.NewGuid(), "Fran Finance");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, ChargingPolicyDefinition, string> Problems() => new()
    {
        { "limits the wrong way round", ExampleChargingPolicies.For2025To2026 with { LowerCapitalLimit = 30_000m }, "The lower capital limit cannot be above the upper capital limit" },
        { "no tariff step", ExampleChargingPolicies.For2025To2026 with { TariffStep = 0m }, "The tariff step must be more than £0" },
        { "a negative figure", ExampleChargingPolicies.For2025To2026 with { MinimumCharge = -1m }, "Minimum charge (below this nothing is charged) cannot be negative" },
        { "fractions of a penny", ExampleChargingPolicies.For2025To2026 with { StandardDreAllowance = 20.001m }, "Standard disability-related expenditure allowance must be in pounds and pence" },
        { "a MIG band with no amount", ExampleChargingPolicies.For2025To2026 with { Mig = ExampleChargingPolicies.For2025To2026.Mig with { SingleAged18To24 = 0m } }, "Every MIG age band needs an amount" },
        { "no source", ExampleChargingPolicies.For2025To2026 with { Source = " " }, "Say where the figures come from (for example the DHSC local authority circular)" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Publish_RefusesAPolicyWithProblems(string name, ChargingPolicyDefinition definition, string problem)
    {
        definition.Problems().ShouldContain(problem, name);
        var draft = ChargingPolicyVersion.CreateDraft(1, "Draft", definition, false, Manager, Now);

        Should.Throw<DomainException>(() => draft.Publish(Manager, Now, null)).ErrorCode.ShouldBe("charging-policy-incomplete");
    }

    [Fact]
    public void TheExamplePolicies_AreValid_AndMarkWhatToCheck()
    {
        ExampleChargingPolicies.For2025To2026.Problems().ShouldBeEmpty();
        ExampleChargingPolicies.For2026To2027Draft.Problems().ShouldBeEmpty();
        ExampleChargingPolicies.For2025To2026.IsUnconfirmed(nameof(MigTable.SingleAged18To24)).ShouldBeFalse();
        ExampleChargingPolicies.For2025To2026.IsUnconfirmed(nameof(MigTable.CarerPremium)).ShouldBeTrue();
        ExampleChargingPolicies.For2026To2027Draft.IsUnconfirmed(nameof(MigTable.SingleAged18To24)).ShouldBeTrue();
        ExampleChargingPolicies.For2026To2027Draft.Mig.SingleAged25ToPensionCreditAge.ShouldBe(116.80m);
    }

    [Fact]
    public void Publish_ReplacesTheYearsCurrentVersion_AndFreezesIt()
    {
        var first = ChargingPolicyVersion.CreateDraft(1, "2025 to 2026", ExampleChargingPolicies.For2025To2026, true, Manager, Now);
        first.Publish(Manager, Now, null);
        var second = ChargingPolicyVersion.CreateDraft(2, "2025 to 2026 corrected", ExampleChargingPolicies.For2025To2026 with { MinimumCharge = 1m }, false, Manager, Now);

        second.Publish(Manager, Now, first);

        first.IsCurrent.ShouldBeFalse();
        first.Status.ShouldBe(ChargingPolicyStatus.Published);
        second.IsCurrent.ShouldBeTrue();
        Should.Throw<DomainException>(() => second.UpdateDraft(ExampleChargingPolicies.For2025To2026, second.Revision)).ErrorCode.ShouldBe("charging-policy-frozen");
        Should.Throw<DomainException>(() => second.Publish(Manager, Now, null)).ErrorCode.ShouldBe("charging-policy-not-draft");
    }

    [Fact]
    public void UpdateDraft_WithAStaleRevision_IsAConflict_AndTheYearCannotChange()
    {
        var draft = ChargingPolicyVersion.CreateDraft(1, "Draft", ExampleChargingPolicies.For2026To2027Draft, false, Manager, Now);
        draft.UpdateDraft(ExampleChargingPolicies.For2026To2027Draft with { MinimumCharge = 3m }, 1);

        Should.Throw<ConcurrencyConflictException>(() => draft.UpdateDraft(ExampleChargingPolicies.For2026To2027Draft, 1));
        Should.Throw<DomainException>(() => draft.UpdateDraft(ExampleChargingPolicies.For2025To2026, draft.Revision)).ErrorCode.ShouldBe("charging-policy-year");
    }

    [Theory]
    [InlineData(2026, 3, 31, 2025)]
    [InlineData(2026, 4, 1, 2026)]
    [InlineData(2026, 12, 7, 2026)]
    public void FinancialYearOf_RunsFromAprilToMarch(int y, int m, int d, int start) =>
        ChargingPolicyVersion.FinancialYearOf(new DateOnly(y, m, d)).ShouldBe(start);
}
