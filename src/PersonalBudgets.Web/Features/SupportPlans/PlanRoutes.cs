using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Where each part of a plan is written, so the task list, check answers and the gaps link the same way.</summary>
public static class PlanRoutes
{
    public static string List(Guid personId) => $"/People/{personId}/Plans";

    public static string Overview(Guid id) => $"/Plans/{id}";

    public static string Section(Guid id, PlanSection section) => $"/Plans/{id}/Sections/{section}";

    public static string Outcomes(Guid id) => $"/Plans/{id}/Outcomes";

    public static string Need(Guid id, SpecifiedOutcome need) => $"/Plans/{id}/Needs/{need}";

    public static string NewElement(Guid id) => $"/Plans/{id}/Elements/New";

    public static string Element(Guid id, Guid elementId) => $"/Plans/{id}/Elements/{elementId}";

    public static string RemoveElement(Guid id, Guid elementId) => $"/Plans/{id}/Elements/{elementId}/Remove";

    public static string NewRisk(Guid id) => $"/Plans/{id}/Risks/New";

    public static string Risk(Guid id, Guid riskId) => $"/Plans/{id}/Risks/{riskId}";

    public static string RemoveRisk(Guid id, Guid riskId) => $"/Plans/{id}/Risks/{riskId}/Remove";

    public static string Funding(Guid id) => $"/Plans/{id}/Funding";

    public static string Agreement(Guid id) => $"/Plans/{id}/Agreement";

    public static string Submit(Guid id) => $"/Plans/{id}/Submit";

    public static string Print(Guid id) => $"/Plans/{id}/Print";

    public static string Revise(Guid id) => $"/Plans/{id}/Revise";

    public static string Changes(Guid id) => $"/Plans/{id}/Changes";

    /// <summary>The page that fills a gap reported by <see cref="SupportPlan.Gaps"/>.</summary>
    public static string Gap(Guid id, FieldError gap)
    {
        if (Enum.TryParse<PlanSection>(gap.Field, out var section))
        {
            return Section(id, section);
        }

        if (gap.Field.StartsWith("Needs.", StringComparison.Ordinal) && Enum.TryParse<SpecifiedOutcome>(gap.Field["Needs.".Length..], out var need))
        {
            return Need(id, need);
        }

        return gap.Field switch
        {
            "Outcomes" => Outcomes(id),
            "Elements" => NewElement(id),
            "VarianceReason" or "AssessedContributionWeekly" or "NhsShareWeekly" => $"{Funding(id)}#{gap.Field}",
            "Agreement" => Agreement(id),
            _ => Overview(id),
        };
    }
}
