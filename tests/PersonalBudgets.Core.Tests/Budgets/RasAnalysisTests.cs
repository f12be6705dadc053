using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Tests.Budgets;

/// <summary>
/// The RAS analysis over a hand-built cohort. Every expected figure below is worked out by hand in the comments, from
/// the two definitions: in force, answers a, b, c, d score 0, 10, 20, 30 points at £10 a point (£0, £100, £200, £300);
/// the draft rescores b to 12 and c to 15 points (£120, £150) and drops answer d.
/// </summary>
public sealed class RasAnalysisTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static RasDefinition Definition(params RasAnswer[] answers) =>
        new([new RasQuestion("need", "How much help is needed?", null, answers)], new RasConversion(10m, [], 0m, 1000m));

    private static readonly RasDefinition InForce = Definition(new("a", "None", 0), new("b", "Some", 10), new("c", "A lot", 20), new("d", "All the time", 30));
    private static readonly RasDefinition Draft = Definition(new("a", "None", 0), new("b", "Some", 12), new("c", "A lot", 15));

    private static RasCohortMember Member(string answer, DateOnly born, Gender gender, Ethnicity ethnicity, PrimarySupportReason reason = PrimarySupportReason.MentalHealthSupport) =>
        new(new Dictionary<string, string> { ["need"] = answer }, born, gender, ethnicity, reason);

    // P1 b: £100 -> £120, +20; age 36 (35 to 44), female, White British, mental health
    // P2 b: +20; born 8 Dec 2000, so 25 on 7 Dec 2026 (25 to 34), male, White British, mental health
    // P3 c: £200 -> £150, -50; age 76 (75 to 84), female, White Irish, mental health
    // P4 a: £0 -> £0, no change; 25 today (25 to 34), male, White British, personal care
    // P5 c: -50; age 66 (65 to 74), female, White Irish, mental health
    // P6 d: the draft has no answer d, so cannot be worked out under the draft
    // P7 z: neither version has answer z, so cannot be worked out under the version in force
    private static readonly RasCohortMember[] Cohort =
    [
        Member("b", new(1990, 6, 1), Gender.Female, Ethnicity.WhiteBritish),
        Member("b", new(2000, 12, 8), Gender.Male, Ethnicity.WhiteBritish),
        Member("c", new(1950, 1, 1), Gender.Female, Ethnicity.WhiteIrish),
        Member("a", new(2001, 12, 7), Gender.Male, Ethnicity.WhiteBritish, PrimarySupportReason.PhysicalPersonalCare),
        Member("c", new(1960, 5, 5), Gender.Female, Ethnicity.WhiteIrish),
        Member("d", new(1980, 1, 1), Gender.Male, Ethnicity.WhiteBritish),
        Member("z", new(1980, 1, 1), Gender.Male, Ethnicity.WhiteBritish),
    ];

    [Fact]
    public void Analyse_CountsWhoGoesUpDownOrStays_AndWhoCannotBeWorkedOut()
    {
        var r = RasAnalysis.Analyse(InForce, Draft, Cohort, Today);

        r.Cohort.ShouldBe(7);
        r.Included.ShouldBe(5);
        r.NotWorkedOutUnderDraft.ShouldBe(1);
        r.NotWorkedOutInForce.ShouldBe(1);
        r.Up.ShouldBe(new RasShare(2, 5));
        r.Down.ShouldBe(new RasShare(2, 5));
        r.Unchanged.ShouldBe(new RasShare(1, 5));
        r.Up.Percent.ShouldBe(40m);
    }

    [Fact]
    public void Analyse_DistributionAndTotals_AsWorkedByHand()
    {
        var r = RasAnalysis.Analyse(InForce, Draft, Cohort, Today);

        // Changes in order: -50, -50, 0, +20, +20. A fall of exactly £50 is "more than £20, up to £50".
        r.Bands.Select(b => (b.Label, b.People.Count)).ShouldBe(
        [
            ("Down by more than £50", 0),
            ("Down by more than £20, up to £50", 2),
            ("Down by up to £20", 0),
            ("No change", 1),
            ("Up by up to £20", 2),
            ("Up by more than £20, up to £50", 0),
            ("Up by more than £50", 0),
        ]);
        r.Bands.ShouldAllBe(b => b.People.Of == 5);
        r.MedianChange.ShouldBe(0m);
        r.Percentile10Change.ShouldBe(-50m); // rank 0.4 between -50 and -50
        r.Percentile90Change.ShouldBe(20m); // rank 3.6 between 20 and 20
        r.TotalWeeklyInForce.ShouldBe(600m); // 100 + 100 + 200 + 0 + 200
        r.TotalWeeklyDraft.ShouldBe(540m); // 120 + 120 + 150 + 0 + 150
        r.TotalWeeklyChange.ShouldBe(-60m);
        r.MedianWeeklyInForce.ShouldBe(100m); // 0, 100, 100, 200, 200
        r.FlagThreshold.ShouldBe(10m); // 10% of £100
    }

    [Fact]
    public void Analyse_Groups_MedianChangeAndFlags_AsWorkedByHand()
    {
        var r = RasAnalysis.Analyse(InForce, Draft, Cohort, Today);
        string Show(RasCharacteristic c) => string.Join("; ", c.Groups.Select(g => $"{g.Group} {g.People.Count}/{g.People.Of} {g.MedianChange:0.##} {g.DifferenceFromEveryone:0.##} {(g.Flagged ? "flag" : "-")}"));

        r.Characteristics.Select(c => c.Name).ShouldBe(["Age band", "Gender", "Ethnicity", "Primary support reason"]);
        // 25 to 34: P2 +20, P4 0 -> median 10, exactly the £10 threshold from everyone's 0: not more, so not flagged.
        Show(r.Characteristics[0]).ShouldBe("25 to 34 2/5 10 10 -; 35 to 44 1/5 20 20 flag; 65 to 74 1/5 -50 -50 flag; 75 and over 1/5 -50 -50 flag");
        // Male: +20, 0 -> 10 (not flagged); female: -50, -50, +20 -> -50.
        Show(r.Characteristics[1]).ShouldBe("Male 2/5 10 10 -; Female 3/5 -50 -50 flag");
        Show(r.Characteristics[2]).ShouldBe("White: English, Welsh, Scottish, Northern Irish or British 3/5 20 20 flag; White: Irish 2/5 -50 -50 flag");
        // Mental health: -50, -50, +20, +20 -> (-50 + 20) / 2 = -15.
        Show(r.Characteristics[3]).ShouldBe("Mental health support 4/5 -15 -15 flag; Physical support: Personal care support 1/5 0 0 -");
    }

    [Fact]
    public void Analyse_AWiderShare_FlagsFewerGroups()
    {
        // 60% of £100 = £60: no group's median is more than £60 from everyone's.
        var r = RasAnalysis.Analyse(InForce, Draft, Cohort, Today, flagShare: 0.60m);

        r.FlagThreshold.ShouldBe(60m);
        r.Characteristics.SelectMany(c => c.Groups).ShouldNotContain(g => g.Flagged);
    }

    [Fact]
    public void Analyse_NobodyToAnalyse_GivesZeros()
    {
        var r = RasAnalysis.Analyse(InForce, Draft, [], Today);

        r.Included.ShouldBe(0);
        r.MedianChange.ShouldBe(0m);
        r.Up.Percent.ShouldBe(0m);
        r.Characteristics.ShouldAllBe(c => c.Groups.Count == 0);
    }

    [Theory]
    [InlineData("-50.01", 0)]
    [InlineData("-50", 1)]
    [InlineData("-20.01", 1)]
    [InlineData("-20", 2)]
    [InlineData("-0.01", 2)]
    [InlineData("0", 3)]
    [InlineData("0.01", 4)]
    [InlineData("20", 4)]
    [InlineData("20.01", 5)]
    [InlineData("50", 5)]
    [InlineData("50.01", 6)]
    public void BandOf_Edges(string change, int band) =>
        RasAnalysis.BandOf(decimal.Parse(change, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(band);
}
