using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Infrastructure.Errors;
using PersonalBudgets.Web.Infrastructure.Input;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>A part of the plan the person writes: <c>part</c> is about-me, what-matters, outcome or idea; <c>revision</c> is 0 for a new draft.</summary>
public sealed record MyDraftRequest(string? Part, string? Text, int? Revision);

public sealed record MyDraftResponse(Guid Id, PlanDraftKind Kind, string Text, PlanDraftStatus Status, string? OwnerName, DateOnly DueDate, string? Reply, int Revision);

/// <summary>The person's answer on their plan; <c>revision</c> is the plan's, from GET /plan.</summary>
public sealed record MyAgreementRequest(PlanAgreement? Agreement, string? InOwnWords, int? Revision);

public sealed record MyPlanResponse(Guid PlanId, int Number, PlanStatus Status, int Revision, bool CanWrite, PlanAgreement? Agreement, string? AgreementInOwnWords, IReadOnlyList<MyDraftResponse> Drafts);

/// <summary>A review asked for (<c>kind</c> Review) or a decision challenged (<c>kind</c> Challenge, with <c>decision</c>).</summary>
public sealed record MyRequestRequest(PersonRequestKind? Kind, ChallengedDecision? Decision, string? Reason);

/// <summary>The questionnaire before a review (ADR 0033); <c>revision</c> is 0 for the first answers, else the one from GET.</summary>
public sealed record MyQuestionnaireRequest(IReadOnlyList<MyQuestionnaireOutcomeRequest>? Outcomes, HowWell? EasyToGetBudget, HowWell? InControl, HowWell? HelpedLiveLife, HowWell? TreatedWithRespect, string? AboutTheProcess, int? Revision);

public sealed record MyQuestionnaireOutcomeRequest(Guid PlanOutcomeId, HowWell? HowItWent, string? InOwnWords);

public sealed record MyQuestionnaireOutcomeResponse(Guid PlanOutcomeId, string Outcome, HowWell? HowItWent, string? InOwnWords);

public sealed record MyQuestionnaireResponse(Guid PlanId, int PlanNumber, Guid? ReviewId, DateOnly? ReviewDue, IReadOnlyList<MyQuestionnaireOutcomeResponse> Outcomes,
    HowWell? EasyToGetBudget, HowWell? InControl, HowWell? HelpedLiveLife, HowWell? TreatedWithRespect, string? AboutTheProcess, int Revision, string? AnsweredBy);

/// <summary>The person's self-assessment (ADR 0031): <c>revision</c> is 0 for a new one, else the one from GET; <c>send</c> also sends it to the worker.</summary>
public sealed record MySelfAssessmentRequest(IReadOnlyList<MySelfAssessmentAnswerRequest>? Answers, string? WhatMatters, string? AnythingElse, int? Revision, bool? Send);

public sealed record MySelfAssessmentAnswerRequest(Core.Assessments.SpecifiedOutcome? Outcome, string? HowIManage, string? WhatIsHard);

/// <summary>Sends the open self-assessment as it is; <c>revision</c> is the one from GET.</summary>
public sealed record MySelfAssessmentSendRequest(int? Revision);

public sealed record MySelfAssessmentResponse(Guid Id, SelfAssessmentStatus Status, IReadOnlyList<MySelfAssessmentAnswerRequest> Answers, string? WhatMatters, string? AnythingElse,
    string? OwnerName, DateOnly? DueDate, DateTimeOffset? SentAt, int Revision, string WrittenBy);

public sealed record MyRequestResponse(Guid Id, PersonRequestKind Kind, ChallengedDecision? Decision, string Reason, PersonRequestStatus Status, string? OwnerName, DateOnly DueDate, string? Answer);

/// <summary>
/// What the person does, over their API (ADR 0031): under <c>/my/api/v1</c>, the person's scheme only, always their own
/// record. State-changing requests must be JSON (or carry an antiforgery token), bad input is a 400 naming the
/// field (ADR 0014), and every POST takes an Idempotency-Key (keyed by the signed-in account), as on the staff API.
/// </summary>
public static class MyPartApi
{
    public static void MapMyPartApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(MyApi.Prefix).RequireAuthorization(PersonAuthentication.Policy).DisableAntiforgery()
            .AddEndpointFilter(new ApiRequestForgeryFilter()).CheckRequestInput()
            .AddEndpointFilter(new IdempotencyFilter()).ProducesTheProblems();

        api.MapGet("/plan", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<MyPlanResponse>, Microsoft.AspNetCore.Http.HttpResults.NoContent>> (HttpContext http, MyContext my, MyPartService part) =>
            await part.PlanAsync(my.PersonId, http.RequestAborted) is { } v
                ? TypedResults.Ok(new MyPlanResponse(v.PlanId, v.Number, v.Status, v.Revision, v.CanWrite, v.Agreement, v.AgreementInOwnWords, v.Drafts.Select(ToResponse).ToList()))
                : TypedResults.NoContent()).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapPost("/plan/drafts", async (MyDraftRequest request, HttpContext http, MyContext my, MyPartService part) =>
        {
            PlanDraftKind? kind = request.Part is null ? null : MyPartPaths.ParsePart(request.Part)
                ?? throw new Core.Common.ValidationFailedException([new Core.People.FieldError("part", "Part must be about-me, what-matters, outcome or idea")]);
            var draft = await part.WriteAsync(my.PersonId, kind, request.Text, request.Revision ?? 0, http.RequestAborted);
            return TypedResults.Created(MyApi.Prefix + "/plan", ToResponse(draft));
        }).AllowRepresentatives(RepresentativeScopes.WritePlan);

        api.MapPost("/plan/agreement", async (MyAgreementRequest request, HttpContext http, MyContext my, MyPartService part) =>
        {
            var plan = await part.AgreeAsync(my.PersonId, request.Agreement, request.InOwnWords, request.Revision ?? 0, http.RequestAborted);
            return TypedResults.Ok(new { plan.Id, plan.Agreement, plan.AgreementInOwnWords, plan.Revision });
        }).AllowRepresentatives(RepresentativeScopes.AgreeAndAsk);

        api.MapGet("/requests", async (HttpContext http, MyContext my, MyPartService part) =>
            TypedResults.Ok((await part.RequestsAsync(my.PersonId, http.RequestAborted)).Select(ToResponse).ToList())).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapPost("/requests", async (MyRequestRequest request, HttpContext http, MyContext my, MyPartService part) =>
        {
            var made = await part.AskAsync(my.PersonId, request.Kind, request.Decision, request.Reason, http.RequestAborted);
            return TypedResults.Created(MyApi.Prefix + "/requests", ToResponse(made));
        }).AllowRepresentatives(RepresentativeScopes.AgreeAndAsk);

        api.MapGet("/review/questionnaire", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<MyQuestionnaireResponse>, Microsoft.AspNetCore.Http.HttpResults.NoContent>> (HttpContext http, MyContext my, MyQuestionnaireService questionnaires) =>
            await questionnaires.LoadAsync(my.PersonId, http.RequestAborted) is { } v ? TypedResults.Ok(ToResponse(v)) : TypedResults.NoContent())
            .AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapPost("/review/questionnaire", async (MyQuestionnaireRequest request, HttpContext http, MyContext my, MyQuestionnaireService questionnaires) =>
        {
            var saved = await questionnaires.SaveAsync(my.PersonId,
                request.Outcomes?.Select(o => new QuestionnaireOutcomeAnswer(o.PlanOutcomeId, o.HowItWent, o.InOwnWords)).ToList(),
                new QuestionnaireProcessAnswers(request.EasyToGetBudget, request.InControl, request.HelpedLiveLife, request.TreatedWithRespect, request.AboutTheProcess),
                request.Revision ?? 0, http.RequestAborted);
            return TypedResults.Ok(new { saved.Id, saved.ReviewId, saved.Revision });
        }).AllowRepresentatives(RepresentativeScopes.AgreeAndAsk);

        // The person's self-assessment (ADR 0031): the open one (being written or sent), or 204 when there is none.
        api.MapGet("/self-assessment", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<MySelfAssessmentResponse>, Microsoft.AspNetCore.Http.HttpResults.NoContent>> (HttpContext http, MyContext my, MySelfAssessmentService selfAssessments) =>
            (await selfAssessments.LoadAsync(my.PersonId, http.RequestAborted)).Open is { } open ? TypedResults.Ok(ToResponse(open)) : TypedResults.NoContent())
            .AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapPost("/self-assessment", async (MySelfAssessmentRequest request, HttpContext http, MyContext my, MySelfAssessmentService selfAssessments) =>
        {
            var saved = await selfAssessments.SaveAsync(my.PersonId,
                request.Answers?.Select(a => new SelfAssessmentAnswerInput(a.Outcome, a.HowIManage, a.WhatIsHard)).ToList(),
                request.WhatMatters, request.AnythingElse, request.Revision ?? 0, request.Send == true, http.RequestAborted);
            return TypedResults.Ok(ToResponse(saved));
        }).AllowRepresentatives(RepresentativeScopes.WritePlan);

        api.MapPost("/self-assessment/send", async (MySelfAssessmentSendRequest request, HttpContext http, MyContext my, MySelfAssessmentService selfAssessments) =>
            TypedResults.Ok(ToResponse(await selfAssessments.SendAsync(my.PersonId, request.Revision ?? 0, http.RequestAborted))))
            .AllowRepresentatives(RepresentativeScopes.WritePlan);
    }

    private static MySelfAssessmentResponse ToResponse(SelfAssessment s) => new(s.Id, s.Status,
        s.Answers.OrderBy(a => a.Outcome).Select(a => new MySelfAssessmentAnswerRequest(a.Outcome, a.HowIManage, a.WhatIsHard)).ToList(),
        s.WhatMatters, s.AnythingElse, s.OwnerName, s.DueDate, s.SentAt, s.Revision, s.AuthorName);

    private static MyDraftResponse ToResponse(PlanDraft d) => new(d.Id, d.Kind, d.Text, d.Status, d.OwnerName, d.DueDate, d.Reply, d.Revision);

    private static MyQuestionnaireResponse ToResponse(MyQuestionnaire v)
    {
        var a = v.Answers;
        return new MyQuestionnaireResponse(v.PlanId, v.PlanNumber, v.ReviewId, v.ReviewDue,
            v.PlanOutcomes.Select(o => a?.Outcomes.FirstOrDefault(x => x.PlanOutcomeId == o.Id) is { } given
                ? new MyQuestionnaireOutcomeResponse(o.Id, o.Text, given.HowItWent, given.InOwnWords)
                : new MyQuestionnaireOutcomeResponse(o.Id, o.Text, null, null)).ToList(),
            a?.EasyToGetBudget, a?.InControl, a?.HelpedLiveLife, a?.TreatedWithRespect, a?.AboutTheProcess, v.Revision, a?.UpdatedByName);
    }

    private static MyRequestResponse ToResponse(PersonRequest r) => new(r.Id, r.Kind, r.Decision, r.Reason, r.Status, r.OwnerName, r.DueDate, r.Answer);
}
