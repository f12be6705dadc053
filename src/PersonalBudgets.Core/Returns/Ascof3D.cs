using V = PersonalBudgets.Core.Returns.CldSpec;

namespace PersonalBudgets.Core.Returns;

/// <summary>An age group of ASCOF 3D's published rows.</summary>
public enum AscofGroup
{
    Age18To64,
    Age65AndOver,
    Total,
}

/// <summary>One part (1a, 2a, 1b, 2b) for one group: numerator, denominator and the outcome as a percentage to 1 dp.</summary>
public sealed record AscofFigure(string Part, AscofGroup Group, int Numerator, int Denominator)
{
    /// <summary>ROUND(num/denom*100, 1) as the reference code does; null when nobody is in the denominator.</summary>
    public decimal? Outcome => Denominator == 0 ? null : decimal.Round(100m * Numerator / Denominator, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// One person as ASCOF counts them, after de-duplication: their ID (NHS number, else the council's identifier), the
/// people records behind it, their age band, and what they are counted as.
/// </summary>
public sealed record AscofPerson(string Id, IReadOnlyList<Guid> PersonIds, AscofGroup? AgeGroup, bool UnknownAge, string Category, bool InDenominator, bool SelfDirected, bool DirectPayment);

public sealed record Ascof3DResult(DateOnly SnapshotDate, DateOnly YearStart, IReadOnlyList<AscofFigure> Figures, IReadOnlyList<AscofPerson> Clients, IReadOnlyList<AscofPerson> Carers, int ClientsUnknownDeliveryMechanism)
{
    public AscofFigure Figure(string part, AscofGroup group) => Figures.Single(f => f.Part == part && f.Group == group);
}

/// <summary>
/// ASCOF 3D from the CLD rows, following DHSC's 2024/25-onwards derivation (cld-spec §4.2, DHSC
/// <c>ASCOF_measures/Create_ASCOF_3D_2425_Onwards.sql</c>), which is NHS England's replication (§4.1, NHSD
/// <c>ASCOF 3D replication code.txt</c>) with Release 2 values. Clients are counted at a snapshot (the period's end);
/// carers in-year (the period). The steps are numbered as in §4.1.
/// </summary>
public static class Ascof3D
{
    /// <summary>§4.1 step 1: <c>#REF_Service_Type_Delivery_Mech</c> (Hierarchy 1 = highest), with Release 2 strings.</summary>
    private static readonly (string ServiceType, string DeliveryMechanism, int Rank)[] ClientHierarchy =
    [
        (V.ServiceType.Nursing, "", 1),
        (V.ServiceType.Residential, "", 2),
        (V.ServiceType.Community, V.DeliveryMechanism.DirectPayment, 3),
        (V.ServiceType.Community, V.DeliveryMechanism.ManagedPersonalBudget, 4),
        (V.ServiceType.Community, V.DeliveryMechanism.CommissionedSupport, 5),
        (V.ServiceType.Community, "", 6),
        (V.ServiceType.Prison, V.DeliveryMechanism.ManagedPersonalBudget, 7),
        (V.ServiceType.Prison, V.DeliveryMechanism.CommissionedSupport, 8),
        (V.ServiceType.Prison, "", 9),
    ];

    public const string CarerDirectPaymentOnly = "Direct Payment only";
    public const string CarerManagedPersonalBudget = "CASSR Managed Personal Budget";
    public const string CarerCommissionedOnly = "CASSR Commissioned Support only";
    public const string CarerUnknownMechanism = "Support Direct to Carer: Unknown Delivery Mech";
    public const string CarerInformation = "Information, Advice and Other Universal Services / Signposting";
    public const string CarerNoDirectSupport = "No Direct Support Provided to Carer";

    /// <summary>§4.1 step 1: <c>#REF_CARER_SUPPORT_HIERARCHY</c>.</summary>
    private static readonly string[] CarerHierarchy =
        [CarerDirectPaymentOnly, CarerManagedPersonalBudget, CarerCommissionedOnly, CarerUnknownMechanism, CarerInformation, CarerNoDirectSupport];

    public static Ascof3DResult Calculate(IReadOnlyList<CldRow> rows, DateOnly snapshot, DateOnly yearStart)
    {
        var ids = PersonIds(rows);
        var clients = Clients(rows, snapshot, ids);
        var carers = Carers(rows, snapshot, yearStart, ids);

        var figures = new List<AscofFigure>();
        foreach (var group in Enum.GetValues<AscofGroup>())
        {
            // §4.2: unknown ages count in the Total but in neither published age group; under-18s in none.
            bool InGroup(AscofPerson p) => group == AscofGroup.Total ? p.AgeGroup is not null || p.UnknownAge : p.AgeGroup == group;
            var c = clients.Where(p => p.InDenominator && InGroup(p)).ToList();
            figures.Add(new AscofFigure("1a", group, c.Count(p => p.SelfDirected), c.Count));
            figures.Add(new AscofFigure("2a", group, c.Count(p => p.DirectPayment), c.Count));
            var k = carers.Where(p => p.InDenominator && InGroup(p)).ToList();
            figures.Add(new AscofFigure("1b", group, k.Count(p => p.SelfDirected), k.Count));
            figures.Add(new AscofFigure("2b", group, k.Count(p => p.DirectPayment), k.Count));
        }

        // §4.2: community clients with no known delivery mechanism, counted separately as DHSC does.
        return new Ascof3DResult(snapshot, yearStart, figures, clients, carers,
            clients.Count(p => p.InDenominator && p.Category == $"{V.ServiceType.Community} / (no delivery mechanism)"));
    }

    /// <summary>
    /// §4.1 step 4 (and §3.2 "Identity"): a person is their NHS number; without one, their council identifier, unless
    /// that identifier is also on a row with an NHS number, when the row's identity is ambiguous and it is dropped.
    /// </summary>
    private static Dictionary<CldRow, string?> PersonIds(IReadOnlyList<CldRow> rows)
    {
        var laIdsWithNhs = rows.Where(r => r.NhsNumber is not null).Select(r => r.LaPersonId).ToHashSet(StringComparer.Ordinal);
        return rows.ToDictionary<CldRow, CldRow, string?>(r => r, r => r.NhsNumber is { } nhs ? "NHS:" + nhs
            : laIdsWithNhs.Contains(r.LaPersonId) ? null
            : "LA:" + r.LaPersonId, ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// DHSC's age: the date of birth taken as the first of its month (only year and month reach NHS England), then
    /// FLOOR(days / 365.25) at the date.
    /// </summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var proxy = new DateOnly(dateOfBirth.Year, dateOfBirth.Month, 1);
        return (int)Math.Floor((on.DayNumber - proxy.DayNumber) / 365.25);
    }

    private static (AscofGroup? Group, bool Unknown) Band(int? age) => age switch
    {
        null => (null, true),
        < 18 => (null, false),
        <= 64 => (AscofGroup.Age18To64, false),
        _ => (AscofGroup.Age65AndOver, false),
    };

    private static List<AscofPerson> Clients(IReadOnlyList<CldRow> rows, DateOnly snapshot, Dictionary<CldRow, string?> ids)
    {
        // Step 3: the client cohort at the snapshot: long-term support, service users, open at the snapshot, alive on it.
        var cohort = rows.Where(r =>
                r.ServiceType is { } st && V.ServiceType.LongTerm.Contains(st)
                && r.ClientType == V.ClientType.ServiceUser
                && r.EventStartDate <= snapshot
                && (r.EventEndDate is null || r.EventEndDate >= r.EventStartDate)
                && (r.EventEndDate is null || r.EventEndDate >= snapshot)
                && (r.DateOfDeath is null || r.DateOfDeath >= snapshot)
                && ids[r] is not null)
            .Select(r =>
            {
                // Step 5 (§4.2): a "Direct payment" component is a direct payment; a mechanism is kept only where the
                // (setting, mechanism) pair is in the hierarchy table and the setting is community or prison.
                var mechanism = r.ServiceComponent == V.ServiceComponent.DirectPayment ? V.DeliveryMechanism.DirectPayment : r.DeliveryMechanism ?? "";
                var keep = (r.ServiceType == V.ServiceType.Community || r.ServiceType == V.ServiceType.Prison)
                    && ClientHierarchy.Any(h => h.ServiceType == r.ServiceType && h.DeliveryMechanism == mechanism);
                mechanism = keep ? mechanism : "";

                // Step 6: join the hierarchy; the override ranks community + "Direct payment" component as 3.
                var rank = r.ServiceType == V.ServiceType.Community && r.ServiceComponent == V.ServiceComponent.DirectPayment
                    ? 3
                    : ClientHierarchy.Single(h => h.ServiceType == r.ServiceType && h.DeliveryMechanism == mechanism).Rank;
                return (Row: r, Id: ids[r]!, Rank: rank, Mechanism: mechanism);
            });

        // Step 7 (§4.2): de-duplicate once per person: the highest-ranked setting (MIN Hierarchy), the oldest age among
        // their records (MAX), then the age band; the Total is every band but under-18s.
        return cohort
            .GroupBy(c => c.Id, StringComparer.Ordinal)
            .Select(g =>
            {
                var top = g.Min(c => c.Rank);
                var age = g.Max(c => AgeOn(c.Row.DateOfBirth, snapshot));
                var (group, unknown) = Band(age);
                var setting = ClientHierarchy.First(h => h.Rank == top);
                var category = setting.DeliveryMechanism.Length == 0 ? $"{setting.ServiceType} / (no delivery mechanism)" : $"{setting.ServiceType} / {setting.DeliveryMechanism}";

                // Step 8: the denominator is people whose top setting is community; 1a counts a direct payment or a
                // managed personal budget (ranks 3 and 4); 2a a direct payment (rank 3).
                return new AscofPerson(g.Key, g.Select(c => c.Row.PersonId).Distinct().Order().ToList(), group, unknown, category,
                    InDenominator: setting.ServiceType == V.ServiceType.Community, SelfDirected: top is 3 or 4, DirectPayment: top == 3);
            })
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static List<AscofPerson> Carers(IReadOnlyList<CldRow> rows, DateOnly yearEnd, DateOnly yearStart, Dictionary<CldRow, string?> ids)
    {
        // Step 9: the carer cohort in-year, in one of the three scenarios.
        var cohort = rows.Where(r =>
                (r.ClientType == V.ClientType.UnpaidCarer || r.ClientType == V.ClientType.UnpaidCarerKnownByAssociation)
                && r.EventStartDate <= yearEnd
                && (r.EventEndDate is null || r.EventEndDate >= yearStart)
                && (r.EventEndDate is null || r.EventEndDate >= r.EventStartDate)
                && (r.DateOfDeath is null || r.DateOfDeath >= yearStart)
                && V.EventType.All.Contains(r.EventType)
                && ((r.ServiceType is null && r.EventOutcome == V.EventOutcome.NfaInformationAndAdvice)
                    || r.ServiceType == V.ServiceType.DirectToCarer || r.ServiceType == V.ServiceType.InvolvingCaredFor
                    || ((r.EventType == V.EventType.Assessment || r.EventType == V.EventType.Review) && r.ServiceType is null))
                && ids[r] is not null)
            .Select(r => (Row: r, Id: ids[r]!, Support: SupportProvided(r)))
            .Where(c => c.Support is not null);

        // Steps 11–12 (§4.2): per person the highest support (MIN of the carer hierarchy) and the youngest age (MIN).
        return cohort
            .GroupBy(c => c.Id, StringComparer.Ordinal)
            .Select(g =>
            {
                var top = g.Min(c => Array.IndexOf(CarerHierarchy, c.Support));
                var support = CarerHierarchy[top];
                var (group, unknown) = Band(g.Min(c => AgeOn(c.Row.DateOfBirth, yearEnd)));

                // Step 13: the denominator is carers given support direct, by a known mechanism; 1b a direct payment or a
                // managed personal budget; 2b a direct payment.
                return new AscofPerson(g.Key, g.Select(c => c.Row.PersonId).Distinct().Order().ToList(), group, unknown, support,
                    InDenominator: top <= 2, SelfDirected: top <= 1, DirectPayment: top == 0);
            })
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Step 10: Support_Provided, the CASE in its order. Null where the reference's CASE gives no category.</summary>
    public static string? SupportProvided(CldRow r)
    {
        var component = r.ServiceComponent;
        var mechanism = r.DeliveryMechanism;
        var componentIsDp = component == V.ServiceComponent.DirectPayment;
        if (r.ServiceType == V.ServiceType.DirectToCarer)
        {
            if (mechanism == V.DeliveryMechanism.DirectPayment || componentIsDp) return CarerDirectPaymentOnly;
            if (component is null) return null; // NOT LIKE on NULL is unknown in SQL: no category (§4.1 step 10).
            if (mechanism == V.DeliveryMechanism.ManagedPersonalBudget) return CarerManagedPersonalBudget;
            if (mechanism == V.DeliveryMechanism.CommissionedSupport) return CarerCommissionedOnly;
            return CarerUnknownMechanism;
        }

        if (r.ServiceType == V.ServiceType.InvolvingCaredFor) return CarerNoDirectSupport;
        if (r.EventType is V.EventType.Assessment or V.EventType.Review)
        {
            return r.EventOutcome == V.EventOutcome.NfaInformationAndAdvice ? CarerInformation : CarerNoDirectSupport;
        }

        return r.EventType == V.EventType.Request ? CarerInformation : null;
    }
}
