using System.Globalization;

namespace PersonalBudgets.Core.Returns;

/// <summary>
/// One row of the return: one event for one person, with the person's fields repeated (cld-spec §3.2). Values are the
/// CLD strings already; <see cref="Values"/> writes them in the file's column order. <see cref="PersonId"/> and
/// <see cref="SourceId"/> are ours (for the data-quality report's links), never written.
/// </summary>
public sealed record CldRow
{
    public required Guid PersonId { get; init; }
    public required Guid SourceId { get; init; }

    public required string LaCode { get; init; }
    public required DateOnly PeriodStart { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public string? NhsNumber { get; init; }
    public required string LaPersonId { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public string? GpPracticeName { get; init; }
    public string? GpPracticeCode { get; init; }
    public required string Gender { get; init; }
    public required string Ethnicity { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public DateOnly? DateOfDeath { get; init; }
    public required string ClientType { get; init; }
    public required string PrimarySupportReason { get; init; }
    public string? Postcode { get; init; }
    public required string AccommodationStatus { get; init; }
    public required string EmploymentStatus { get; init; }
    public required string HasUnpaidCarer { get; init; }
    public string? Autism { get; init; }
    public string? VisualImpairment { get; init; }
    public string? HearingImpairment { get; init; }
    public string? Dementia { get; init; }
    public string? ClientFundingStatus { get; init; }
    public required string EventType { get; init; }
    public required string EventReference { get; init; }
    public required DateOnly EventStartDate { get; init; }
    public DateOnly? EventEndDate { get; init; }
    public string? EventDescription { get; init; }
    public string? EventOutcome { get; init; }
    public string? RouteOfAccess { get; init; }
    public string? AssessmentType { get; init; }
    public string? EligibleNeedsIdentified { get; init; }
    public string? MethodOfAssessment { get; init; }
    public string? TotalHoursCaringPerWeek { get; init; }
    public int? AdultsCaredFor { get; init; }
    public string? Adult1LinkedPersonId { get; init; }
    public string? Adult2LinkedPersonId { get; init; }
    public string? Adult3LinkedPersonId { get; init; }
    public string? ServiceType { get; init; }
    public string? ServiceComponent { get; init; }
    public string? DeliveryMechanism { get; init; }
    public string? ProviderCqcLocationName { get; init; }
    public string? ProviderCqcLocationId { get; init; }
    public string? ReviewReason { get; init; }
    public string? ReviewOutcomesAchieved { get; init; }
    public string? MethodOfReview { get; init; }
    public decimal? UnitCost { get; init; }
    public string? CostFrequency { get; init; }
    public decimal? PlannedUnitsPerWeek { get; init; }

    /// <summary>The row's values in <see cref="CldSpec.Headers"/> order: ISO 8601 dates, 2-decimal numbers, invariant culture.</summary>
    public IReadOnlyList<string> Values() =>
    [
        LaCode, D(PeriodStart), D(PeriodEnd), S(NhsNumber), LaPersonId, FirstName, LastName, S(GpPracticeName), S(GpPracticeCode),
        Gender, Ethnicity, D(DateOfBirth), D(DateOfDeath), ClientType, PrimarySupportReason, S(Postcode), AccommodationStatus,
        EmploymentStatus, HasUnpaidCarer, S(Autism), S(VisualImpairment), S(HearingImpairment), S(Dementia), S(ClientFundingStatus),
        EventType, EventReference, D(EventStartDate), D(EventEndDate), S(EventDescription), S(EventOutcome), S(RouteOfAccess),
        S(AssessmentType), S(EligibleNeedsIdentified), S(MethodOfAssessment), S(TotalHoursCaringPerWeek),
        AdultsCaredFor?.ToString(CultureInfo.InvariantCulture) ?? "", S(Adult1LinkedPersonId), S(Adult2LinkedPersonId), S(Adult3LinkedPersonId),
        S(ServiceType), S(ServiceComponent), S(DeliveryMechanism), S(ProviderCqcLocationName), S(ProviderCqcLocationId), S(ReviewReason),
        S(ReviewOutcomesAchieved), S(MethodOfReview), N(UnitCost), S(CostFrequency), N(PlannedUnitsPerWeek),
    ];

    private static string S(string? value) => value ?? "";

    private static string D(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string N(decimal? value) => value is { } v ? decimal.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) : "";
}
