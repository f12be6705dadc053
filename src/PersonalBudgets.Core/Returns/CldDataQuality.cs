using PersonalBudgets.Core.People;
using V = PersonalBudgets.Core.Returns.CldSpec;

namespace PersonalBudgets.Core.Returns;

/// <summary>Where a data-quality problem is put right.</summary>
public enum CldFix
{
    /// <summary>The person's details (edit page).</summary>
    PersonDetails,

    /// <summary>The eligibility decision on an assessment.</summary>
    Eligibility,

    /// <summary>The assessment itself ("About the assessment").</summary>
    Assessment,

    /// <summary>The person's reviews.</summary>
    Reviews,

    /// <summary>The person's pathway.</summary>
    Pathway,
}

/// <summary>One failed mandatory or format rule: whose record, which field, what is wrong, and where to fix it.</summary>
public sealed record CldIssue(Guid PersonId, string LaPersonId, string Field, string Problem, CldFix Fix, Guid FixRecordId, string? EventType, string? EventReference);

/// <summary>A mandatory field the service does not record at all, so no row can have it (ADR 0028).</summary>
public sealed record CldGap(string Field, string Why, int RowsAffected);

public sealed record CldQualityReport(IReadOnlyList<CldIssue> Issues, IReadOnlyList<CldGap> Gaps, int RowCount, int PeopleCount)
{
    public int PeopleWithIssues => Issues.Select(i => i.PersonId).Distinct().Count();
}

/// <summary>
/// The data-quality report made before the file: the mandatory and format rules of cld-spec §1.3 (Release 1 rules, the
/// Release 2 ones not being public) checked on the rows the file would hold. A person's field is reported once
/// however many rows repeat it; an event's field once for the event.
/// </summary>
public static class CldDataQuality
{
    public static CldQualityReport Check(IReadOnlyList<CldRow> rows)
    {
        var issues = new List<CldIssue>();
        foreach (var person in rows.GroupBy(r => r.PersonId))
        {
            var first = person.First();
            void PersonIssue(string field, string problem) =>
                issues.Add(new CldIssue(first.PersonId, first.LaPersonId, field, problem, CldFix.PersonDetails, first.PersonId, null, null));

            if (first.NhsNumber is null)
            {
                PersonIssue("NHS Number", "NHS number is missing: it is mandatory");
            }
            else if (!NhsNumber.TryParse(first.NhsNumber, out _))
            {
                PersonIssue("NHS Number", "NHS number is not a valid NHS number (10 digits with a correct check digit)");
            }

            if (first.Postcode is null)
            {
                PersonIssue("Postcode", "Postcode is missing: it is mandatory");
            }
            else if (!Postcode.TryNormalise(first.Postcode, out var normal) || normal != first.Postcode)
            {
                PersonIssue("Postcode", "Postcode is not a UK postcode in standard form, like LS1 4AP");
            }

            if (first.GpPracticeCode is { } gp && !(gp.Length is >= 3 and <= 10 && gp.All(char.IsAsciiLetterOrDigit)))
            {
                PersonIssue("GP Practice Code", "GP practice code is not an ODS code of letters and numbers");
            }

            var earliest = person.Min(r => r.EventStartDate);
            if (first.DateOfBirth > earliest)
            {
                PersonIssue("Date of Birth", "Date of birth is after the start of one of the person's events");
            }
            else if (first.DateOfBirth < first.PeriodEnd.AddYears(-120))
            {
                PersonIssue("Date of Birth", "Date of birth is more than 120 years before the end of the period");
            }

            if (first.DateOfDeath is { } death && death < person.Max(r => r.EventStartDate))
            {
                PersonIssue("Date of Death", "Date of death is before the start of one of the person's events");
            }

            foreach (var row in person)
            {
                Check(row, issues);
            }
        }

        var requests = rows.Count(r => r.EventType == V.EventType.Request && r.RouteOfAccess is null);
        IReadOnlyList<CldGap> gaps = requests == 0 ? [] :
        [
            new CldGap("Request: Route of Access", "The service does not record how a referral came in, and the value list is not public. Add it to the file by hand or from the referral source before submitting.", requests),
        ];

        return new CldQualityReport(issues, gaps, rows.Count, rows.Select(r => r.PersonId).Distinct().Count());
    }

    private static void Check(CldRow row, List<CldIssue> issues)
    {
        void Issue(string field, string problem, CldFix fix, Guid recordId) =>
            issues.Add(new CldIssue(row.PersonId, row.LaPersonId, field, problem, fix, recordId, row.EventType, row.EventReference));

        if (row.EventEndDate is { } end && end < row.EventStartDate)
        {
            Issue("Event End Date", "The event ends before it starts", row.EventType == V.EventType.Review ? CldFix.Reviews : CldFix.Pathway, row.PersonId);
        }

        if (row.EventType == V.EventType.Assessment)
        {
            if (row.EventOutcome is null)
            {
                Issue("Event Outcome", "The assessment has no outcome: decide eligibility", CldFix.Eligibility, row.SourceId);
            }

            if (row.MethodOfAssessment is null)
            {
                Issue("Method of Assessment", "The assessment does not say how it was carried out", CldFix.Assessment, row.SourceId);
            }
        }

        if (row.EventType == V.EventType.Review)
        {
            if (row.MethodOfReview is null)
            {
                Issue("Method of Review", "The review does not say how the person took part", CldFix.Reviews, row.PersonId);
            }

            if (row.ReviewReason == V.Unconfirmed.ReviewPlanned && row.ReviewOutcomesAchieved is null)
            {
                Issue("Review Outcomes Achieved", "A planned review must say whether the outcomes were achieved", CldFix.Reviews, row.PersonId);
            }
        }

        if (row.EventType != V.EventType.Service && row.EventEndDate is null)
        {
            Issue("Event End Date", "Requests, assessments and reviews need an end date", CldFix.Pathway, row.PersonId);
        }

        // The mapping's own values against the defined lists: a failure here is a defect in the service, not the data.
        ListCheck(row, issues, "Client Type", row.ClientType, V.ClientType.All);
        ListCheck(row, issues, "Has Unpaid Carer", row.HasUnpaidCarer, V.YesNo.HasUnpaidCarer);
        ListCheck(row, issues, "Client Funding Status", row.ClientFundingStatus, V.FundingStatus.All);
        ListCheck(row, issues, "Event Type", row.EventType, V.EventType.All);
        ListCheck(row, issues, "Event Outcome", row.EventOutcome, V.EventOutcome.All);
        ListCheck(row, issues, "Assessment Type", row.AssessmentType, V.AssessmentType.All);
        ListCheck(row, issues, "Service Type", row.ServiceType, V.ServiceType.All);
        ListCheck(row, issues, "Service Component", row.ServiceComponent, V.ServiceComponent.All);
        ListCheck(row, issues, "Delivery Mechanism", row.DeliveryMechanism, V.DeliveryMechanism.All);
        ListCheck(row, issues, "Cost Frequency (Unit Type)", row.CostFrequency, V.CostFrequency.All);
    }

    private static void ListCheck(CldRow row, List<CldIssue> issues, string field, string? value, IReadOnlyList<string> list)
    {
        if (value is not null && !list.Contains(value, StringComparer.Ordinal))
        {
            issues.Add(new CldIssue(row.PersonId, row.LaPersonId, field, $"\"{value}\" is not a Release 2 value of {field}", CldFix.PersonDetails, row.PersonId, row.EventType, row.EventReference));
        }
    }
}
