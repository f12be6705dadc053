using PersonalBudgets.Core.Returns;
using V = PersonalBudgets.Core.Returns.CldSpec;

namespace PersonalBudgets.Core.Tests.Returns;

/// <summary>
/// ASCOF 3D on hand-built cohorts whose figures are worked out by hand from the method (cld-spec §4): the cohort,
/// the cleaning of delivery mechanisms, the setting hierarchy, de-duplication by NHS number, the age groups, and the
/// carers' support categories.
/// </summary>
public sealed class Ascof3DTests
{
    private static readonly DateOnly Snapshot = new(2026, 9, 30);
    private static readonly DateOnly YearStart = new(2025, 10, 1);

    private static CldRow Row(string laId, string? nhs, int bornYear, string eventType = V.EventType.Service, string? serviceType = V.ServiceType.Community,
        string? mechanism = null, string? component = V.ServiceComponent.HomeSupport, DateOnly? start = null, DateOnly? end = null, DateOnly? died = null,
        string clientType = V.ClientType.ServiceUser, string? outcome = V.EventOutcome.Continuation) => new()
        {
            PersonId = Guid.NewGuid(),
            SourceId = Guid.NewGuid(),
            LaCode = "X",
            PeriodStart = YearStart,
            PeriodEnd = Snapshot,
            NhsNumber = nhs,
            LaPersonId = laId,
            FirstName = "A",
            LastName = "B",
            Gender = "Female",
            Ethnicity = "White: Irish",
            DateOfBirth = new DateOnly(bornYear, 3, 15),
            DateOfDeath = died,
            ClientType = clientType,
            PrimarySupportReason = "Mental health support",
            AccommodationStatus = "Unknown",
            EmploymentStatus = "Unknown",
            HasUnpaidCarer = "Unknown",
            EventType = eventType,
            EventReference = Guid.NewGuid().ToString(),
            EventStartDate = start ?? new DateOnly(2026, 1, 1),
            EventEndDate = end,
            EventOutcome = outcome,
            ServiceType = eventType == V.EventType.Service ? serviceType : null,
            ServiceComponent = eventType == V.EventType.Service ? component : null,
            DeliveryMechanism = mechanism,
        };

    private static List<CldRow> Clients() =>
    [
        // A, 40: a direct payment and commissioned support: counted once, at the direct payment.
        Row("LA-A", "1000000001", 1986, mechanism: V.DeliveryMechanism.DirectPayment, component: V.ServiceComponent.DirectPayment),
        Row("LA-A", "1000000001", 1986, mechanism: V.DeliveryMechanism.CommissionedSupport),
        // B, 70: two records with one NHS number (managed; commissioned): one person, at the managed budget.
        Row("LA-B1", "1000000002", 1956, mechanism: V.DeliveryMechanism.ManagedPersonalBudget),
        Row("LA-B2", "1000000002", 1956, mechanism: V.DeliveryMechanism.CommissionedSupport),
        // C, 50: residential care outranks a community direct payment: out of the denominator.
        Row("LA-C", "1000000003", 1976, serviceType: V.ServiceType.Residential, component: "Long term residential care"),
        Row("LA-C", "1000000003", 1976, mechanism: V.DeliveryMechanism.DirectPayment, component: V.ServiceComponent.DirectPayment),
        // D, 30: ended the day before the snapshot.
        Row("LA-D", "1000000004", 1996, mechanism: V.DeliveryMechanism.DirectPayment, end: Snapshot.AddDays(-1)),
        // E, 45: died before the snapshot.
        Row("LA-E", "1000000005", 1981, mechanism: V.DeliveryMechanism.ManagedPersonalBudget, died: new DateOnly(2026, 9, 1)),
        // F, 16: under 18, in no group, not even the total.
        Row("LA-F", "1000000006", 2010, mechanism: V.DeliveryMechanism.DirectPayment),
        // G: no NHS number and the council identifier of someone with one: identity ambiguous, dropped.
        Row("LA-A", null, 1990, mechanism: V.DeliveryMechanism.DirectPayment),
        // H, 55: community support with no delivery mechanism: counted, not self-directed.
        Row("LA-H", "1000000008", 1971),
        // I, 60: prison with a direct payment, not a pair of the hierarchy: cleaned to no mechanism, rank 9, not community.
        Row("LA-I", "1000000009", 1966, serviceType: V.ServiceType.Prison, mechanism: V.DeliveryMechanism.DirectPayment),
        // J, 35: no NHS number, own council identifier: counted by it; community, "Direct payment" component without a mechanism.
        Row("LA-J", null, 1991, component: V.ServiceComponent.DirectPayment),
        // K: a carer's row is no client's.
        Row("LA-K", "1000000011", 1980, serviceType: V.ServiceType.DirectToCarer, mechanism: V.DeliveryMechanism.DirectPayment, clientType: V.ClientType.UnpaidCarer),
    ];

    [Fact]
    public void Clients_FollowTheCohortHierarchyAndDeduplication()
    {
        var result = Ascof3D.Calculate(Clients(), Snapshot, YearStart);

        // 18 to 64: A (direct payment), H (no mechanism), J (direct payment component); 65 and over: B (managed).
        Assert(result.Figure("1a", AscofGroup.Age18To64), 2, 3);
        Assert(result.Figure("2a", AscofGroup.Age18To64), 2, 3);
        Assert(result.Figure("1a", AscofGroup.Age65AndOver), 1, 1);
        Assert(result.Figure("2a", AscofGroup.Age65AndOver), 0, 1);
        Assert(result.Figure("1a", AscofGroup.Total), 3, 4);
        Assert(result.Figure("2a", AscofGroup.Total), 2, 4);
        result.Figure("1a", AscofGroup.Total).Outcome.ShouldBe(75.0m);
        result.Figure("2a", AscofGroup.Total).Outcome.ShouldBe(50.0m);
        result.ClientsUnknownDeliveryMechanism.ShouldBe(1);

        // The people behind: B is one person made of two records; C and I are listed but outside the denominator.
        result.Clients.Single(p => p.Id == "NHS:1000000002").PersonIds.Count.ShouldBe(2);
        result.Clients.Single(p => p.Id == "NHS:1000000003").InDenominator.ShouldBeFalse();
        result.Clients.Single(p => p.Id == "NHS:1000000009").InDenominator.ShouldBeFalse();
        result.Clients.ShouldNotContain(p => p.Id == "NHS:1000000004" || p.Id == "NHS:1000000005" || p.Id == "NHS:1000000011");
        result.Clients.Single(p => p.Id == "NHS:1000000006").AgeGroup.ShouldBeNull();
        result.Clients.Count(p => p.Id.StartsWith("LA:", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public void Carers_AreCountedInYear_AtTheirHighestSupport()
    {
        List<CldRow> rows =
        [
            // K, 40: support direct to the carer by direct payment.
            Row("LA-K", "2000000001", 1986, serviceType: V.ServiceType.DirectToCarer, mechanism: V.DeliveryMechanism.DirectPayment, clientType: V.ClientType.UnpaidCarer),
            // L, 70: a managed budget.
            Row("LA-L", "2000000002", 1956, serviceType: V.ServiceType.DirectToCarer, mechanism: V.DeliveryMechanism.ManagedPersonalBudget, clientType: V.ClientType.UnpaidCarer),
            // M, 50: an assessment only: no direct support, outside the denominator.
            Row("LA-M", "2000000003", 1976, eventType: V.EventType.Assessment, clientType: V.ClientType.UnpaidCarer, outcome: V.EventOutcome.ProgressToSupportPlanning, end: new DateOnly(2026, 2, 1)),
            // N, 35: commissioned support and a direct payment: the direct payment.
            Row("LA-N", "2000000004", 1991, serviceType: V.ServiceType.DirectToCarer, mechanism: V.DeliveryMechanism.CommissionedSupport, component: V.ServiceComponent.CarerRespite, clientType: V.ClientType.UnpaidCarer),
            Row("LA-N", "2000000004", 1991, serviceType: V.ServiceType.DirectToCarer, mechanism: V.DeliveryMechanism.DirectPayment, component: V.ServiceComponent.DirectPayment, clientType: V.ClientType.UnpaidCarer),
            // O, 45: support that ended before the year began.
            Row("LA-O", "2000000005", 1981, serviceType: V.ServiceType.DirectToCarer, mechanism: V.DeliveryMechanism.DirectPayment, clientType: V.ClientType.UnpaidCarer,
                start: new DateOnly(2025, 1, 1), end: new DateOnly(2025, 9, 1)),
            // P, 50: commissioned support only: in the denominator, not self-directed.
            Row("LA-P", "2000000006", 1976, serviceType: V.ServiceType.DirectToCarer, mechanism: V.DeliveryMechanism.CommissionedSupport, component: V.ServiceComponent.CarerRespite, clientType: V.ClientType.UnpaidCarer),
            // Q, 60: support involving the person cared for: no direct support.
            Row("LA-Q", "2000000007", 1966, serviceType: V.ServiceType.InvolvingCaredFor, mechanism: V.DeliveryMechanism.CommissionedSupport, component: V.ServiceComponent.CarerRespite, clientType: V.ClientType.UnpaidCarer),
        ];

        var result = Ascof3D.Calculate(rows, Snapshot, YearStart);

        Assert(result.Figure("1b", AscofGroup.Age18To64), 2, 3);
        Assert(result.Figure("2b", AscofGroup.Age18To64), 2, 3);
        Assert(result.Figure("1b", AscofGroup.Age65AndOver), 1, 1);
        Assert(result.Figure("2b", AscofGroup.Age65AndOver), 0, 1);
        Assert(result.Figure("1b", AscofGroup.Total), 3, 4);
        Assert(result.Figure("2b", AscofGroup.Total), 2, 4);
        result.Carers.Single(p => p.Id == "NHS:2000000003").Category.ShouldBe(Ascof3D.CarerNoDirectSupport);
        result.Carers.Single(p => p.Id == "NHS:2000000004").Category.ShouldBe(Ascof3D.CarerDirectPaymentOnly);
        result.Carers.Single(p => p.Id == "NHS:2000000007").InDenominator.ShouldBeFalse();
        result.Carers.ShouldNotContain(p => p.Id == "NHS:2000000005");
        Assert(result.Figure("1a", AscofGroup.Total), 0, 0);
        result.Figure("1a", AscofGroup.Total).Outcome.ShouldBeNull();
    }

    [Theory]
    [InlineData("1961-10-01", 64)] // 65 on 1 October: still 64 at the snapshot
    [InlineData("1961-09-30", 65)] // born in September: taken as 1 September, so 65
    [InlineData("2008-09-29", 18)]
    public void Age_IsFromTheFirstOfTheBirthMonth_InYearsOf36525Days(string born, int age) =>
        Ascof3D.AgeOn(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), Snapshot).ShouldBe(age);

    private static void Assert(AscofFigure figure, int numerator, int denominator)
    {
        figure.Numerator.ShouldBe(numerator, $"{figure.Part} {figure.Group} numerator");
        figure.Denominator.ShouldBe(denominator, $"{figure.Part} {figure.Group} denominator");
    }
}
