using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.BudgetStatements;

/// <summary>Personal budget statements (s26) over JSON, with the same access rules and auditing as the pages.</summary>
public static class PersonalBudgetsApi
{
    public static RouteGroupBuilder MapPersonalBudgetsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:guid}/personal-budgets", async (Guid id, PersonalBudgetService budgets, CancellationToken ct) =>
            {
                var overview = await budgets.OverviewAsync(id, ct);
                return TypedResults.Ok(new PersonalBudgetListDto(overview.Current is null ? null : PersonalBudgetDto.From(overview.Current),
                    overview.Earlier.Select(PersonalBudgetDto.From).ToList()));
            })
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Personal budgets").WithName("ListPersonalBudgets").WithSummary("The person's personal budget in force and the earlier ones.");

        api.MapGet("/personal-budgets/{id:guid}", async (Guid id, PersonalBudgetService budgets, CancellationToken ct) =>
                TypedResults.Ok(PersonalBudgetDto.From((await budgets.StatementAsync(id, ct)).Budget)))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Personal budgets").WithName("GetPersonalBudget").WithSummary("A personal budget statement: cost, contribution, NHS and council shares, split by deployment.");

        return api;
    }

    public sealed record PersonalBudgetListDto(PersonalBudgetDto? Current, IReadOnlyList<PersonalBudgetDto> Earlier);

    public sealed record DeploymentDto(Deployment Deployment, decimal Weekly, decimal Annual);

    public sealed record PersonalBudgetDto(
        Guid Id,
        Guid PersonId,
        Guid PlanId,
        int PlanNumber,
        Guid ApprovalRequestId,
        ApprovalOutcome? Decision,
        string? DecidedBy,
        DateTimeOffset? DecidedAt,
        string? ApprovalChanges,
        DateOnly StartDate,
        DateOnly? EndDate,
        decimal WeeklyCost,
        decimal AnnualCost,
        decimal ContributionWeekly,
        decimal ContributionAnnual,
        decimal NhsShareWeekly,
        decimal NhsShareAnnual,
        decimal CouncilShareWeekly,
        decimal CouncilShareAnnual,
        bool Section117,
        IReadOnlyList<DeploymentDto> ByDeployment)
    {
        public static PersonalBudgetDto From(BudgetDecision d)
        {
            ArgumentNullException.ThrowIfNull(d);
            var b = d.Budget;
            var s = b.Statement;
            return new(b.Id, b.PersonId, b.PlanId, b.PlanNumber, b.ApprovalRequestId, d.Outcome, d.DecidedBy, d.DecidedAt, d.Changes, b.StartDate, b.EndDate,
                s.WeeklyCost, s.AnnualCost, s.ContributionWeekly, s.ContributionAnnual, s.NhsShareWeekly, s.NhsShareAnnual, s.CouncilShareWeekly, s.CouncilShareAnnual,
                s.Section117, s.WeeklyByDeployment.OrderBy(x => x.Key).Select(x => new DeploymentDto(x.Key, x.Value, Money.Annual(x.Value))).ToList());
        }
    }
}
