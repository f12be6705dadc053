using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Returns;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Tests.Returns;

/// <summary>The return built from hand-made facts: every field of a known person's rows against values written out by hand.</summary>
public sealed class CldReturnTests
{
    private static readonly ReturnPeriod Period = ReturnPeriod.EndingOn(new DateOnly(2026, 9, 30));

    private static readonly Guid Ada = new("00000000-0000-0000-0000-00000000a0a0");
    private static readonly Guid Carer = new("00000000-0000-0000-0000-00000000c0c0");
    private static readonly Guid Episode = new("10000000-0000-0000-0000-000000000001");
    private static readonly Guid AssessmentId = new("20000000-0000-0000-0000-000000000002");
    private static readonly Guid ElementDp = new("30000000-0000-0000-0000-000000000003");
    private static readonly Guid ElementDay = new("30000000-0000-0000-0000-000000000004");
    private static readonly Guid ReviewId = new("40000000-0000-0000-0000-000000000005");
    private static readonly Guid CarerElement = new("30000000-0000-0000-0000-000000000006");
    private static readonly Guid Budget = new("50000000-0000-0000-0000-000000000007");

    internal static CldPersonFacts Person(Guid id, string identifier, string? nhs = "9434765919", Guid? caresFor = null, DateOnly? dob = null, DateOnly? died = null) => new(
        id, identifier, nhs, "Ada", "Example", "A81001", Gender.Female, Ethnicity.WhiteIrish, dob ?? new DateOnly(1960, 2, 15), died, "NM1 1AA",
        AccommodationStatus.TenantSocialHousing, EmploymentStatus.NotPaidVoluntaryOnly, PrimarySupportReason.MentalHealthSupport,
        false, null, null, caresFor, YesNoUnknown.No, false);

    internal static CldServiceFacts Service(Guid element, Guid person, Deployment deployment, DateOnly start, DateOnly? end = null, ServiceCategory category = ServiceCategory.PersonalAssistant,
        decimal contribution = 0m, decimal nhsShare = 0m, bool section117 = false, decimal weekly = 200m) =>
        new(element, person, Budget, category, deployment, 15.5m, UnitType.Hour, 10m, start, end, false, weekly, contribution, nhsShare, section117);

    private static CldSourceData Source() => new(
        [
            Person(Ada, "NM000001") with { HasCarerRecord = true },
            Person(Carer, "NM000002", nhs: "9990000018", caresFor: Ada, dob: new DateOnly(1950, 7, 1)) with { LegalFirstName = "Cy", Postcode = null },
        ],
        [new CldRequestFacts(Episode, Ada, new DateOnly(2025, 11, 3), new DateOnly(2025, 11, 5), true, null)],
        [new CldAssessmentFacts(AssessmentId, Ada, AssessmentKind.Adult, AssessmentType.TelephoneOrVideo, new DateOnly(2025, 11, 6), new DateOnly(2025, 12, 1), true)],
        [
            Service(ElementDp, Ada, Deployment.DirectPayment, new DateOnly(2026, 1, 5), contribution: 12.5m),
            Service(ElementDay, Ada, Deployment.CouncilCommissioned, new DateOnly(2026, 1, 5), new DateOnly(2026, 6, 30), ServiceCategory.CommunityActivity, contribution: 12.5m),
            Service(CarerElement, Carer, Deployment.DirectPayment, new DateOnly(2026, 2, 1), category: ServiceCategory.ShortBreak),
        ],
        [new CldReviewFacts(ReviewId, Ada, ReviewReason.Scheduled, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), Participation.InPerson, [OutcomeAchieved.Fully, OutcomeAchieved.Partly], ReviewDecision.Continue)]);

    // The person's fields, the same on each of Ada's rows (columns 0 to 23).
    private static readonly string[] AdaPerson =
    [
        "E06000099", "2025-10-01", "2026-09-30", "9434765919", "NM000001", "Ada", "Example", "", "A81001", "Female", "White: Irish", "1960-02-15", "",
        "Service user", "Mental health support", "NM1 1AA", "Tenant: Local authority or other social housing provider",
        "Not in paid employment: Voluntary work only", "Yes", "", "", "", "", "Joint client and social care funded",
    ];

    private static string[] Row(string[] person, params string[] eventFields) => [.. person, .. eventFields];

    [Fact]
    public void KnownPerson_EveryFieldOfEveryRow_IsAsWrittenByHand()
    {
        var rows = CldReturn.Build(Source(), Period, "E06000099");
        var ada = rows.Where(r => r.PersonId == Ada).Select(r => r.Values().ToArray()).ToList();

        string[][] expected =
        [
            // Event Type, Reference, Start, End, Description, Outcome, Route, Assessment Type, Eligible, Method of Assessment, Hrs caring,
            // No. cared for, Adult 1/2/3, Service Type, Component, Mechanism, CQC name, CQC id, Review Reason, Outcomes Achieved, Method of Review,
            // Unit Cost, Frequency, Units per week
            Row(AdaPerson, "Request", Episode.ToString(), "2025-11-03", "2025-11-05", "Referral", "Progress to assessment, review or reassessment", "", "", "", "", "",
                "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""),
            Row(AdaPerson, "Assessment", AssessmentId.ToString(), "2025-11-06", "2025-12-01", "Needs assessment", "Progress to support planning or services", "",
                "Long term assessment", "Yes", "Telephone or video", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""),
            Row(AdaPerson, "Service", ElementDp.ToString(), "2026-01-05", "", "Personal assistant", "Continuation of support or services", "", "", "", "", "",
                "", "", "", "", "Long term support: Community", "Direct payment", "Direct payment", "", "", "", "", "", "15.50", "Hourly", "10.00"),
            Row(AdaPerson, "Service", ElementDay.ToString(), "2026-01-05", "2026-06-30", "Community activity or day opportunity", "NFA: Support ended as planned", "", "", "", "", "",
                "", "", "", "", "Long term support: Community", "Day support", "CASSR commissioned support", "", "", "", "", "", "15.50", "Hourly", "10.00"),
            Row(AdaPerson, "Review", ReviewId.ToString(), "2026-03-01", "2026-03-02", "Scheduled review", "Continuation of support or services", "", "", "", "", "",
                "", "", "", "", "", "", "", "", "", "Planned", "Partially achieved", "Face to face", "", "", ""),
        ];
        ada.Count.ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            ada[i].Length.ShouldBe(CldSpec.Headers.Count);
            for (var f = 0; f < CldSpec.Headers.Count; f++)
            {
                ada[i][f].ShouldBe(expected[i][f], $"row {i} ({expected[i][24]}), field {f} \"{CldSpec.Headers[f]}\"");
            }
        }
    }

    [Fact]
    public void Carer_IsAnUnpaidCarerLinkedToTheCaredForPerson_WithSupportDirectToTheCarer()
    {
        var row = CldReturn.Build(Source(), Period, "E06000099").Single(r => r.PersonId == Carer);

        row.ClientType.ShouldBe("Unpaid carer");
        row.PrimarySupportReason.ShouldBe("Social support: Support to unpaid carer");
        row.AdultsCaredFor.ShouldBe(1);
        row.Adult1LinkedPersonId.ShouldBe("NM000001");
        row.ServiceType.ShouldBe("Unpaid carer support: Direct to unpaid carer");
        row.ServiceComponent.ShouldBe("Direct payment");
        row.ClientFundingStatus.ShouldBe("Fully social care funded");
        row.Postcode.ShouldBeNull();
    }

    [Fact]
    public void EventsOutsideThePeriod_AreLeftOut_AndServicesOpenInItAreKept()
    {
        var source = Source() with
        {
            Requests = [new CldRequestFacts(Episode, Ada, new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 30), true, null)],
            Services = [Service(ElementDp, Ada, Deployment.DirectPayment, new DateOnly(2024, 1, 1)), Service(ElementDay, Ada, Deployment.DirectPayment, new DateOnly(2024, 1, 1), new DateOnly(2025, 9, 30))],
        };
        var rows = CldReturn.Build(source, Period, "X").Where(r => r.PersonId == Ada).ToList();

        rows.ShouldNotContain(r => r.EventType == "Request");
        rows.Where(r => r.EventType == "Service").Select(r => r.SourceId).ShouldBe([ElementDp]);
    }

    [Fact]
    public void Section117_IsFullySocialCareFunded_AndAWhollyNhsFundedBudget_IsNoCouncilService()
    {
        var s117 = Source() with
        {
            Services = [Service(ElementDp, Ada, Deployment.DirectPayment, new DateOnly(2026, 1, 5), contribution: 0m, nhsShare: 80m, section117: true)],
        };
        var rows = CldReturn.Build(s117, Period, "X").Where(r => r.PersonId == Ada).ToList();
        rows.Single(r => r.EventType == "Service").ClientFundingStatus.ShouldBe("Fully social care funded");
        rows.Single(r => r.EventType == "Assessment").EventOutcome.ShouldBe("Progress to support planning or services");

        var nhs = Source() with
        {
            Services = [Service(ElementDp, Ada, Deployment.CouncilCommissioned, new DateOnly(2026, 1, 5), nhsShare: 200m, section117: true)],
        };
        var nhsRows = CldReturn.Build(nhs, Period, "X").Where(r => r.PersonId == Ada).ToList();
        nhsRows.ShouldNotContain(r => r.EventType == "Service");
        nhsRows.Single(r => r.EventType == "Assessment").EventOutcome.ShouldBe("NFA: Referral to NHS services or NHS funded social care");
    }

    [Fact]
    public void AnOpenService_EndsOnTheDateOfDeath()
    {
        var source = Source() with { People = [Person(Ada, "NM000001", died: new DateOnly(2026, 8, 20))] };
        var dp = CldReturn.Build(source, Period, "X").Single(r => r.SourceId == ElementDp);

        dp.EventEndDate.ShouldBe(new DateOnly(2026, 8, 20));
        dp.EventOutcome.ShouldBe("NFA: Deceased");
        dp.DateOfDeath.ShouldBe(new DateOnly(2026, 8, 20));
    }

    [Fact]
    public void TheFile_IsTheSameBytesEveryTime_WhateverTheOrderOfTheFacts()
    {
        var source = Source();
        var shuffled = source with { Services = source.Services.Reverse().ToList(), People = source.People.Reverse().ToList() };

        var first = CldCsv.Write(CldReturn.Build(source, Period, "X"));
        var second = CldCsv.Write(CldReturn.Build(shuffled, Period, "X"));

        second.ShouldBe(first);
        first.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF }); // no byte-order mark
        System.Text.Encoding.UTF8.GetString(first).ShouldContain("\r\n");
        System.Text.Encoding.UTF8.GetString(first).Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain("\n");
    }

    [Fact]
    public void TheFile_ReadsBackAsTheRows_WithCommasQuoted()
    {
        var rows = CldReturn.Build(Source(), Period, "X");
        var read = CldCsv.Read(CldCsv.Write(rows));

        read[0].ShouldBe(CldSpec.Headers);
        read.Count.ShouldBe(rows.Count + 1);
        for (var i = 0; i < rows.Count; i++)
        {
            read[i + 1].ShouldBe(rows[i].Values());
        }
    }

    [Theory]
    [InlineData("2026-06-30", "2025-07-01")]
    [InlineData("2026-03-31", "2025-04-01")]
    [InlineData("2025-12-31", "2025-01-01")]
    [InlineData("2024-03-31", "2023-04-01")]
    public void Period_IsTheTwelveMonthsEndingOnTheQuarter(string end, string start) =>
        ReturnPeriod.EndingOn(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)).Start
            .ShouldBe(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Period_RefusesADayThatEndsNoQuarter() =>
        Should.Throw<Core.Common.DomainException>(() => ReturnPeriod.EndingOn(new DateOnly(2026, 9, 29))).Field.ShouldBe("PeriodEnd");

    [Fact]
    public void LatestPeriod_IsTheLastQuarterEndedBeforeToday()
    {
        ReturnPeriod.LatestEndedBefore(new DateOnly(2026, 12, 7)).End.ShouldBe(new DateOnly(2026, 9, 30));
        ReturnPeriod.LatestEndedBefore(new DateOnly(2026, 10, 1)).End.ShouldBe(new DateOnly(2026, 9, 30));
        ReturnPeriod.LatestEndedBefore(new DateOnly(2026, 4, 1)).End.ShouldBe(new DateOnly(2026, 3, 31));
        ReturnPeriod.Recent(new DateOnly(2026, 12, 7), 3).Select(p => p.End).ShouldBe([new DateOnly(2026, 9, 30), new DateOnly(2026, 6, 30), new DateOnly(2026, 3, 31)]);
    }
}

