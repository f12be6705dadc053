using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Eligibility;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Carers;

/// <summary>
/// A review and the offer of a direct payment on a carer's own record (ADR 21), through the pages on both databases:
/// they work as for anyone, and their words are about the carer and say whom the carer cares for.
/// </summary>
public sealed class CarerReviewAndOfferTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => ReviewArrange.Today;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Legend(HtmlPage page, string name) =>
        HtmlPage.Text(page.Document.QuerySelector($"input[name='{name}']")?.Closest("fieldset")?.QuerySelector("legend")).Trim();

    private static string Label(HtmlPage page, string id) =>
        HtmlPage.Text(page.Document.QuerySelector($"label[for='{id}']")).Trim();

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ACarersScheduledReview_AsksAboutTheCarersOutcomes_SaysWhomTheyCareFor_AndContinuesTheirBudget(DatabaseProvider provider)
    {
        var scenario = await app.CarerBudgetInPlaceAsync(provider, reviewDue: Today.AddDays(-3));
        var carer = scenario.Carer;
        var caredFor = carer.CaredFor;
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var tab = await nurse.GetAsync($"/People/{carer.CarerId}/Reviews");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.BodyText.ShouldContain("are working, with the carer, outcome by outcome");
        tab.BodyText.ShouldContain("whenever the carer, someone close to them or a practitioner reasonably asks for one");
        var carerOf = tab.Document.GetElementById("carer-of").ShouldNotBeNull();
        HtmlPage.Text(carerOf).ShouldContain($"Carer of {caredFor.DisplayName}");
        carerOf.QuerySelector($"a[href='/People/{caredFor.Id}']").ShouldNotBeNull();

        var reviewId = await nurse.StartScheduledAsync(carer.CarerId);
        var taskList = await nurse.GetAsync($"/Reviews/{reviewId}");
        taskList.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(taskList.Document.GetElementById("person-caption")).ShouldStartWith($"{carer.CarerName}, carer of {caredFor.DisplayName}");
        taskList.BodyText.ShouldContain("Record the review with the carer.");
        taskList.Document.QuerySelectorAll(".govuk-task-list__item")
            .Select(i => $"{HtmlPage.Text(i.QuerySelector(".govuk-task-list__name-and-hint"))}: {HtmlPage.Text(i.QuerySelector(".govuk-task-list__status"))}").ShouldBe([
            "How the carer took part, and what is and is not working: Not yet started",
            $"Outcome: {CarerArrange.OutcomeOne}: Not yet started",
            $"Outcome: {CarerArrange.OutcomeTwo}: Not yet started",
            "Check answers and decide: Cannot decide yet",
        ]);

        // The questions are about the carer, and the direct payment that pays for the sitter is reviewed too.
        var findings = await nurse.GetAsync($"/Reviews/{reviewId}/Findings");
        findings.Heading.ShouldBe("How the carer took part, and what is working");
        Legend(findings, "Participation").ShouldBe("How did the carer take part in the review?");
        Legend(findings, "DirectPaymentReviewed").ShouldBe("Were the direct payment arrangements reviewed?");
        await nurse.RecordFindingsAsync(reviewId, directPaymentReviewed: true);

        foreach (var (id, text) in scenario.Outcomes)
        {
            var form = await nurse.GetAsync($"/Reviews/{reviewId}/Outcomes/{id}");
            form.Status.ShouldBe(HttpStatusCode.OK);
            form.BodyText.ShouldContain("The outcome the carer wanted, in their words:");
            form.Document.GetElementById("outcome-text").ShouldNotBeNull().TextContent.ShouldBe(text);
            Legend(form, "Achieved").ShouldBe("Has the carer achieved this outcome?");
            Label(form, "PersonComment").ShouldBe("What does the carer say about it? (optional)");
            var saved = await nurse.SubmitAsync(form, ("Achieved", "Fully"), ("PersonComment", "I have not missed a Thursday since"));
            saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        }

        var check = await nurse.GetAsync($"/Reviews/{reviewId}/Decision");
        check.Document.GetElementById("gaps").ShouldBeNull();
        check.SummaryValue("How the carer took part").ShouldBe("In person");
        check.SummaryValue(CarerArrange.OutcomeOne).ShouldBe("Fully achieved In their words: I have not missed a Thursday since");
        check.SummaryValue("Direct payment arrangements reviewed").ShouldBe("Yes");
        check.Document.QuerySelectorAll("h2").Select(HtmlPage.Text).ShouldContain("The carer's outcomes");
        check.Document.QuerySelectorAll("input[name='Decision'] + label").Select(l => HtmlPage.Text(l).Trim()).ShouldBe([
            "Continue with the plan: it is meeting the carer's needs",
            "Revise the plan: start a new version, which goes for approval",
            "Reassess the carer's needs",
            "End support",
        ]);

        var done = await nurse.SubmitAsync(check, ("Decision", nameof(ReviewDecision.Continue)));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        var step = (await app.OpenStepAsync(provider, carer.CarerId)).ShouldNotBeNull();
        step.Stage.ShouldBe(PathwayStage.BudgetInPlace);
        // The carer's sitter is paid by direct payment: the next review is the direct payment's, within its first 6 months.
        var budget = await app.BudgetAsync(provider, scenario.BudgetId);
        step.DueDate.ShouldBe(DueDates.NextReview(Today, budget.StartDate, hasDirectPayment: true, ServiceStandards.Default));
        step.DueDate.ShouldBeLessThan(Today.AddMonths(12));
        step.SubjectId.ShouldBe(scenario.BudgetId);
        (await app.OpenStepAsync(provider, caredFor.Id)).ShouldBeNull("the cared-for person's pathway is their own");

        // The record the carer keeps says whom they care for and that the review was of their own support.
        var print = await nurse.GetAsync($"/Reviews/{reviewId}/Print");
        print.Status.ShouldBe(HttpStatusCode.OK);
        print.SummaryValue("You care for").ShouldBe($"{caredFor.DisplayName}. This review is of your own support as their carer.");
        print.Document.GetElementById("decision").ShouldNotBeNull().TextContent.ShouldContain("Your support plan is working");

        // Audited against the carer, not the person they care for.
        var audited = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == ReviewsRecordType && a.RecordId == reviewId.ToString()).Select(a => a.PersonId).Distinct().ToListAsync(Ct));
        audited.ShouldBe([carer.CarerId]);
    }

    private const string ReviewsRecordType = "Review";

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ARequestedReview_OnACarersRecord_AsksWhoAskedInTheCarersTerms(DatabaseProvider provider)
    {
        var scenario = await app.CarerBudgetInPlaceAsync(provider, reviewDue: Today.AddDays(30), directPayment: false);
        var carer = scenario.Carer;
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await nurse.GetAsync($"/People/{carer.CarerId}/Reviews/Request");
        form.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(form.Document.GetElementById("person-caption")).ShouldStartWith($"{carer.CarerName}, carer of {carer.CaredFor.DisplayName}");
        form.Document.QuerySelectorAll("input[name='Reason'] + label").Select(l => HtmlPage.Text(l).Trim()).ShouldBe([
            "The carer",
            $"Someone close to the carer, for example {carer.CaredFor.DisplayName}, the person they care for",
            "A practitioner",
        ]);

        var started = await nurse.SubmitAsync(form, ("Reason", nameof(ReviewReason.RequestedByPerson)), ("RequestDetail", "Thursdays are not enough now that my son is unwell more often"));
        started.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", started.ErrorSummary));
        var review = await nurse.FollowAsync(started);
        review.Heading.ShouldBe("Requested by the carer");
        (await app.ReviewAsync(provider, carer.CarerId)).Reason.ShouldBe(ReviewReason.RequestedByPerson);

        // The direct payment question is asked only where the plan has one: this carer's sitter is commissioned.
        var findings = await nurse.GetAsync($"/Reviews/{(await app.ReviewAsync(provider, carer.CarerId)).Id}/Findings");
        findings.Document.QuerySelector("input[name='DirectPaymentReviewed']").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AnEligibleCarersDecision_LeadsToTheirOwnRecord_ThenTheOfferThere_ThenTheirIndicativeBudget(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var carerName = "Jo Carerpage" + TestData.UniqueLetters();
        var assessmentId = await app.CarerAsync(provider, person.Id, carerName, healthAtRisk: true);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await nurse.GetAsync($"/Assessments/{assessmentId}/Eligibility");
        var decided = await nurse.SubmitAsync(form, ("SignificantImpact", "true"), ("SignificantImpactReason", "No evening off in a year, and not sleeping"));
        decided.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", decided.ErrorSummary));
        decided.Location.ShouldBe($"/Assessments/{assessmentId}/CarerPathway");

        var start = await nurse.FollowAsync(decided);
        start.Heading.ShouldBe("Start the carer's own pathway");
        start.BodyText.ShouldContain("Eligibility decision confirmed. Next: start the carer's own pathway");

        // Until the carer has a record of their own, the decision says the offer waits for it, and the next step is to create it.
        var decision = await nurse.GetAsync($"/Assessments/{assessmentId}/Eligibility");
        decision.Document.GetElementById("offer-after-carer-record").ShouldNotBeNull();
        decision.Document.QuerySelectorAll("a").Where(a => HtmlPage.Text(a).Trim() == "Record the offer").ShouldBeEmpty();
        decision.Document.QuerySelectorAll($"a[href='/Assessments/{assessmentId}/CarerPathway']").ShouldNotBeEmpty();
        start.InputValue("Input_LegalFirstName").ShouldBe("Jo");
        var created = await nurse.SubmitAsync(start, TestData.ValidPersonForm("Jo", carerName[3..]));
        created.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", created.ErrorSummary));
        var carerId = await app.QueryAsync(provider, db => db.People.Where(p => p.CaresForPersonId == person.Id).Select(p => p.Id).SingleAsync(Ct));
        created.Location.ShouldBe($"/People/{carerId}/Offers/New?stage=Eligibility&assessmentId={assessmentId}");

        var offer = await nurse.FollowAsync(created);
        offer.Heading.ShouldBe("Record a personal budget offer");
        var saved = await nurse.SubmitAsync(offer, ("Offered", "true"), ("PersonResponse", nameof(OfferResponse.WantsTimeToDecide)));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        decision = await nurse.FollowAsync(saved);
        decision.Document.GetElementById("offer-after-carer-record").ShouldBeNull();

        // What comes next is the carer's own indicative budget, not the cared-for person's.
        var next = decision.Document.QuerySelectorAll("a").Where(a => HtmlPage.Text(a).Trim() == "Work out an indicative budget").ShouldHaveSingleItem();
        next.GetAttribute("href").ShouldNotBeNull().ShouldContain(carerId.ToString());
        var budgetForm = await nurse.GetAsync(next.GetAttribute("href")!);
        budgetForm.Status.ShouldBe(HttpStatusCode.OK);
        budgetForm.BodyText.ShouldContain(DefaultCarersRas.Name);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TheOfferToACarer_IsRecordedOnTheCarersOwnRecord_InTheCarersTerms(DatabaseProvider provider)
    {
        var carer = await app.EligibleCarerWithOwnRecordAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        // The eligibility decision sends the offer to the carer's own record.
        var decision = await nurse.GetAsync($"/Assessments/{carer.AssessmentId}/Eligibility");
        decision.Status.ShouldBe(HttpStatusCode.OK);
        var record = decision.Document.QuerySelectorAll("a").Where(a => HtmlPage.Text(a).Trim() == "Record the offer").ShouldHaveSingleItem();
        var href = record.GetAttribute("href").ShouldNotBeNull();
        href.ShouldStartWith($"/People/{carer.CarerId}/Offers/New?");

        var form = await nurse.GetAsync(href);
        form.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(form.Document.GetElementById("person-caption")).ShouldStartWith($"{carer.CarerName}, carer of {carer.CaredFor.DisplayName}");
        form.BodyText.ShouldContain("the money the council will spend on the carer's support as a carer");
        Legend(form, "PersonResponse").ShouldBe("What was the carer's response?");
        var saved = await nurse.SubmitAsync(form, ("Offered", "true"), ("PersonResponse", nameof(OfferResponse.InterestedInDirectPayment)));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        saved.Location.ShouldBe($"/Assessments/{carer.AssessmentId}/Eligibility");

        var offers = await app.QueryAsync(provider, db => db.BudgetOffers.AsNoTracking().Where(o => o.AssessmentId == carer.AssessmentId).Select(o => o.PersonId).ToListAsync(Ct));
        offers.ShouldBe([carer.CarerId]);
        decision = await nurse.FollowAsync(saved);
        decision.TableRows().Where(r => r.Count > 3 && r[1] == "At eligibility").ShouldHaveSingleItem()[3].ShouldBe("Interested in a direct payment");
        decision.Document.QuerySelector($"a[href='/People/{carer.CarerId}/Offers']").ShouldNotBeNull();

        // The carer's assessment is theirs now: an offer for it on the cared-for person's record is refused, naming the field.
        using var refused = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{carer.CaredFor.Id}/offers",
            new { stage = "Eligibility", assessmentId = carer.AssessmentId, offered = true, response = "Declined" }, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        problem.GetProperty("errors").GetProperty("assessmentId")[0].GetString().ShouldBe("This carer's assessment belongs to the carer's own record: record the offer there");

        // The offer made with the carer's indicative budget (the carers' resource allocation system) works as for anyone.
        var answers = DefaultCarersRas.Definition.Questions.ToDictionary(q => q.Id, q => q.Answers[1].Id);
        using var budget = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{carer.CarerId}/indicative-budgets", new { answers, completedWith = "PractitionerWithPerson" }, Ct);
        budget.StatusCode.ShouldBe(HttpStatusCode.Created, await budget.Content.ReadAsStringAsync(Ct));
        var budgetId = JsonDocument.Parse(await budget.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetGuid();
        using var atBudget = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{carer.CarerId}/offers",
            new { stage = "IndicativeBudget", indicativeBudgetId = budgetId, offered = true, response = "WantsTimeToDecide" }, Ct);
        atBudget.StatusCode.ShouldBe(HttpStatusCode.Created, await atBudget.Content.ReadAsStringAsync(Ct));

        var list = await nurse.GetAsync($"/People/{carer.CarerId}/Offers");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.TableRows().Select(r => (r[1], r[3])).ShouldBe([("At the indicative budget", "Wants time to decide"), ("At eligibility", "Interested in a direct payment")]);
        var viewed = await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == carer.CarerId && a.Action == AuditAction.Viewed && a.RecordType == "Offer", Ct));
        viewed.ShouldBeGreaterThan(0);
    }
}
