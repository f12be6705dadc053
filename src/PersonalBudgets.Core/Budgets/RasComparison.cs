using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Budgets;

/// <summary>One difference between the version in force and a draft: what changes, as it was and as it would be.</summary>
public sealed record RasDifference(string What, string Before, string After);

/// <summary>
/// What publishing a draft would change, for the check step before publishing: questions and answers matched by their
/// references (added, removed, reworded, re-scored), and the conversion from points to money.
/// </summary>
public static class RasComparison
{
    public const string None = "None";

    public static IReadOnlyList<RasDifference> Compare(RasDefinition before, RasDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var differences = new List<RasDifference>();
        void Add(string what, string was, string now)
        {
            if (was != now)
            {
                differences.Add(new RasDifference(what, was, now));
            }
        }

        var old = before.Questions.GroupBy(q => q.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var (q, i) in after.Questions.Select((q, i) => (q, i)))
        {
            var name = $"Question {i + 1}";
            if (!old.TryGetValue(q.Id, out var was))
            {
                Add($"{name} (new)", None, $"{q.Text}: {Answers(q)}");
                continue;
            }

            Add($"{name}: wording", was.Text, q.Text);
            Add($"{name}: hint", was.Hint ?? None, q.Hint ?? None);
            var oldAnswers = was.Answers.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
            foreach (var a in q.Answers)
            {
                if (!oldAnswers.TryGetValue(a.Id, out var wasAnswer))
                {
                    Add($"{name}: answer added", None, Answer(a));
                    continue;
                }

                Add($"{name}, answer \"{a.Text}\"", Answer(wasAnswer), Answer(a));
            }

            foreach (var gone in was.Answers.Where(a => q.Answers.All(x => x.Id != a.Id)))
            {
                Add($"{name}: answer removed", Answer(gone), None);
            }
        }

        foreach (var gone in before.Questions.Where(q => after.Questions.All(x => x.Id != q.Id)))
        {
            Add("Question removed", $"{gone.Text}: {Answers(gone)}", None);
        }

        var b = before.Conversion;
        var c = after.Conversion;
        Add("Price per point", b.PricePerPoint is { } p ? UkFormat.Money(p) : "None: bands only", c.PricePerPoint is { } n ? UkFormat.Money(n) : "None: bands only");
        Add("Minimum weekly amount", UkFormat.Money(b.MinimumWeekly), UkFormat.Money(c.MinimumWeekly));
        Add("Maximum weekly amount", UkFormat.Money(b.MaximumWeekly), UkFormat.Money(c.MaximumWeekly));
        Add("Bands", Bands(b), Bands(c));
        return differences;
    }

    private static string Answer(RasAnswer a) =>
        $"{a.Text}: {a.Points} {(a.Points == 1 ? "point" : "points")}" + (a.DeductionPercent > 0 ? $", {a.DeductionPercent:0.##}% deducted" : "");

    private static string Answers(RasQuestion q) => string.Join("; ", q.Answers.Select(Answer));

    private static string Bands(RasConversion c) => c.Bands.Count == 0
        ? None
        : string.Join("; ", c.Bands.OrderBy(x => x.FromPoints).Select(x => $"{x.FromPoints} to {x.ToPoints} points: {UkFormat.Money(x.WeeklyAmount)} a week"));
}
