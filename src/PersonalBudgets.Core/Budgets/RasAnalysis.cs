using PersonalBudgets.Core.Reporting;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Budgets;

/// <summary>
/// One person in a RAS analysis: the answers of their latest indicative budget and the characteristics the equality
/// analysis groups by. Members with the same answers may share one dictionary instance: each distinct instance is
/// worked out once.
/// </summary>
public sealed record RasCohortMember(
    IReadOnlyDictionary<string, string> Answers,
    DateOnly DateOfBirth,
    Gender Gender,
    Ethnicity Ethnicity,
    PrimarySupportReason PrimarySupportReason);

/// <summary>A count out of a whole, shown as both numbers so anyone can check the share.</summary>
public sealed record RasShare(int Count, int Of)
{
    public decimal Percent => Of == 0 ? 0 : Math.Round(100m * Count / Of, 1, MidpointRounding.AwayFromZero);
}

/// <summary>A band of weekly change per person (see <see cref="RasAnalysis.BandOf"/>) and how many people fall in it.</summary>
public sealed record RasChangeBand(string Label, RasShare People);

/// <summary>One group of people sharing a characteristic (e.g. age band 25 to 34) and how the draft changes their amounts.</summary>
public sealed record RasGroupChange(
    string Group,
    RasShare People,
    decimal MedianChange,
    decimal DifferenceFromEveryone,
    bool Flagged);

/// <summary>The groups of one characteristic (age band, gender, ethnicity or primary support reason).</summary>
public sealed record RasCharacteristic(string Name, IReadOnlyList<RasGroupChange> Groups);

/// <summary>
/// What a draft resource allocation system would do to the amounts of the people who already had an indicative budget,
/// compared with the version in force. Every figure carries what it counts out of.
/// </summary>
public sealed record RasAnalysisResult(
    int Cohort,
    int Included,
    int NotWorkedOutUnderDraft,
    int NotWorkedOutInForce,
    RasShare Up,
    RasShare Down,
    RasShare Unchanged,
    IReadOnlyList<RasChangeBand> Bands,
    decimal MedianChange,
    decimal Percentile10Change,
    decimal Percentile90Change,
    decimal TotalWeeklyInForce,
    decimal TotalWeeklyDraft,
    decimal MedianWeeklyInForce,
    decimal FlagShare,
    decimal FlagThreshold,
    IReadOnlyList<RasCharacteristic> Characteristics)
{
    public decimal TotalWeeklyChange => TotalWeeklyDraft - TotalWeeklyInForce;
}

/// <summary>
/// The analysis of a draft before it is published (issue 12, item 4): the draft and the version in force are run over
/// the same answers, person by person. Pure: the same inputs give the same figures.
/// <list type="bullet">
/// <item>A person's change is the draft's weekly amount minus the version in force's, for the same answers.</item>
/// <item>A person whose answers do not answer every question of either version (a question was added, or an answer
/// removed) cannot be worked out, and is counted apart, not guessed.</item>
/// <item>Median and percentiles (10th, 90th): as the dashboard works them out (<see cref="Statistics"/>: linear
/// interpolation between closest ranks, so the median of an even count is the mean of the middle two), to the penny.
/// Groups by age use the reporting age bands (<see cref="AgeBands"/>).</item>
/// <item>A group is flagged when its median change differs from everyone's median change by more than
/// <c>flagShare</c> of everyone's median weekly amount under the version in force (the threshold, in pounds a week).
/// Measuring against the typical amount, not the median change, keeps the test meaningful when the median change is
/// nothing.</item>
/// </list>
/// </summary>
public static class RasAnalysis
{
    public const decimal DefaultFlagShare = 0.10m;

    /// <summary>Band edges in pounds a week, for the distribution of change per person.</summary>
    public static readonly IReadOnlyList<string> BandLabels =
    [
        "Down by more than £50",
        "Down by more than £20, up to £50",
        "Down by up to £20",
        "No change",
        "Up by up to £20",
        "Up by more than £20, up to £50",
        "Up by more than £50",
    ];

    public static RasAnalysisResult Analyse(
        RasDefinition inForce,
        RasDefinition draft,
        IEnumerable<RasCohortMember> cohort,
        DateOnly today,
        decimal flagShare = DefaultFlagShare)
    {
        ArgumentNullException.ThrowIfNull(inForce);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(cohort);
        if (flagShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(flagShare), "The share is between 0 and 1.");
        }

        var worked = new Dictionary<IReadOnlyDictionary<string, string>, (decimal? InForce, decimal? Draft)>(ReferenceEqualityComparer.Instance);
        var people = new List<(RasCohortMember Member, decimal InForce, decimal Change)>();
        int count = 0, notDraft = 0, notInForce = 0;
        foreach (var member in cohort)
        {
            count++;
            if (!worked.TryGetValue(member.Answers, out var amounts))
            {
                amounts = (Weekly(inForce, member.Answers), Weekly(draft, member.Answers));
                worked[member.Answers] = amounts;
            }

            if (amounts.InForce is not { } before)
            {
                notInForce++;
                continue;
            }

            if (amounts.Draft is not { } after)
            {
                notDraft++;
                continue;
            }

            people.Add((member, before, after - before));
        }

        var n = people.Count;
        var changes = people.Select(p => p.Change).Order().ToArray();
        var medianInForce = Statistics.Median(people.Select(p => p.InForce)) ?? 0;
        var median = Statistics.Median(changes) ?? 0;
        var threshold = Money.Round(medianInForce * flagShare);
        var bands = new int[BandLabels.Count];
        foreach (var c in changes)
        {
            bands[BandOf(c)]++;
        }

        RasCharacteristic By<TKey>(string name, Func<RasCohortMember, TKey> key, Func<TKey, string> label, IComparer<TKey>? order = null)
            where TKey : notnull
        {
            var groups = people.GroupBy(p => key(p.Member)).OrderBy(g => g.Key, order ?? Comparer<TKey>.Default).Select(g =>
            {
                var m = Statistics.Median(g.Select(p => p.Change)) ?? 0;
                var difference = m - median;
                return new RasGroupChange(label(g.Key), new RasShare(g.Count(), n), m, difference, Math.Abs(difference) > threshold);
            }).ToList();
            return new RasCharacteristic(name, groups);
        }

        return new RasAnalysisResult(
            count,
            n,
            notDraft,
            notInForce,
            new RasShare(changes.Count(c => c > 0), n),
            new RasShare(changes.Count(c => c < 0), n),
            new RasShare(changes.Count(c => c == 0), n),
            BandLabels.Select((l, i) => new RasChangeBand(l, new RasShare(bands[i], n))).ToList(),
            median,
            Statistics.Percentile(changes, 10) ?? 0,
            Statistics.Percentile(changes, 90) ?? 0,
            people.Sum(p => p.InForce),
            people.Sum(p => p.InForce + p.Change),
            medianInForce,
            flagShare,
            threshold,
            [
                By("Age band", m => AgeBands.BandOf(m.DateOfBirth, today), b => b.Label()),
                By("Gender", m => m.Gender, g => g.Label()),
                By("Ethnicity", m => m.Ethnicity, e => e.Label()),
                By("Primary support reason", m => m.PrimarySupportReason, r => r.Label()),
            ]);
    }

    /// <summary>The band of a weekly change: index into <see cref="BandLabels"/>.</summary>
    public static int BandOf(decimal change) => change switch
    {
        < -50 => 0,
        < -20 => 1,
        < 0 => 2,
        0 => 3,
        <= 20 => 4,
        <= 50 => 5,
        _ => 6,
    };

    private static decimal? Weekly(RasDefinition definition, IReadOnlyDictionary<string, string> answers)
    {
        try
        {
            return RasCalculator.Calculate(definition, answers).Weekly;
        }
        catch (DomainException)
        {
            // Unanswered questions (ValidationFailedException) or no conversion for the total: counted apart.
            return null;
        }
    }
}
