using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>Registers the Eligibility feature's services and maps its API endpoints.</summary>
public static class EligibilityFeature
{
    public static IServiceCollection AddEligibilityFeature(this IServiceCollection services) => services
        .AddScoped<EligibilityService>()
        .AddScoped<OfferService>()
        .AddScoped<Carers.CarerPathwayService>();

    /// <summary>Eligibility decisions and personal budget offers over JSON, with the same permissions and record access rule as the pages.</summary>
    public static RouteGroupBuilder MapEligibilityApi(this RouteGroupBuilder api)
    {
        var assessments = api.MapGroup("/assessments").WithTags("Eligibility");

        assessments.MapGet("/{id:guid}/eligibility", async (Guid id, EligibilityService service, CancellationToken ct) =>
            {
                var (assessment, determination) = await service.GetAsync(id, ct);
                return TypedResults.Ok(EligibilityDto.From(assessment, determination));
            })
            .RequirePermission(Permission.ViewPeople)
            .WithName("GetEligibility").WithSummary("The eligibility decision for an assessment, with its reasons condition by condition. 404 if not decided.");

        assessments.MapPost("/{id:guid}/eligibility", async (Guid id, EligibilityRequest request, EligibilityService service, CancellationToken ct) =>
            {
                var (assessment, determination) = await service.ConfirmAsync(id, request.SignificantImpact, request.SignificantImpactReason, request.Advice, request.ConfirmImpactDespiteNoAreaAffected == true, ct);
                return TypedResults.Created($"/api/v1/assessments/{id}/eligibility", EligibilityDto.From(assessment, determination));
            })
            .RequirePermission(Permission.AssessPeople)
            .WithName("ConfirmEligibility")
            .WithSummary("Decide eligibility for a completed assessment with the practitioner's wellbeing judgement. A significant impact when every wellbeing area was recorded as no impact needs \"confirmImpactDespiteNoAreaAffected\": true (else 400 naming it). 400 for drafts or missing answers; 409 if already decided.");

        assessments.MapPost("/{id:guid}/carer-pathway", async (Guid id, CarerPathwayRequest request, Carers.CarerPathwayService carers, CancellationToken ct) =>
            {
                var carer = await carers.StartAsync(id, request.ToDetails(), ct);
                return TypedResults.Created($"/api/v1/people/{carer.Id}", new CarerPathwayDto(carer.Id, id, carer.CaresForPersonId!.Value, carer.DisplayName));
            })
            .RequirePermission(Permission.AssessPeople)
            .WithTags("Carers")
            .WithName("StartCarerPathway")
            .WithSummary("For an eligible carer's assessment: create the carer's own record (linked to the person they care for, seen by that person's teams) and open the carer's pathway at the indicative budget (ADR 21). 400 naming the field for bad details or a carer who is not (yet) eligible; 409 if already started.");

        var people = api.MapGroup("/people").WithTags("Offers");

        people.MapGet("/{id:guid}/offers", async (Guid id, OfferService offers, CancellationToken ct) =>
                TypedResults.Ok((await offers.ViewForPersonAsync(id, ct)).Select(OfferDto.From).ToList()))
            .RequirePermission(Permission.ViewPeople)
            .WithName("ListOffers").WithSummary("Every offer of a personal budget and a direct payment made to the person, newest first.");

        people.MapPost("/{id:guid}/offers", async (Guid id, OfferRequest request, OfferService offers, CancellationToken ct) =>
            {
                var offer = await offers.RecordAsync(id, request, ct);
                return TypedResults.Created($"/api/v1/people/{id}/offers", OfferDto.From(offer));
            })
            .RequirePermission(Permission.AssessPeople)
            .WithName("RecordOffer")
            .WithSummary("Record that a personal budget and a direct payment were offered (and the response), or why not, at eligibility or at the indicative budget.");

        return api;
    }

    public sealed record EligibilityRequest(bool? SignificantImpact, string? SignificantImpactReason, string? Advice, bool? ConfirmImpactDespiteNoAreaAffected = null);

    public sealed record EligibilityDto(
        Guid Id,
        Guid AssessmentId,
        Guid PersonId,
        AssessmentKind Kind,
        bool Eligible,
        bool SignificantImpactOnWellbeing,
        string SignificantImpactReason,
        bool? ConfirmedImpactDespiteNoAreaAffected,
        IReadOnlyList<EligibilityReason> Reasons,
        IReadOnlyList<SpecifiedOutcome> OutcomesNotAchieved,
        IReadOnlyList<CarerOutcome> CarerOutcomesNotAchieved,
        string? Advice,
        DateTimeOffset ConfirmedAt,
        string ConfirmedBy)
    {
        public static EligibilityDto From(Assessment a, EligibilityDetermination d) => new(
            d.Id, d.AssessmentId, d.PersonId, d.Kind, d.Eligible, d.SignificantImpactOnWellbeing, d.SignificantImpactReason, d.ConfirmedImpactDespiteNoAreaAffected, d.Reasons,
            d.Kind == AssessmentKind.Adult ? a.OutcomesNotAchieved() : [],
            d.Kind == AssessmentKind.Carer ? a.CarerOutcomesNotAchieved() : [],
            d.Advice, d.ConfirmedAt, d.ConfirmedByName);
    }

    public sealed record OfferDto(
        Guid Id,
        OfferStage Stage,
        Guid? AssessmentId,
        Guid? IndicativeBudgetId,
        bool Offered,
        OfferResponse? Response,
        NotOfferedReason? NotOfferedReason,
        string? Detail,
        DateTimeOffset RecordedAt,
        string RecordedBy,
        Profession RecordedByProfession,
        Guid? TeamId,
        string? TeamName)
    {
        public static OfferDto From(OfferView o) => new(
            o.Id, o.Stage, o.AssessmentId, o.IndicativeBudgetId, o.Offered, o.Response, o.NotOfferedReason, o.Detail,
            o.RecordedAt, o.RecordedByName, o.RecordedByProfession, o.TeamId, o.TeamName);
    }

    /// <summary>The carer's details for their own record: the same fields as a person's, the support reason defaulting to support to an unpaid carer.</summary>
    public sealed record CarerPathwayRequest(string? LegalFirstName, string? LegalLastName, string? PreferredName, DateOnly? DateOfBirth, string? NhsNumber, string? PersonIdentifier,
        string? AddressLine1, string? AddressLine2, string? Town, string? Postcode, string? PhoneNumber, string? Email)
    {
        public PersonDetails ToDetails() => new()
        {
            LegalFirstName = LegalFirstName ?? "",
            LegalLastName = LegalLastName ?? "",
            PreferredName = PreferredName,
            DateOfBirth = DateOfBirth ?? default,
            NhsNumber = NhsNumber,
            PersonIdentifier = PersonIdentifier ?? "",
            AddressLine1 = AddressLine1,
            AddressLine2 = AddressLine2,
            Town = Town,
            Postcode = Postcode,
            PhoneNumber = PhoneNumber,
            Email = Email,
            PrimarySupportReason = PrimarySupportReason.SupportToUnpaidCarer,
        };
    }

    public sealed record CarerPathwayDto(Guid CarerPersonId, Guid AssessmentId, Guid CaresForPersonId, string CarerName);
}
