using PersonalBudgets.Core.Representatives;
using Microsoft.AspNetCore.Http.HttpResults;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Features.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

public sealed record MyOutcomeResponse(SpecifiedOutcome Outcome, string InYourWords);

public sealed record MyAssessmentResponse(
    Guid Id,
    AssessmentKind Kind,
    AssessmentType? Type,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    string? WhoTookPart,
    string? WhatMattersInYourWords,
    string? OutcomesWanted,
    IReadOnlyList<MyOutcomeResponse> OutcomesNotAchieved,
    bool? Eligible);

public sealed record MyAssessmentsResponse(bool OneInProgress, IReadOnlyList<MyAssessmentResponse> Assessments);

public sealed record MyEligibilityResponse(
    Guid AssessmentId,
    bool Eligible,
    DateTimeOffset DecidedAt,
    string DecidedBy,
    IReadOnlyList<MyOutcomeResponse> OutcomesNotAchieved,
    string SignificantImpactReason,
    string? Advice,
    string Reference);

public sealed record MyBudgetLineResponse(string Question, string Answer, int Points, decimal DeductionPercent);

public sealed record MyChallengeResponse(DateTimeOffset RaisedAt, string Reason, ChallengeOutcome? Outcome, string? OutcomeReason, decimal? RevisedWeekly, DateTimeOffset? DecidedAt);

public sealed record MyHowToChallengeResponse(IReadOnlyList<string> Teams, string? KeyWorker, string? Phone, string? Email);

public sealed record MyIndicativeBudgetResponse(
    Guid Id,
    decimal Weekly,
    decimal Annual,
    decimal? RevisedWeekly,
    DateTimeOffset CalculatedAt,
    CompletedWith CompletedWith,
    IReadOnlyList<MyBudgetLineResponse> Lines,
    int TotalPoints,
    IReadOnlyList<string> Working,
    IReadOnlyList<MyChallengeResponse> Challenges,
    MyHowToChallengeResponse HowToChallenge);

public sealed record MyPlanVersionResponse(Guid Id, int Number, PlanStatus Status, decimal Weekly, DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt, string Author);

public sealed record MyPlanSectionResponse(PlanSection Section, string Text, PlanContributor WrittenBy);

public sealed record MyPlanOutcomeResponse(string Text, PlanContributor WrittenBy);

public sealed record MyPlanNeedResponse(string Need, string HowMet, PlanContributor WrittenBy);

public sealed record MyPlanElementResponse(string Description, string Provider, decimal UnitCost, UnitType UnitType, decimal UnitsPerWeek, decimal WeeklyCost, DateOnly StartDate, DateOnly? EndDate, Deployment Deployment);

public sealed record MyPlanRiskResponse(string Description, bool IsPositiveRisk, string WhatWillBeDone, string WhoDoesIt);

public sealed record MyPlanResponse(
    Guid Id,
    int Number,
    PlanStatus Status,
    string Author,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<MyPlanSectionResponse> Sections,
    IReadOnlyList<MyPlanOutcomeResponse> Outcomes,
    IReadOnlyList<MyPlanNeedResponse> Needs,
    IReadOnlyList<MyPlanElementResponse> Elements,
    decimal WeeklyCost,
    decimal AnnualCost,
    decimal ContributionWeekly,
    bool Section117,
    decimal NhsShareWeekly,
    IReadOnlyList<MyPlanRiskResponse> Risks,
    PlanAgreement? Agreement,
    string? AgreementInYourWords);

public sealed record MyReviewOutcomeResponse(string Outcome, OutcomeAchieved? Achieved, string? WhatYouSaid);

public sealed record MyReviewResponse(
    Guid Id,
    ReviewReason Reason,
    ReviewStatus Status,
    DateOnly DueDate,
    DateTimeOffset? CompletedAt,
    string By,
    IReadOnlyList<MyReviewOutcomeResponse> Outcomes,
    string? WhatIsWorking,
    string? WhatIsNotWorking,
    ReviewDecision? Decision);

public sealed record MyReviewsResponse(DateOnly? NextReviewDue, bool NextReviewOverdue, IReadOnlyList<MyReviewResponse> Reviews);

public sealed record MyDirectPaymentResponse(bool InPlace, int PlanNumber, PlanStatus PlanStatus, decimal Weekly, DateOnly? Since, IReadOnlyList<MyPlanElementResponse> PaysFor);

public sealed record MyAccessEntryResponse(DateTimeOffset At, string Who, string What, bool EmergencyAccess, string? EmergencyReason);

public sealed record MyAccessLogResponse(int Page, int TotalPages, int Total, IReadOnlyList<MyAccessEntryResponse> Entries, IReadOnlyList<MyAccessEntryResponse> EmergencyAccess);

/// <summary>
/// The person's own record in their API (ADR 0029, slice 2): the same reads as their pages, from
/// <see cref="MyRecordViews"/>, so each is audited with the person as the actor. Nothing in a route names the person;
/// the one id (a plan version) is looked up among their own plans, so another person's is 404 ProblemDetails.
/// "Nothing yet" is 204, as /next-step answers.
/// </summary>
public static class MyRecordApi
{
    public static void MapMyRecordApi(this RouteGroupBuilder api)
    {
        api.MapGet("/assessments", async (HttpContext http, MyContext my, MyRecordViews views) =>
        {
            var v = await views.AssessmentsAsync(my.PersonId, http.RequestAborted);
            return TypedResults.Ok(new MyAssessmentsResponse(v.OneInProgress, v.Completed.Select(m => new MyAssessmentResponse(
                m.Assessment.Id, m.Assessment.Kind, m.Assessment.Type, m.Assessment.CompletedAt, m.Assessment.CompletedByName, m.Assessment.WhoTookPart,
                m.Assessment.WhatMattersInOwnWords, m.Assessment.OutcomesWanted, Outcomes(m.OutcomesNotAchieved), m.Decision?.Eligible)).ToList()));
        }).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapGet("/eligibility", async Task<Results<Ok<MyEligibilityResponse>, NoContent>> (HttpContext http, MyContext my, MyRecordViews views) =>
        {
            if (await views.WrittenRecordAsync(my.PersonId, http.RequestAborted) is not { } letter)
            {
                return TypedResults.NoContent();
            }

            var d = letter.Decision;
            return TypedResults.Ok(new MyEligibilityResponse(letter.Assessment.Id, d.Eligible, d.ConfirmedAt, d.ConfirmedByName,
                Outcomes(letter.OutcomesNotAchieved), d.SignificantImpactReason, d.Advice, letter.Heading.Reference));
        }).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapGet("/indicative-budget", async Task<Results<Ok<MyIndicativeBudgetResponse>, NoContent>> (HttpContext http, MyContext my, MyRecordViews views) =>
        {
            if (await views.IndicativeBudgetAsync(my.PersonId, http.RequestAborted) is not { } v)
            {
                return TypedResults.NoContent();
            }

            var b = v.Letter.Budget;
            var result = b.Result;
            return TypedResults.Ok(new MyIndicativeBudgetResponse(b.Id, b.WeeklyAmount, b.AnnualAmount, v.Letter.RevisedWeekly, b.CalculatedAt, b.CompletedWith,
                result.Lines.Select(l => new MyBudgetLineResponse(l.Question, l.Answer, l.Points, l.DeductionPercent)).ToList(), result.TotalPoints, result.Steps(),
                v.Challenges.Select(c => new MyChallengeResponse(c.RaisedAt, c.Reason, c.Outcome, c.OutcomeReason, c.RevisedWeeklyAmount, c.DecidedAt)).ToList(),
                new MyHowToChallengeResponse(v.Teams, v.KeyWorker, v.Contact.Phone, v.Contact.Email)));
        }).AllowRepresentatives(RepresentativeScopes.SeeMoney);

        api.MapGet("/plan/versions/current", async Task<Results<Ok<MyPlanResponse>, NoContent>> (HttpContext http, MyContext my, MyRecordViews views) =>
            (await views.PlansAsync(my.PersonId, http.RequestAborted)).Current is { } current ? TypedResults.Ok(Plan(current)) : TypedResults.NoContent()).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapGet("/plan/versions", async (HttpContext http, MyContext my, MyRecordViews views) =>
            TypedResults.Ok((await views.PlanVersionsAsync(my.PersonId, http.RequestAborted))
                .Select(p => new MyPlanVersionResponse(p.Id, p.Number, p.Status, p.Weekly, p.CreatedAt, p.ApprovedAt, p.Author)).ToList())).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapGet("/plan/versions/{id:guid}", async (Guid id, HttpContext http, MyContext my, MyRecordViews views) =>
            TypedResults.Ok(Plan(await views.PlanVersionAsync(my.PersonId, id, http.RequestAborted))))
            .ProducesProblem(404).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapGet("/reviews", async (HttpContext http, MyContext my, MyRecordViews views) =>
        {
            var v = await views.ReviewsAsync(my.PersonId, http.RequestAborted);
            return TypedResults.Ok(new MyReviewsResponse(v.NextDue, v.NextIsOverdue, v.Reviews.Select(r => new MyReviewResponse(
                r.Id, r.Reason, r.Status, r.DueDate, r.CompletedAt, r.CompletedByName ?? r.CreatedByName,
                r.Outcomes.Select(o => new MyReviewOutcomeResponse(o.OutcomeText, o.Achieved, o.PersonComment)).ToList(),
                r.WhatIsWorking, r.WhatIsNotWorking, r.Decision)).ToList()));
        }).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapGet("/direct-payment", async Task<Results<Ok<MyDirectPaymentResponse>, NoContent>> (HttpContext http, MyContext my, MyRecordViews views) =>
            await views.DirectPaymentAsync(my.PersonId, http.RequestAborted) is { } dp
                ? TypedResults.Ok(new MyDirectPaymentResponse(dp.InPlace, dp.PlanNumber, dp.PlanStatus, dp.Weekly, dp.Since, dp.Elements.Select(Element).ToList()))
                : TypedResults.NoContent()).AllowRepresentatives(RepresentativeScopes.SeeMoney);

        api.MapGet("/access-log", async (HttpContext http, MyContext my, MyRecordViews views, int? page) =>
        {
            var log = await views.AccessLogAsync(my.PersonId, page ?? 1, http.RequestAborted);
            return TypedResults.Ok(new MyAccessLogResponse(log.PageNumber, log.TotalPages, log.Total,
                log.Entries.Select(Entry).ToList(), log.EmergencyAccess.Select(Entry).ToList()));
        }).AllowRepresentatives(RepresentativeScopes.SeeSupport);
    }

    private static MyAccessEntryResponse Entry(MyAccessEntry e) => new(e.At, e.Who, e.What, e.IsBreakGlass, e.BreakGlassReason);

    private static List<MyOutcomeResponse> Outcomes(IEnumerable<AssessmentOutcome> outcomes) =>
        outcomes.Select(o => new MyOutcomeResponse(o.Outcome, Eligibility.PlainEnglish.Outcome(o.Outcome))).ToList();

    private static MyPlanElementResponse Element(PlanElement e) =>
        new(e.Description, e.Provider, e.UnitCost, e.UnitType, e.UnitsPerWeek, e.WeeklyCost, e.StartDate, e.EndDate, e.Deployment);

    private static MyPlanResponse Plan(PlanLetter letter)
    {
        var p = letter.Plan;
        return new MyPlanResponse(p.Id, p.Number, p.Status, p.AuthorName, p.UpdatedAt,
            p.Sections.Select(s => new MyPlanSectionResponse(s.Section, s.Text, s.WrittenBy)).ToList(),
            p.Outcomes.OrderBy(o => o.Order).Select(o => new MyPlanOutcomeResponse(o.Text, o.WrittenBy)).ToList(),
            p.Needs.Select(n => new MyPlanNeedResponse(Eligibility.PlainEnglish.Need(n.Need), n.HowMet, n.WrittenBy)).ToList(),
            p.Elements.OrderBy(e => e.StartDate).Select(Element).ToList(),
            p.WeeklyCost, p.AnnualCost, letter.Section117 ? 0m : p.AssessedContributionWeekly, letter.Section117, p.NhsShareWeekly,
            p.Risks.Select(r => new MyPlanRiskResponse(r.Description, r.IsPositiveRisk, r.WhatWillBeDone, r.WhoDoesIt)).ToList(),
            p.Agreement, p.AgreementInOwnWords);
    }
}
