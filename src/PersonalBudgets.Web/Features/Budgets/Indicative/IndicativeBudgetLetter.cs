using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Features.Letters;

namespace PersonalBudgets.Web.Features.Budgets.Indicative;

/// <summary>
/// The indicative budget explained as a letter: the amount (the revised one after an upheld challenge), its working
/// line by line, and how to question it. Staff print it; the person reads it in their own area (ADR 0029).
/// </summary>
public sealed record IndicativeBudgetLetter(LetterHeading Heading, IndicativeBudget Budget, decimal? RevisedWeekly)
{
    /// <summary>The letter's reference after the person's identifier.</summary>
    public static string Reference(IndicativeBudget budget) => $"IB-{UkTime.DateOf(budget.CalculatedAt):yyyyMMdd}";
}
