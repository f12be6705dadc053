using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Returns;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Tests.Returns;

/// <summary>The data-quality report finds each planted defect, once, with where to fix it; clean data has none.</summary>
public sealed class CldDataQualityTests
{
    private static readonly ReturnPeriod Period = ReturnPeriod.EndingOn(new DateOnly(2026, 9, 30));

    private static CldQualityReport Check(CldSourceData source) => CldDataQuality.Check(CldReturn.Build(source, Period, "X"));

    private static CldSourceData OnePerson(CldPersonFacts person, params CldAssessmentFacts[] assessments) => new(
        [person], [],
        assessments.Length > 0 ? assessments : [new CldAssessmentFacts(Guid.NewGuid(), person.Id, AssessmentKind.Adult, AssessmentType.FaceToFace, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 20), true)],
        [CldReturnTests.Service(Guid.NewGuid(), person.Id, Deployment.DirectPayment, new DateOnly(2026, 2, 1))],
        []);

    private static CldPersonFacts Clean(Guid? id = null) => CldReturnTests.Person(id ?? Guid.NewGuid(), "NM" + Random.Shared.Next(100000, 999999));

    [Fact]
    public void CleanData_HasNoProblems() => Check(OnePerson(Clean())).Issues.ShouldBeEmpty();

    [Theory]
    [InlineData("missing NHS number", "NHS Number")]
    [InlineData("bad NHS number", "NHS Number")]
    [InlineData("missing postcode", "Postcode")]
    [InlineData("bad postcode", "Postcode")]
    [InlineData("bad GP code", "GP Practice Code")]
    [InlineData("born after an event", "Date of Birth")]
    [InlineData("died before an event", "Date of Death")]
    public void APersonsPlantedDefect_IsFoundOnce_WithTheDetailsPageToFixIt(string defect, string field)
    {
        var clean = Clean();
        var person = defect switch
        {
            "missing NHS number" => clean with { NhsNumber = null },
            "bad NHS number" => clean with { NhsNumber = "9434765918" },
            "missing postcode" => clean with { Postcode = null },
            "bad postcode" => clean with { Postcode = "NOT A CODE" },
            "bad GP code" => clean with { GpPracticeCode = "A8-1001" },
            "born after an event" => clean with { DateOfBirth = new DateOnly(2026, 1, 10) },
            _ => clean with { DateOfDeath = new DateOnly(2026, 1, 5) },
        };

        var issue = Check(OnePerson(person)).Issues.ShouldHaveSingleItem();

        issue.Field.ShouldBe(field);
        issue.PersonId.ShouldBe(person.Id);
        issue.LaPersonId.ShouldBe(person.PersonIdentifier);
        issue.Fix.ShouldBe(CldFix.PersonDetails);
        issue.FixRecordId.ShouldBe(person.Id);
    }

    [Fact]
    public void AnAssessmentWithoutAnEligibilityDecision_IsFound_WithTheDecisionPageToFixIt()
    {
        var person = Clean();
        var assessment = new CldAssessmentFacts(Guid.NewGuid(), person.Id, AssessmentKind.Adult, AssessmentType.FaceToFace, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 20), null);

        var issue = Check(OnePerson(person, assessment)).Issues.ShouldHaveSingleItem();

        issue.Field.ShouldBe("Event Outcome");
        issue.Fix.ShouldBe(CldFix.Eligibility);
        issue.FixRecordId.ShouldBe(assessment.Id);
        issue.EventReference.ShouldBe(assessment.Id.ToString());
    }

    [Fact]
    public void AnAssessmentWithoutItsMethod_IsFound_WithTheAssessmentToFixIt()
    {
        var person = Clean();
        var assessment = new CldAssessmentFacts(Guid.NewGuid(), person.Id, AssessmentKind.Adult, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 20), true);

        var issue = Check(OnePerson(person, assessment)).Issues.ShouldHaveSingleItem();

        issue.Field.ShouldBe("Method of Assessment");
        issue.Fix.ShouldBe(CldFix.Assessment);
    }

    [Fact]
    public void APlannedReviewWithoutOutcomesOrMethod_IsFoundTwice_WithTheReviewsToFixIt()
    {
        var person = Clean();
        var source = OnePerson(person) with
        {
            Reviews = [new CldReviewFacts(Guid.NewGuid(), person.Id, ReviewReason.Scheduled, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), null, [null], ReviewDecision.Continue)],
        };

        var issues = Check(source).Issues;

        issues.Select(i => i.Field).ShouldBe(["Method of Review", "Review Outcomes Achieved"], ignoreOrder: true);
        issues.ShouldAllBe(i => i.Fix == CldFix.Reviews);
    }

    [Fact]
    public void AnUnplannedReviewWithoutOutcomes_IsNoProblem()
    {
        var person = Clean();
        var source = OnePerson(person) with
        {
            Reviews = [new CldReviewFacts(Guid.NewGuid(), person.Id, ReviewReason.RequestedByPerson, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), Participation.InPerson, [], ReviewDecision.Continue)],
        };

        Check(source).Issues.ShouldBeEmpty();
    }

    [Fact]
    public void APersonsDefect_IsReportedOnce_HoweverManyRowsRepeatIt()
    {
        var person = Clean() with { NhsNumber = null };
        var source = OnePerson(person) with
        {
            Services = [.. Enumerable.Range(0, 4).Select(_ => CldReturnTests.Service(Guid.NewGuid(), person.Id, Deployment.DirectPayment, new DateOnly(2026, 2, 1)))],
        };

        var report = Check(source);

        report.RowCount.ShouldBe(5);
        report.Issues.ShouldHaveSingleItem().Field.ShouldBe("NHS Number");
        report.PeopleWithIssues.ShouldBe(1);
    }

    [Fact]
    public void RequestsWithoutARouteOfAccess_AreReportedAsAGapOfTheService()
    {
        var person = Clean();
        var source = OnePerson(person) with
        {
            Requests = [new CldRequestFacts(Guid.NewGuid(), person.Id, new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 3), true, null)],
        };

        var report = Check(source);

        report.Gaps.ShouldHaveSingleItem().Field.ShouldBe("Request: Route of Access");
        report.Gaps[0].RowsAffected.ShouldBe(1);
        report.Issues.ShouldBeEmpty();
    }
}
