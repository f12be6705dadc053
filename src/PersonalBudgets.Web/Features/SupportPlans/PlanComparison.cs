using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Web.Features.SupportPlans;

public enum ChangeKind
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// <summary>One row of the comparison: what, how it changed, and the before and after in words.</summary>
public sealed record PlanChange(string What, ChangeKind Kind, string Before, string After);

/// <summary>What changed between two versions of a plan, part by part.</summary>
public sealed record PlanChanges(IReadOnlyList<PlanChange> Sections, IReadOnlyList<PlanChange> Elements, IReadOnlyList<PlanChange> Funding, decimal WeeklyBefore, decimal WeeklyAfter);

/// <summary>Compares two versions of a plan in plain terms: text changed or not, elements added, removed or changed with their costs, and the funding.</summary>
public static class PlanComparison
{
    public static PlanChanges Compare(SupportPlan previous, SupportPlan current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var sections = new List<PlanChange>();
        foreach (var section in Enum.GetValues<PlanSection>())
        {
            sections.Add(Text(section.Label(), previous.SectionText(section), current.SectionText(section)));
        }

        sections.Add(Text("The outcomes I want", Outcomes(previous), Outcomes(current)));
        foreach (var need in previous.Needs.Select(n => n.Need).Union(current.Needs.Select(n => n.Need)).OrderBy(n => n.Order))
        {
            sections.Add(Text($"How this need will be met: {need.Label().ToLowerInvariant()}",
                previous.Needs.FirstOrDefault(n => n.Need == need)?.HowMet, current.Needs.FirstOrDefault(n => n.Need == need)?.HowMet));
        }

        sections.Add(Text("Risks", Risks(previous), Risks(current)));
        sections.Add(Text("The person's agreement", Agreement(previous), Agreement(current)));

        var elements = new List<PlanChange>();
        foreach (var before in previous.Elements)
        {
            var after = current.Elements.FirstOrDefault(e => e.Id == before.Id);
            if (after is null)
            {
                elements.Add(new PlanChange(before.Description, ChangeKind.Removed, Describe(before), ""));
            }
            else
            {
                var (b, a) = (Describe(before), Describe(after));
                elements.Add(new PlanChange(after.Description, b == a ? ChangeKind.Unchanged : ChangeKind.Changed, b, a));
            }
        }

        foreach (var added in current.Elements.Where(e => previous.Elements.All(p => p.Id != e.Id)))
        {
            elements.Add(new PlanChange(added.Description, ChangeKind.Added, "", Describe(added)));
        }

        var funding = new List<PlanChange>
        {
            Value("Weekly cost", UkFormat.Money(previous.WeeklyCost), UkFormat.Money(current.WeeklyCost)),
            Value("Annual cost", UkFormat.Money(previous.AnnualCost), UkFormat.Money(current.AnnualCost)),
            Value("The person's weekly contribution", UkFormat.Money(previous.AssessedContributionWeekly), UkFormat.Money(current.AssessedContributionWeekly)),
            Value("NHS weekly share", UkFormat.Money(previous.NhsShareWeekly), UkFormat.Money(current.NhsShareWeekly)),
            Value("Reason for the difference from the indicative amount", previous.VarianceReason ?? "None", current.VarianceReason ?? "None"),
            Value("Significant risks", YesNo(previous.SignificantRisk), YesNo(current.SignificantRisk)),
        };

        return new PlanChanges(sections, elements, funding, previous.WeeklyCost, current.WeeklyCost);
    }

    public static string Describe(PlanElement e) =>
        $"{e.Provider}: {UnitWording.Price(e.UnitCost, e.UnitType)}, {UnitWording.Frequency(e.UnitsPerWeek, e.UnitType)} = {UkFormat.Money(e.WeeklyCost)} a week, "
        + $"{UkFormat.Date(e.StartDate)}{(e.EndDate is { } end ? $" to {UkFormat.Date(end)}" : " onwards")}, {e.Deployment.Label().ToLowerInvariant()}";

    private static string YesNo(bool? answer) => answer switch { true => "Yes", false => "No", null => "Not answered" };

    private static PlanChange Text(string what, string? before, string? after) =>
        new(what, before == after ? ChangeKind.Unchanged : before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Changed,
            before is null ? "Not written" : "Written", after is null ? "Not written" : before == after ? "Not changed" : "Rewritten");

    private static PlanChange Value(string what, string before, string after) => new(what, before == after ? ChangeKind.Unchanged : ChangeKind.Changed, before, after);

    private static string? Outcomes(SupportPlan plan) => plan.Outcomes.Count == 0 ? null : string.Join("\n", plan.Outcomes.OrderBy(o => o.Order).Select(o => o.Text));

    private static string? Risks(SupportPlan plan) => plan.Risks.Count == 0 ? null
        : string.Join("\n", plan.Risks.OrderBy(r => r.Description, StringComparer.Ordinal).Select(r => $"{r.Description}|{r.Level}|{r.IsPositiveRisk}|{r.WhatWillBeDone}|{r.WhoDoesIt}"));

    private static string? Agreement(SupportPlan plan) => plan.Agreement is { } a ? $"{a}|{plan.AgreementInOwnWords}" : null;
}
