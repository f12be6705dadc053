using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>Needs and carer's assessments over JSON, with the same permissions and legitimate-relationship rule as the pages.</summary>
public static class AssessmentsApi
{
    public static RouteGroupBuilder MapAssessmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:guid}/assessments", async (Guid id, PersonService people, AssessmentService assessments, CancellationToken ct) =>
            {
                await people.ViewAsync(id, ct);
                return TypedResults.Ok(await assessments.ListAsync(id, ct));
            })
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Assessments")
            .WithName("ListAssessments").WithSummary("A person's needs and carer's assessments, every version, newest first.");

        api.MapGet("/assessments/{id:guid}", async (Guid id, AssessmentService assessments, CancellationToken ct) =>
                TypedResults.Ok(AssessmentDto.From(await assessments.ViewAsync(id, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Assessments")
            .WithName("GetAssessment").WithSummary("An assessment with every section, and what is still missing before it can be completed.");

        api.MapPost("/people/{id:guid}/assessments", async (Guid id, CreateAssessmentRequest request, AssessmentService assessments, CancellationToken ct) =>
            {
                var created = await assessments.CreateAsync(request.ToSubmission(id), ct);
                return TypedResults.Created($"/api/v1/assessments/{created.Id}", AssessmentDto.From(await assessments.LoadAsync(created.Id, ct)));
            })
            .RequirePermission(Permission.AssessPeople)
            .WithTags("Assessments")
            .WithName("CreateAssessment")
            .WithSummary("Create a whole assessment in one request. With \"complete\": true it is also completed, or refused with 400 listing what is missing (errors keyed \"missing.{section}\"). Nothing is saved on any error.");

        api.MapPost("/assessments/{id:guid}/cancel", async (Guid id, CancelAssessmentRequest request, AssessmentService assessments, CancellationToken ct) =>
            {
                await assessments.CancelAsync(id, request.Revision ?? 0, request.Reason, ct);
                return TypedResults.Ok(AssessmentDto.From(await assessments.LoadAsync(id, ct)));
            })
            .RequirePermission(Permission.AssessPeople)
            .WithTags("Assessments")
            .WithName("CancelAssessment")
            .WithSummary("Cancel a draft assessment with a reason (its owner, or a team manager). A person has one open needs assessment at a time; a cancelled one no longer counts. 409 if the revision is stale or the assessment is not a draft.");

        return api;
    }

    public sealed record CancelAssessmentRequest(string? Reason, int? Revision);

    /// <summary>An outcome and how the person manages it (reg 2(3)): ["WithoutDifficulty"], or one or more ways of being unable.</summary>
    public sealed record OutcomeDto(SpecifiedOutcome? Outcome, IReadOnlyList<HowManaged>? HowManaged, string? Note);

    public sealed record CreateAssessmentRequest(
        AssessmentKind? Kind,
        Guid? OwnerId,
        DateOnly? DueDate,
        AssessmentType? Type = null,
        AssessmentSubmission.ParticipationPart? Participation = null,
        AssessmentSubmission.WhatMattersPart? WhatMatters = null,
        bool? NeedsAriseFromImpairmentOrIllness = null,
        IReadOnlyList<ImpairmentKinds>? ImpairmentKinds = null,
        string? ImpairmentOther = null,
        IReadOnlyList<OutcomeDto>? Outcomes = null,
        AssessmentSubmission.FluctuationPart? Fluctuation = null,
        IReadOnlyList<AssessmentSubmission.WellbeingPart>? Wellbeing = null,
        AssessmentSubmission.UnpaidCarerPart? UnpaidCarer = null,
        AssessmentSubmission.AdvocacyPart? Advocacy = null,
        AssessmentSubmission.CarerNeedsPart? CarerNeeds = null,
        bool Complete = false)
    {
        public AssessmentSubmission ToSubmission(Guid personId) => new(
            personId, Kind, OwnerId, DueDate, Type, Participation, WhatMatters, NeedsAriseFromImpairmentOrIllness, ImpairmentKinds, ImpairmentOther,
            Outcomes?.Select(o => new AssessmentSubmission.OutcomePart(o.Outcome, o.HowManaged ?? [], o.Note)).ToList(),
            Fluctuation, Wellbeing, UnpaidCarer, Advocacy, CarerNeeds, Complete);
    }

    public sealed record MissingDto(AssessmentSection Section, string Message);

    /// <summary>
    /// How the person manages an outcome: the answers given (empty until answered), whether that counts as unable to
    /// achieve it under reg 2(3), and each way in words.
    /// </summary>
    public sealed record OutcomeFindingDto(SpecifiedOutcome Outcome, string Label, IReadOnlyList<HowManaged> HowManaged, bool? UnableToAchieve, IReadOnlyList<string> Ways, string? Note);

    public sealed record WellbeingFindingDto(WellbeingArea Area, string Label, WellbeingImpact Impact, string? Note);

    public sealed record AssessmentDto(
        Guid Id,
        Guid PersonId,
        AssessmentKind Kind,
        AssessmentStatus Status,
        int Version,
        Guid? PreviousVersionId,
        Guid? ReplacedByVersionId,
        string? CorrectionReason,
        Guid OwnerId,
        string OwnerName,
        DateOnly DueDate,
        bool Overdue,
        AssessmentType? Type,
        AssessmentSubmission.ParticipationPart Participation,
        AssessmentSubmission.WhatMattersPart WhatMatters,
        bool? NeedsAriseFromImpairmentOrIllness,
        IReadOnlyList<ImpairmentKinds> ImpairmentKinds,
        string? ImpairmentOther,
        string? Impairment,
        IReadOnlyList<OutcomeFindingDto> Outcomes,
        AssessmentSubmission.FluctuationPart Fluctuation,
        IReadOnlyList<WellbeingFindingDto> Wellbeing,
        AssessmentSubmission.UnpaidCarerPart UnpaidCarer,
        AssessmentSubmission.AdvocacyPart Advocacy,
        AssessmentSubmission.CarerNeedsPart? CarerNeeds,
        IReadOnlyList<MissingDto> Missing,
        DateTimeOffset StartedAt,
        string StartedBy,
        DateTimeOffset? CompletedAt,
        string? CompletedBy,
        DateTimeOffset? CancelledAt,
        string? CancelledBy,
        string? CancellationReason,
        int Revision,
        DateTimeOffset UpdatedAt,
        string UpdatedBy)
    {
        public static AssessmentDto From(AssessmentView view)
        {
            var a = view.Assessment;
            return new AssessmentDto(
                a.Id, a.PersonId, a.Kind, a.Status, a.VersionNumber, a.PreviousVersionId, view.LaterVersionId, a.CorrectionReason,
                a.OwnerId, view.OwnerName, a.DueDate, view.IsOverdue, a.Type,
                new(a.WhoTookPart, a.Participation, a.BestInterestsConsulted),
                new(a.WhatMattersInOwnWords, a.OutcomesWanted),
                a.NeedsArisefromImpairmentOrIllness,
                Enum.GetValues<ImpairmentKinds>().Where(k => k != Core.Assessments.ImpairmentKinds.None && a.ImpairmentKinds.HasFlag(k)).ToList(),
                a.ImpairmentOther,
                a.ImpairmentDescription,
                a.Outcomes.OrderBy(o => o.Outcome).Select(o => new OutcomeFindingDto(o.Outcome, o.Outcome.Label(), o.Finding?.Answers ?? [], o.Finding?.CountsAsUnable,
                    o.Finding is { } f ? AssessmentDescription.ReasonList(f.Reasons).Select(r => r.Label()).ToList() : [], o.Note)).ToList(),
                new(a.NeedsFluctuate, a.FluctuationPeriodConsidered, a.FluctuationDescription),
                a.Wellbeing.OrderBy(w => w.Area).Select(w => new WellbeingFindingDto(w.Area, w.Area.Label(), w.Impact, w.Note)).ToList(),
                new(a.HasUnpaidCarer, a.LinkedCarerAssessmentId),
                new(a.AdvocateNeeded, a.AdvocacyNote),
                a.Kind == AssessmentKind.Carer
                    ? new(a.CarerName, a.CarerRelationship, a.CarerNeedsArisefromProvidingCare, a.CarerHealthAtRisk,
                        a.CarerOutcomes.OrderBy(o => o.Outcome).Select(o => new AssessmentSubmission.CarerOutcomePart(o.Outcome, o.Answer?.Answers ?? [], o.Note)).ToList(),
                        a.CarerOutcomesNotAchieved())
                    : null,
                a.Missing().Select(m => new MissingDto(m.Section, m.Message)).ToList(),
                a.StartedAt, a.StartedByName, a.CompletedAt, a.CompletedByName, a.CancelledAt, a.CancelledByName, a.CancellationReason, a.Revision, a.UpdatedAt, a.UpdatedByName);
        }
    }
}
