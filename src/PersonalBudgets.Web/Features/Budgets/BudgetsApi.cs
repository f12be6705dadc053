using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets.Indicative;
using PersonalBudgets.Web.Features.Budgets.Ras;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets;

/// <summary>The published resource allocation system and people's indicative budgets over JSON, with the same rules as the pages.</summary>
public static class BudgetsApi
{
    public static RouteGroupBuilder MapBudgetsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/ras/published", async (RasService ras, CancellationToken ct, RasKind kind = RasKind.Adult) =>
                TypedResults.Ok(RasVersionDto.From(await ras.PublishedAsync(kind, ct)
                    ?? throw new DomainException("ras-not-published", "No version of the resource allocation system is published"))))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Budgets").WithName("GetPublishedRas")
            .WithSummary("The published resource allocation system: its questions, answers and conversion, so another system can ask the questions. kind=Carer gives the carers' system.");

        api.MapGet("/people/{id:guid}/indicative-budgets", async (Guid id, IndicativeBudgetService budgets, CancellationToken ct) =>
            {
                var overview = await budgets.OverviewAsync(id, ct);
                return TypedResults.Ok(new IndicativeBudgetListDto(overview.Eligibility.Eligible, overview.Budgets));
            })
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Budgets").WithName("ListIndicativeBudgets").WithSummary("A person's indicative budgets, newest first, and whether they are eligible for one.");

        api.MapGet("/indicative-budgets/{id:guid}", async (Guid id, IndicativeBudgetService budgets, CancellationToken ct) =>
                TypedResults.Ok(IndicativeBudgetDto.From(await budgets.ViewAsync(id, null, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Budgets").WithName("GetIndicativeBudget").WithSummary("An indicative budget with its working and challenges.");

        api.MapPost("/people/{id:guid}/indicative-budgets", async (Guid id, CreateIndicativeBudgetRequest request, IndicativeBudgetService budgets, CancellationToken ct) =>
            {
                var answers = (request.Answers ?? new Dictionary<string, string?>()).ToDictionary(a => a.Key, a => a.Value);
                var budget = await budgets.CreateAsync(id, answers, request.CompletedWith, ct);
                return TypedResults.Created($"/api/v1/indicative-budgets/{budget.Id}", IndicativeBudgetDto.From(await budgets.LoadAsync(budget.Id, id, ct)));
            })
            .RequirePermission(Permission.AssessPeople)
            .WithTags("Budgets").WithName("CreateIndicativeBudget")
            .WithSummary("Work out an indicative budget for an eligible person from the published version. 400 indicative-budget-not-eligible otherwise.");

        api.MapPost("/indicative-budgets/{id:guid}/challenges", async (Guid id, RaiseChallengeRequest request, IndicativeBudgetService budgets, CancellationToken ct) =>
            {
                var challenge = await budgets.RaiseChallengeAsync(id, null, request.Reason, ct);
                return TypedResults.Created($"/api/v1/indicative-budgets/{id}", ChallengeDto.From(challenge));
            })
            .RequirePermission(Permission.AssessPeople)
            .WithTags("Budgets").WithName("ChallengeIndicativeBudget").WithSummary("Record the person's challenge to an indicative amount; a reason is required.");

        return api;
    }

    public sealed record CreateIndicativeBudgetRequest(IReadOnlyDictionary<string, string?>? Answers, CompletedWith? CompletedWith);

    public sealed record RaiseChallengeRequest(string? Reason);

    public sealed record IndicativeBudgetListDto(bool Eligible, IReadOnlyList<BudgetSummary> Items);

    public sealed record RasVersionDto(Guid Id, int Number, string Name, bool IsExample, RasVersionStatus Status, DateTimeOffset? PublishedAt, RasDefinition Definition)
    {
        public static RasVersionDto From(RasVersion v) => new(v.Id, v.Number, v.Name, v.IsExample, v.Status, v.PublishedAt, v.Definition);
    }

    public sealed record ChallengeDto(Guid Id, string Reason, DateTimeOffset RaisedAt, string RaisedBy, ChallengeOutcome? Outcome, string? OutcomeReason, decimal? RevisedWeeklyAmount, DateTimeOffset? DecidedAt, string? DecidedBy)
    {
        public static ChallengeDto From(BudgetChallenge c) => new(c.Id, c.Reason, c.RaisedAt, c.RaisedByName, c.Outcome, c.OutcomeReason, c.RevisedWeeklyAmount, c.DecidedAt, c.DecidedByName);
    }

    public sealed record IndicativeBudgetDto(
        Guid Id,
        Guid PersonId,
        decimal WeeklyAmount,
        decimal AnnualAmount,
        decimal? RevisedWeeklyAmount,
        int TotalPoints,
        int RasVersionNumber,
        string RasVersionName,
        bool RasVersionIsExample,
        CompletedWith CompletedWith,
        DateTimeOffset CalculatedAt,
        string CalculatedBy,
        IReadOnlyDictionary<string, string> Answers,
        RasResult Working,
        IReadOnlyList<string> Steps,
        string Note,
        IReadOnlyList<ChallengeDto> Challenges)
    {
        public const string StartingPointNote = "This is a starting point, not an entitlement: the final budget is the cost of the agreed support plan.";

        public static IndicativeBudgetDto From(BudgetView v)
        {
            var b = v.Budget;
            var result = b.Result;
            return new(b.Id, b.PersonId, b.WeeklyAmount, b.AnnualAmount, v.RevisedWeekly, b.TotalPoints, b.RasVersionNumber, v.RasVersionName, v.RasVersionIsExample,
                b.CompletedWith, b.CalculatedAt, b.CalculatedByName, b.Answers, result, result.Steps(), StartingPointNote,
                v.Challenges.Select(ChallengeDto.From).ToList());
        }
    }
}
