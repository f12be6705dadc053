using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging;

/// <summary>
/// Financial assessments over JSON with the pages' rules: everyone who may see the person sees the outcome; only finance
/// staff see the input (income, capital, evidence) and the working, and record or complete an assessment.
/// </summary>
public static class ChargingApi
{
    public static RouteGroupBuilder MapChargingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:guid}/financial-assessments", async (Guid id, FinancialAssessmentService finance, HttpContext http, CancellationToken ct) =>
            {
                var overview = await finance.OverviewAsync(id, ct);
                var evidence = http.User.Has(Permission.AssessFinances);
                return TypedResults.Ok(overview.Versions.Select(v => FinancialAssessmentDto.From(v, evidence)).ToList());
            })
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Charging").WithName("ListFinancialAssessments")
            .WithSummary("A person's financial assessments, newest version first: the contribution and its date for everyone who may see the person; the input and working for finance staff only.");

        api.MapPut("/people/{id:guid}/financial-assessments/{assessmentId:guid}", async (Guid id, Guid assessmentId, RecordFinancialAssessmentRequest request, FinancialAssessmentService finance, CancellationToken ct) =>
                TypedResults.Ok(FinancialAssessmentDto.From(await finance.RecordAsync(id, assessmentId, request.Revision, request.Input ?? throw new Core.Common.ValidationFailedException([new("Input", "Send the assessment's input")]), ct), true)))
            .RequirePermission(Permission.AssessFinances)
            .WithTags("Charging").WithName("RecordFinancialAssessment")
            .WithSummary("Record an in-progress financial assessment's input (type, household, premiums, income, capital, housing, DRE with evidence). 409 if the revision is stale.");

        api.MapPost("/people/{id:guid}/financial-assessments/{assessmentId:guid}/complete", async (Guid id, Guid assessmentId, CompleteFinancialAssessmentRequest request, FinancialAssessmentService finance, CancellationToken ct) =>
                TypedResults.Ok(FinancialAssessmentDto.From(await finance.CompleteAsync(id, assessmentId, request.Revision, request.EffectiveFrom, ct), true)))
            .RequirePermission(Permission.AssessFinances)
            .WithTags("Charging").WithName("CompleteFinancialAssessment")
            .WithSummary("Complete a financial assessment from a date under that year's charging policy: the contribution goes to draft plans and the budget in place. 409 if someone completed it first.");

        return api;
    }

    public sealed record RecordFinancialAssessmentRequest(int Revision, FinancialAssessmentInput? Input);

    public sealed record CompleteFinancialAssessmentRequest(int Revision, DateOnly? EffectiveFrom);

    public sealed record FinancialAssessmentDto(
        Guid Id, int Version, FinancialAssessmentStatus Status, FinancialAssessmentType Type, string? OwnerName, DateOnly DueDate,
        decimal? WeeklyContribution, DateOnly? EffectiveFrom, bool ReviewOpen, int Revision, FinancialAssessmentInput? Input, IReadOnlyList<string>? Working)
    {
        public static FinancialAssessmentDto From(FinancialAssessment f, bool evidence) => new(
            f.Id, f.Version, f.Status, f.Type, f.OwnerName, f.DueDate, f.WeeklyContribution, f.EffectiveFrom, f.ReviewOpen, f.Revision,
            evidence ? f.Input : null, evidence ? f.Result?.Steps() : null);
    }
}
