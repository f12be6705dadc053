using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Eligibility;

/// <summary>Deciding eligibility (reg 2 and reg 3) on the page, and the written record (s13) the person gets.</summary>
public sealed class EligibilityPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string AdviceMessage = "Enter the advice and information given on preventing or reducing needs";
    private const string Reason = "Not eating properly and not washing are making low mood and anxiety much worse";

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Confirm_EligibleAdult_GoesToTheOfferAndTheWrittenRecordListsBothOutcomes(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await browser.GetAsync($"/Assessments/{assessmentId}/Eligibility");

        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Heading.ShouldBe("Decide eligibility");
        form.SummaryValue("Unable to achieve 2 or more of the specified outcomes").ShouldNotBeNull().ShouldStartWith("Met");
        form.SummaryValue("Unable to achieve 2 or more of the specified outcomes").ShouldNotBeNull()
            .ShouldContain("managing and maintaining nutrition (able only with assistance; able, but with significant pain, distress or anxiety)", Case.Sensitive, "the reasons say the ways");
        form.SummaryValue("Needs arise from a physical or mental impairment or illness").ShouldNotBeNull().ShouldStartWith("Met");
        form.SummaryValue("Needs arise from a physical or mental impairment or illness").ShouldNotBeNull().ShouldContain("(mental illness; autism)");
        form.SummaryValue("Kind of impairment or illness").ShouldBe("Mental illness; autism");
        HtmlPage.Text(form.Document.GetElementById("provisional-outcome")).ShouldContain("The decision now depends on your judgement");
        form.TableRows().ShouldContain(r => r[0] == "Managing and maintaining nutrition"
            && r[1] == "Able only with assistance; Able, but with significant pain, distress or anxiety" && r[2] == "Yes" && r[3] == CompletedAssessments.OutcomeNote);
        form.TableRows().ShouldContain(r => r[0] == "Managing toilet needs" && r[1] == "Without difficulty" && r[2] == "No");

        var redirect = await browser.SubmitAsync(form, ("SignificantImpact", "true"), ("SignificantImpactReason", Reason), ("Advice", ""));

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        redirect.Location.ShouldBe($"/People/{person.Id}/Offers/New?stage=Eligibility&assessmentId={assessmentId}");
        var offer = await browser.FollowAsync(redirect);
        offer.Heading.ShouldBe("Record a personal budget offer");
        offer.BodyText.ShouldContain("Eligibility decision confirmed");

        var decided = await browser.GetAsync($"/Assessments/{assessmentId}/Eligibility");
        decided.Heading.ShouldBe("Eligibility decision");
        decided.SummaryValue("Decision").ShouldBe("Eligible");
        decided.SummaryValue("Decided by").ShouldNotBeNull().ShouldStartWith(DemoAccounts.NorthNurseName);
        decided.SummaryValue("Reason for the wellbeing judgement").ShouldBe(Reason);
        decided.Document.QuerySelector("main form[method=post]").ShouldBeNull("a decision is shown read-only");

        var record = await browser.GetAsync($"/Assessments/{assessmentId}/WrittenRecord");
        record.Status.ShouldBe(HttpStatusCode.OK);
        record.Heading.ShouldBe("You have eligible needs");
        record.SummaryValue("For").ShouldBe(person.DisplayName);
        record.SummaryValue("Decided by").ShouldNotBeNull().ShouldStartWith(DemoAccounts.NorthNurseName);
        var outcomes = record.Document.QuerySelectorAll("h3").Select(HtmlPage.Text).ToList();
        outcomes.ShouldBe(["Getting and preparing food and drink, and eating well", "Keeping yourself clean, for example washing, bathing and brushing your teeth"]);
        record.BodyText.ShouldContain("You can only do this with help from someone else.");
        record.BodyText.ShouldContain("Doing this causes you a lot of pain, distress or anxiety.");
        record.BodyText.ShouldContain($"What we noted: {CompletedAssessments.OutcomeNote}");
        HtmlPage.Text(record.Document.GetElementById("wellbeing-reason")).ShouldBe(Reason);
        record.BodyText.ShouldContain("What happens next");
        record.BodyText.ShouldContain("If you disagree with this decision");

        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.PersonId == person.Id && e.RecordType == "Eligibility").Select(e => new { e.Action, e.Summary }).ToListAsync());
        audit.ShouldContain(e => e.Action == AuditAction.Created && e.Summary == "Eligibility decided: eligible (needs assessment)");
        audit.ShouldContain(e => e.Action == AuditAction.Viewed && e.Summary == "Viewed the written record of the eligibility decision");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Confirm_NotEligibleWithoutAdvice_Is400AndKeepsWhatWasTyped(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 1);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync($"/Assessments/{assessmentId}/Eligibility");
        form.SummaryValue("Unable to achieve 2 or more of the specified outcomes").ShouldNotBeNull().ShouldStartWith("Not met");
        HtmlPage.Text(form.Document.GetElementById("provisional-outcome")).ShouldContain("is not eligible, whatever your judgement");

        var page = await browser.SubmitAsync(form, ("SignificantImpact", "true"), ("SignificantImpactReason", Reason), ("Advice", "  "));

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe([AdviceMessage]);
        page.FieldError("Advice").ShouldBe(AdviceMessage);
        page.Document.QuerySelector("textarea#SignificantImpactReason")!.TextContent.ShouldBe(Reason);
        page.Document.QuerySelector("input[name=SignificantImpact][value=true]")!.HasAttribute("checked").ShouldBeTrue();
        (await app.QueryAsync(provider, db => db.EligibilityDeterminations.AnyAsync(d => d.AssessmentId == assessmentId))).ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Confirm_NotEligibleWithAdvice_WrittenRecordSaysWhyNotAndGivesTheAdvice(DatabaseProvider provider)
    {
        const string advice = "Northmoor Recovery College runs free cookery courses.\nThe Wednesday walking group meets at the library.";
        const string notSignificant = "Mood is stable and the person manages day to day with support from family";
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 1);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync($"/Assessments/{assessmentId}/Eligibility");

        var redirect = await browser.SubmitAsync(form, ("SignificantImpact", "false"), ("SignificantImpactReason", notSignificant), ("Advice", advice));

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        var decided = await browser.GetAsync($"/Assessments/{assessmentId}/Eligibility");
        decided.SummaryValue("Decision").ShouldBe("Not eligible");
        var record = await browser.GetAsync($"/Assessments/{assessmentId}/WrittenRecord");
        record.Heading.ShouldBe("You do not have eligible needs");
        var reasons = record.Document.QuerySelectorAll("#reasons-not-eligible li").Select(HtmlPage.Text).ToList();
        reasons.Count.ShouldBe(2);
        reasons[0].ShouldContain("We found that this applies to only 1 of them: getting and preparing food and drink, and eating well.");
        reasons[1].ShouldBe($"Your needs must have a big effect on your wellbeing. We do not think they do, because: {notSignificant}");
        record.Document.GetElementById("advice")!.TextContent.ShouldBe(advice);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Confirm_WithoutJudgementOrReason_Is400WithBothErrors(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 3);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync($"/Assessments/{assessmentId}/Eligibility");

        var page = await browser.SubmitAsync(form, ("SignificantImpact", null), ("SignificantImpactReason", ""), ("Advice", "Some advice"));

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Select whether there is a significant impact on wellbeing", "Enter the reason for your judgement about the impact on wellbeing"]);
        page.FieldError("SignificantImpact").ShouldBe("Select whether there is a significant impact on wellbeing");
        page.Document.QuerySelector("textarea#Advice")!.TextContent.ShouldBe("Some advice");
        (await app.QueryAsync(provider, db => db.EligibilityDeterminations.AnyAsync(d => d.AssessmentId == assessmentId))).ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Confirm_WhenNotEligibleWhateverTheJudgement_AsksForTheAdviceWithTheJudgement(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 4, fromImpairment: false);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync($"/Assessments/{assessmentId}/Eligibility");

        var page = await browser.SubmitAsync(form, ("SignificantImpact", null), ("SignificantImpactReason", ""), ("Advice", ""));

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Select whether there is a significant impact on wellbeing", "Enter the reason for your judgement about the impact on wellbeing", AdviceMessage]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Draft_IsRefusedWithAMessageAndALinkBack(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2, complete: false);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var page = await browser.GetAsync($"/Assessments/{assessmentId}/Eligibility");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.BodyText.ShouldContain("This assessment has not been completed yet. Complete the assessment before deciding eligibility.");
        page.Document.QuerySelector("main form[method=post]").ShouldBeNull();
        page.Document.QuerySelector($"main a[href='/People/{person.Id}/Assessments']").ShouldNotBeNull();

        // A hand-made post is refused too, and decides nothing.
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await browser.PostAsync($"/Assessments/{assessmentId}/Eligibility",
            [new("__RequestVerificationToken", token), new("SignificantImpact", "true"), new("SignificantImpactReason", Reason)]);
        post.Status.ShouldBe(HttpStatusCode.BadRequest);
        post.ErrorSummary.ShouldBe(["Complete the assessment before deciding eligibility"]);
        (await app.QueryAsync(provider, db => db.EligibilityDeterminations.AnyAsync(d => d.AssessmentId == assessmentId))).ShouldBeFalse();
        (await browser.GetAsync($"/Assessments/{assessmentId}/WrittenRecord")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Carer_UnableToAchieveOneOutcome_IsEligibleAndTheRecordUsesCarerWording(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.CarerAsync(provider, person.Id, "Jo Carerexample", healthAtRisk: false, CarerOutcome.Recreation);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync($"/Assessments/{assessmentId}/Eligibility");
        form.BodyText.ShouldContain($"Jo Carerexample, carer of {person.DisplayName}");
        form.SummaryValue("Health at risk, or unable to achieve a carer outcome").ShouldNotBeNull().ShouldStartWith("Met");

        var redirect = await browser.SubmitAsync(form, ("SignificantImpact", "true"), ("SignificantImpactReason", "No break from caring for a year; exhausted"));

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        var record = await browser.GetAsync($"/Assessments/{assessmentId}/WrittenRecord");
        record.Heading.ShouldBe("You have eligible needs as a carer");
        record.SummaryValue("For").ShouldBe("Jo Carerexample");
        record.SummaryValue("The person you care for").ShouldBe(person.DisplayName);
        record.Document.QuerySelectorAll("h3").Select(HtmlPage.Text).ShouldBe(["Having time for leisure and things you enjoy"]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Confirm_Twice_TheSecondIsRefusedAndTheFirstStands(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var nurseForm = await nurse.GetAsync($"/Assessments/{assessmentId}/Eligibility");
        var socialWorkerForm = await socialWorker.GetAsync($"/Assessments/{assessmentId}/Eligibility");

        (await nurse.SubmitAsync(nurseForm, ("SignificantImpact", "true"), ("SignificantImpactReason", Reason))).Status.ShouldBe(HttpStatusCode.Redirect);
        var second = await socialWorker.SubmitAsync(socialWorkerForm, ("SignificantImpact", "false"), ("SignificantImpactReason", "Different view"), ("Advice", "Advice"));

        second.Status.ShouldBe(HttpStatusCode.Conflict);
        second.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith($"Eligibility has already been decided for this assessment, by {DemoAccounts.NorthNurseName}");
        second.SummaryValue("Decision").ShouldBe("Eligible");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PractitionerOfAnotherTeam_Gets403OnEveryPage(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        using (var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse))
        {
            var form = await nurse.GetAsync($"/Assessments/{assessmentId}/Eligibility");
            (await nurse.SubmitAsync(form, ("SignificantImpact", "true"), ("SignificantImpactReason", Reason))).Status.ShouldBe(HttpStatusCode.Redirect);
        }

        using var ot = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        foreach (var url in new[]
        {
            $"/Assessments/{assessmentId}/Eligibility", $"/Assessments/{assessmentId}/WrittenRecord", $"/People/{person.Id}/Offers",
            $"/People/{person.Id}/Offers/New?stage=Eligibility&assessmentId={assessmentId}",
        })
        {
            var page = await ot.GetAsync(url);

            page.Status.ShouldBe(HttpStatusCode.Forbidden, url);
            page.Heading.ShouldBe("You do not have access to this record", url);
            page.BodyText.ShouldNotContain(person.DisplayName);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task UnknownAssessment_Is404(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        (await browser.GetAsync($"/Assessments/{Guid.NewGuid()}/Eligibility")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Assessments/{Guid.NewGuid()}/WrittenRecord")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
