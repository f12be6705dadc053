using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Budgets;

public sealed record RasLine(string QuestionId, string Question, string AnswerId, string Answer, int Points, decimal DeductionPercent);

public enum CapApplied
{
    [Display(Name = "None")] None,
    [Display(Name = "Raised to the minimum")] Minimum,
    [Display(Name = "Reduced to the maximum")] Maximum,
}

/// <summary>The indicative budget and every step of its working, so a person can check how it was reached.</summary>
public sealed record RasResult(
    IReadOnlyList<RasLine> Lines,
    int TotalPoints,
    string ConversionMethod,
    decimal GrossWeekly,
    decimal DeductionPercent,
    decimal DeductionWeekly,
    decimal AfterDeductionWeekly,
    CapApplied Cap,
    decimal Weekly,
    decimal Annual)
{
    /// <summary>The working in plain English, one step a line.</summary>
    public IReadOnlyList<string> Steps()
    {
        var steps = new List<string>
        {
            $"The answers add up to {TotalPoints} {(TotalPoints == 1 ? "point" : "points")}.",
            $"{ConversionMethod}: {UkFormat.Money(GrossWeekly)} a week.",
        };
        if (DeductionPercent > 0)
        {
            steps.Add($"Support the person already gets from family or friends reduces this by {DeductionPercent:0.##}% ({UkFormat.Money(DeductionWeekly)}), leaving {UkFormat.Money(AfterDeductionWeekly)} a week.");
        }

        steps.Add(Cap switch
        {
            CapApplied.Minimum => $"This is below the minimum, so it is raised to {UkFormat.Money(Weekly)} a week.",
            CapApplied.Maximum => $"This is above the maximum, so it is reduced to {UkFormat.Money(Weekly)} a week.",
            _ => $"This is within the minimum and maximum, so the indicative amount is {UkFormat.Money(Weekly)} a week.",
        });
        steps.Add($"Over a year ({Money.WeeksPerYear} weeks) that is {UkFormat.Money(Annual)}.");
        return steps;
    }
}

/// <summary>The resource allocation system's arithmetic. Pure: the same definition and answers give the same result.</summary>
public static class RasCalculator
{
    public static RasResult Calculate(RasDefinition definition, IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new List<People.FieldError>();
        var lines = new List<RasLine>();
        foreach (var q in definition.Questions)
        {
            if (!answers.TryGetValue(q.Id, out var answerId) || q.Answers.SingleOrDefault(a => a.Id == answerId) is not { } answer)
            {
                errors.Add(new People.FieldError($"Answers[{q.Id}]", $"Answer: {q.Text}"));
                continue;
            }

            lines.Add(new RasLine(q.Id, q.Text, answer.Id, answer.Text, answer.Points, answer.DeductionPercent));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var total = lines.Sum(l => l.Points);
        var c = definition.Conversion;
        decimal gross;
        string method;
        if (c.Bands.FirstOrDefault(b => total >= b.FromPoints && total <= b.ToPoints) is { } band)
        {
            gross = Money.Round(band.WeeklyAmount);
            method = $"{total} points is in the band from {band.FromPoints} to {band.ToPoints} points";
        }
        else if (c.PricePerPoint is { } price)
        {
            gross = Money.Round(total * price);
            method = $"{total} points at {UkFormat.Money(price)} a point";
        }
        else
        {
            throw new DomainException("ras-no-conversion", $"No band covers {total} points and there is no price per point");
        }

        var deductionPercent = Math.Min(100m, lines.Sum(l => l.DeductionPercent));
        var deduction = Money.Round(gross * deductionPercent / 100m);
        var afterDeduction = gross - deduction;
        var (weekly, cap) = afterDeduction < c.MinimumWeekly ? (c.MinimumWeekly, CapApplied.Minimum)
            : afterDeduction > c.MaximumWeekly ? (c.MaximumWeekly, CapApplied.Maximum)
            : (afterDeduction, CapApplied.None);
        weekly = Money.Round(weekly);
        return new RasResult(lines, total, method, gross, deductionPercent, deduction, afterDeduction, cap, weekly, Money.Annual(weekly));
    }
}
