using System.Net;
using System.Net.Http.Json;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Eligibility;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reviews;

/// <summary>Reviews through the pages: coming due, recording, deciding, and what each decision does to the pathway.</summary>
public sealed class ReviewPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => ReviewArrange.Today;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task OverdueReview_IsTaggedOnTheReviewsTab_AndContinueReturnsThePathwayToBudgetInPlace_DueIn12Months(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-5), budgetStart: Today.AddDays(-61));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var tab = await nurse.GetAsync($"/People/{person.Id}/Reviews");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.Document.QuerySelector("a[aria-current=page]").ShouldNotBeNull().TextContent.ShouldBe("Reviews");
        tab.SummaryValue("Next review due").ShouldBe($"{UkFormat.Date(scenario.ReviewDue)} Overdue");
        tab.Document.QuerySelector(".govuk-summary-list .govuk-tag--red").ShouldNotBeNull().TextContent.ShouldBe("Overdue");
        tab.BodyText.ShouldContain("No review has been started yet.");

        var reviewId = await nurse.StartScheduledAsync(person.Id);
        var started = await app.OpenStepAsync(provider, person.Id);
        started.ShouldNotBeNull().Stage.ShouldBe(PathwayStage.Review);
        started.SubjectId.ShouldBe(reviewId);
        started.DueDate.ShouldBe(scenario.ReviewDue);
        var taskList = await nurse.GetAsync($"/Reviews/{reviewId}");
        taskList.Status.ShouldBe(HttpStatusCode.OK);
        taskList.BodyText.ShouldContain("Scheduled review started");
        taskList.Document.QuerySelectorAll(".govuk-task-list__item")
            .Select(i => $"{HtmlPage.Text(i.QuerySelector(".govuk-task-list__name-and-hint"))}: {HtmlPage.Text(i.QuerySelector(".govuk-task-list__status"))}").ShouldBe([
            "How the person took part, and what is and is not working: Not yet started",
            $"Outcome: {ReviewArrange.OutcomeOne}: Not yet started",
            $"Outcome: {ReviewArrange.OutcomeTwo}: Not yet started",
            "Check answers and decide: Cannot decide yet",
        ]);

        await nurse.RecordFindingsAsync(reviewId);
        await nurse.RecordOutcomesAsync(reviewId, scenario);
        var check = await nurse.GetAsync($"/Reviews/{reviewId}/Decision");
        check.Document.GetElementById("gaps").ShouldBeNull();
        check.SummaryValue("How the person took part").ShouldBe("In person");
        check.SummaryValue(ReviewArrange.OutcomeOne).ShouldBe("Fully achieved In their words: It has made a real difference");
        check.SummaryValue("What is working").ShouldBe(ReviewJourney.Working);
        check.SummaryValue("Direct payment arrangements reviewed").ShouldBeNull();
        var change = check.Document.QuerySelector($"a[href='/Reviews/{reviewId}/Outcomes/{scenario.Outcomes[1].Id}?from=check']").ShouldNotBeNull();
        change.TextContent.ShouldBe($"Change {ReviewArrange.OutcomeTwo.ToLowerInvariant()}");
        var changeForm = await nurse.GetAsync(change.GetAttribute("href")!);
        changeForm.Document.QuerySelector(".govuk-back-link").ShouldNotBeNull().GetAttribute("href").ShouldBe($"/Reviews/{reviewId}/Decision");
        var changed = await nurse.SubmitAsync(changeForm, ("Achieved", "Partly"));
        changed.Location.ShouldBe($"/Reviews/{reviewId}/Decision");
        check = await nurse.GetAsync(changed.Location!);
        check.SummaryValue(ReviewArrange.OutcomeTwo).ShouldBe("Partly achieved In their words: It has made a real difference");

        var done = await nurse.SubmitAsync(check, ("Decision", nameof(ReviewDecision.Continue)));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        var completed = await nurse.FollowAsync(done);

        var nextDue = Today.AddMonths(12);
        var step = (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull();
        step.Stage.ShouldBe(PathwayStage.BudgetInPlace);
        step.DueDate.ShouldBe(nextDue);
        step.SubjectId.ShouldBe(scenario.BudgetId);
        completed.BodyText.ShouldContain("Review completed: continue with the plan");
        completed.Document.GetElementById("what-happens-next").ShouldNotBeNull().TextContent.ShouldContain($"The next review is due by {UkFormat.Date(nextDue)}");
        completed.Document.QuerySelector("main form[method=post]").ShouldBeNull();
        var review = await app.ReviewAsync(provider, person.Id);
        review.Status.ShouldBe(ReviewStatus.Completed);
        review.Participation.ShouldBe(Core.Assessments.Participation.InPerson);

        var after = await nurse.GetAsync($"/People/{person.Id}/Reviews");
        after.SummaryValue("Next review due").ShouldBe(UkFormat.Date(nextDue));
        var row = after.TableRows().ShouldHaveSingleItem();
        row[0].ShouldBe(UkFormat.Date(scenario.ReviewDue));
        row[1].ShouldBe("Scheduled review");
        row[2].ShouldBe("Completed");
        row[3].ShouldBe("Continue with the plan");
        row[4].ShouldEndWith($"by {DemoAccounts.NorthNurseName}");
        var history = await nurse.GetAsync($"/People/{person.Id}/History");
        history.BodyText.ShouldContain($"Review completed: continue with the plan; next review due {UkFormat.Date(nextDue)}");

        var print = await nurse.GetAsync($"/Reviews/{reviewId}/Print");
        print.Status.ShouldBe(HttpStatusCode.OK);
        print.Heading.ShouldBe("How your support is going");
        print.BodyText.ShouldContain($"{ReviewArrange.OutcomeOne} You have achieved this. What you said: It has made a real difference");
        print.Document.GetElementById("what-is-working").ShouldNotBeNull().TextContent.ShouldBe(ReviewJourney.Working);
        print.Document.GetElementById("decision").ShouldNotBeNull().TextContent.ShouldContain("Your support plan is working, so it carries on as it is.");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task DirectPayment_MustBeAskedAbout_AndTheNextReviewIsNoLaterThanSixMonthsAfterTheBudgetStarted(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var start = Today.AddDays(-56);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-1), budgetStart: start, directPayment: true);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var reviewId = await nurse.StartScheduledAsync(person.Id);

        var form = await nurse.GetAsync($"/Reviews/{reviewId}/Findings");
        form.Document.QuerySelectorAll("input[name=DirectPaymentReviewed]").Length.ShouldBe(2);
        var refused = await nurse.SubmitAsync(form, ("Participation", "PhoneOrVideo"), ("WhatIsWorking", ReviewJourney.Working), ("WhatIsNotWorking", ""));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["Enter what is not working (or \"nothing\")", "Select whether the direct payment arrangements were reviewed"]);
        refused.FieldError("DirectPaymentReviewed").ShouldBe("Select whether the direct payment arrangements were reviewed");
        refused.Document.QuerySelector("textarea[name=WhatIsWorking]").ShouldNotBeNull().TextContent.ShouldBe(ReviewJourney.Working);
        refused.Document.QuerySelector("input[name=Participation][value=PhoneOrVideo]").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();

        await nurse.RecordFindingsAsync(reviewId, directPaymentReviewed: true);
        await nurse.RecordOutcomesAsync(reviewId, scenario, "Partly");
        var check = await nurse.GetAsync($"/Reviews/{reviewId}/Decision");
        check.SummaryValue("Direct payment arrangements reviewed").ShouldBe("Yes");
        var done = await nurse.SubmitAsync(check, ("Decision", nameof(ReviewDecision.Continue)));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));

        var step = (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull();
        step.Stage.ShouldBe(PathwayStage.BudgetInPlace);
        step.DueDate.ShouldBe(start.AddMonths(6));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RevisePlan_NeedsANote_ThenStartsPlanVersion2AsADraft_AndThePathwayIsAtSupportPlanning(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-3), budgetStart: Today.AddDays(-60));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var reviewId = await nurse.StartScheduledAsync(person.Id);
        await nurse.RecordFindingsAsync(reviewId);
        await nurse.RecordOutcomesAsync(reviewId, scenario, "Not");

        var refused = await nurse.DecideAsync(reviewId, nameof(ReviewDecision.RevisePlan));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["Enter what needs to change and why"]);
        refused.Document.QuerySelector("input[name=Decision][value=RevisePlan]").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();
        (await app.PlansAsync(provider, person.Id)).Count.ShouldBe(1);

        var done = await nurse.SubmitAsync(refused, ("DecisionNote", "Needs help with transport to the allotment"));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        var completed = await nurse.FollowAsync(done);

        var plans = await app.PlansAsync(provider, person.Id);
        plans.Count.ShouldBe(2);
        plans[0].Status.ShouldBe(PlanStatus.Approved);
        plans[1].Number.ShouldBe(2);
        plans[1].Status.ShouldBe(PlanStatus.Draft);
        plans[1].PreviousVersionId.ShouldBe(scenario.PlanId);
        plans[1].RevisionReason.ShouldBe("Needs help with transport to the allotment");
        plans[1].Outcomes.OrderBy(o => o.Order).Select(o => o.Text).ShouldBe([ReviewArrange.OutcomeOne, ReviewArrange.OutcomeTwo]);
        var step = (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull();
        step.Stage.ShouldBe(PathwayStage.SupportPlanning);
        step.SubjectId.ShouldBe(plans[1].Id);
        (await app.BudgetAsync(provider, scenario.BudgetId)).EndDate.ShouldBeNull();
        completed.Document.GetElementById("what-happens-next").ShouldNotBeNull().TextContent
            .ShouldBe("A new version of the plan has been started (version 2, a draft). The current plan and personal budget stay in force until the new version is approved.");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task EndSupport_EndsTheEpisodeAndTheBudget(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-2), budgetStart: Today.AddDays(-90));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var reviewId = await nurse.StartScheduledAsync(person.Id);
        await nurse.RecordFindingsAsync(reviewId);
        await nurse.RecordOutcomesAsync(reviewId, scenario);

        var refused = await nurse.DecideAsync(reviewId, nameof(ReviewDecision.EndSupport), "  ");
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["Enter why support is ending"]);

        var done = await nurse.SubmitAsync(refused, ("DecisionNote", "Outcomes achieved; the person no longer wants support"));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        var completed = await nurse.FollowAsync(done);

        var episode = await app.EpisodeAsync(provider, scenario.EpisodeId);
        episode.IsOpen.ShouldBeFalse();
        episode.Stage.ShouldBe(PathwayStage.Ended);
        episode.EndReason.ShouldBe(PathwayEndReason.EndedAfterReview);
        episode.EndNote.ShouldBe("Outcomes achieved; the person no longer wants support");
        (await app.OpenStepAsync(provider, person.Id)).ShouldBeNull();
        (await app.BudgetAsync(provider, scenario.BudgetId)).EndDate.ShouldBe(Today);
        completed.Document.GetElementById("what-happens-next").ShouldNotBeNull().TextContent
            .ShouldBe($"Support has ended and the person's pathway is closed. The personal budget ended on {UkFormat.Date(Today)}.");
        var tab = await nurse.GetAsync($"/People/{person.Id}/Reviews");
        tab.Document.QuerySelector($"form[action='/People/{person.Id}/Reviews/Start']").ShouldBeNull();
        tab.TableRows().ShouldHaveSingleItem()[3].ShouldBe("End support");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RequestedReview_NeedsWhoAskedAndWhy_KeepsTheEntries_AndIsDueWithin28Days(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(60), budgetStart: Today.AddDays(-10));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var tab = await nurse.GetAsync($"/People/{person.Id}/Reviews");
        tab.Document.QuerySelector(".govuk-tag--red").ShouldBeNull();
        var form = await nurse.GetAsync(tab.Document.QuerySelector($"a[href='/People/{person.Id}/Reviews/Request']").ShouldNotBeNull().GetAttribute("href")!);
        form.Status.ShouldBe(HttpStatusCode.OK);

        var none = await nurse.SubmitAsync(form);
        none.Status.ShouldBe(HttpStatusCode.BadRequest);
        none.ErrorSummary.ShouldBe(["Select who asked for the review"]);

        var noReason = await nurse.SubmitAsync(form, ("Reason", nameof(ReviewReason.RequestedByCarer)), ("RequestDetail", " "));
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.ErrorSummary.ShouldBe(["Enter why the review was asked for"]);
        noReason.FieldError("RequestDetail").ShouldBe("Enter why the review was asked for");
        noReason.Document.QuerySelector("input[name=Reason][value=RequestedByCarer]").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();
        (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull().Stage.ShouldBe(PathwayStage.BudgetInPlace);

        var started = await nurse.SubmitAsync(noReason, ("RequestDetail", "Her sister says the evening support has stopped"));
        started.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", started.ErrorSummary));
        var page = await nurse.FollowAsync(started);
        page.Heading.ShouldBe("Requested by a carer");
        page.SummaryValue("Why it was asked for").ShouldBe("Her sister says the evening support has stopped");
        page.SummaryValue("Due").ShouldBe(UkFormat.Date(Today.AddDays(28)));
        var step = (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull();
        step.Stage.ShouldBe(PathwayStage.Review);
        step.DueDate.ShouldBe(Today.AddDays(28));
        var list = await nurse.GetAsync($"/People/{person.Id}/Reviews");
        list.TableRows().ShouldHaveSingleItem()[1].ShouldBe("Requested by a carer");
        list.Document.QuerySelector($"form[action='/People/{person.Id}/Reviews/Start']").ShouldBeNull();
        list.SummaryValue("Review in progress").ShouldBe("Continue the review");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Completing_WithoutThePersonsPartOrWithAnOutcomeUnanswered_ListsTheGaps(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-1), budgetStart: Today.AddDays(-60));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var reviewId = await nurse.StartScheduledAsync(person.Id);
        var outcome = await nurse.GetAsync($"/Reviews/{reviewId}/Outcomes/{scenario.Outcomes[0].Id}");
        var noAnswer = await nurse.SubmitAsync(outcome, ("PersonComment", "Going well"));
        noAnswer.Status.ShouldBe(HttpStatusCode.BadRequest);
        noAnswer.ErrorSummary.ShouldBe(["Select whether the outcome was achieved"]);
        noAnswer.Document.QuerySelector("textarea[name=PersonComment]").ShouldNotBeNull().TextContent.ShouldBe("Going well");
        var saved = await nurse.SubmitAsync(noAnswer, ("Achieved", "Fully"));
        saved.Location.ShouldBe($"/Reviews/{reviewId}/Outcomes/{scenario.Outcomes[1].Id}");

        var check = await nurse.GetAsync($"/Reviews/{reviewId}/Decision");
        var gaps = check.Document.QuerySelectorAll("#gaps li").Select(HtmlPage.Text).ToList();
        gaps.ShouldBe([
            "How the person took part is not recorded yet",
            $"Whether this outcome was achieved is not recorded: {ReviewArrange.OutcomeTwo}",
            "What is and is not working is not recorded yet",
        ]);
        check.Document.QuerySelector($"#gaps a[href='/Reviews/{reviewId}/Outcomes/{scenario.Outcomes[1].Id}']").ShouldNotBeNull();
        check.Document.QuerySelector($"#gaps a[href='/Reviews/{reviewId}/Findings#Participation']").ShouldNotBeNull();

        var refused = await nurse.SubmitAsync(check, ("Decision", nameof(ReviewDecision.Continue)));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(gaps);
        refused.Document.QuerySelector(".govuk-error-summary a[href='#Participation']").ShouldNotBeNull();
        refused.Document.GetElementById("Participation").ShouldNotBeNull();
        (await app.ReviewAsync(provider, person.Id)).Status.ShouldBe(ReviewStatus.InProgress);
        (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull().Stage.ShouldBe(PathwayStage.Review);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwoPeopleSaving_TheStaleOneGets409WithWhoChangedIt_KeepingTheirEntries_AndACompletedReviewIsReadOnly(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-1), budgetStart: Today.AddDays(-60));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var reviewId = await nurse.StartScheduledAsync(person.Id);
        var mine = await nurse.GetAsync($"/Reviews/{reviewId}/Findings");
        var theirs = await socialWorker.GetAsync($"/Reviews/{reviewId}/Findings");

        await nurse.RecordFindingsAsync(reviewId);
        var stale = await socialWorker.SubmitAsync(theirs, ("Participation", "InWriting"), ("WhatIsWorking", "Tom's view of what works"), ("WhatIsNotWorking", "Nothing"));

        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith($"This record was changed by {DemoAccounts.NorthNurseName} at ");
        stale.Document.QuerySelector("textarea[name=WhatIsWorking]").ShouldNotBeNull().TextContent.ShouldBe("Tom's view of what works");
        stale.BodyText.ShouldContain("What is saved now");
        stale.BodyText.ShouldContain(ReviewJourney.Working);
        (await app.ReviewAsync(provider, person.Id)).WhatIsWorking.ShouldBe(ReviewJourney.Working);

        var again = await socialWorker.SubmitAsync(stale);
        again.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", again.ErrorSummary));
        (await app.ReviewAsync(provider, person.Id)).WhatIsWorking.ShouldBe("Tom's view of what works");

        await nurse.RecordOutcomesAsync(reviewId, scenario);
        var oldOutcome = await socialWorker.GetAsync($"/Reviews/{reviewId}/Outcomes/{scenario.Outcomes[0].Id}");
        (await nurse.DecideAsync(reviewId, nameof(ReviewDecision.Continue))).Status.ShouldBe(HttpStatusCode.Redirect);

        var late = await socialWorker.SubmitAsync(oldOutcome, ("Achieved", "Not"));
        late.Status.ShouldBe(HttpStatusCode.Conflict);
        late.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith("This review was completed on ");
        var readOnly = await socialWorker.GetAsync($"/Reviews/{reviewId}/Outcomes/{scenario.Outcomes[0].Id}");
        readOnly.Status.ShouldBe(HttpStatusCode.OK);
        readOnly.Document.QuerySelector("main form[method=post]").ShouldBeNull();
        readOnly.BodyText.ShouldContain("cannot be changed");
        (await app.ReviewAsync(provider, person.Id)).Outcomes.ShouldAllBe(o => o.Achieved == OutcomeAchieved.Fully);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task FinanceOfficer_CanViewButNotStart_AndASouthPractitionerIsRefusedANorthPerson(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-1), budgetStart: Today.AddDays(-60));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var finance = await app.SignedInAsync(provider, ReviewArrange.Finance);
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        var due = await finance.GetAsync($"/People/{person.Id}/Reviews");
        due.Status.ShouldBe(HttpStatusCode.OK);
        due.Document.QuerySelector(".govuk-tag--red").ShouldNotBeNull().TextContent.ShouldBe("Overdue");
        due.Document.QuerySelector($"form[action='/People/{person.Id}/Reviews/Start']").ShouldBeNull();
        due.Document.QuerySelector($"a[href='/People/{person.Id}/Reviews/Request']").ShouldBeNull();
        (await nurse.GetAsync($"/People/{person.Id}/Reviews")).Document.QuerySelector($"form[action='/People/{person.Id}/Reviews/Start']").ShouldNotBeNull();
        var reviewId = await nurse.StartScheduledAsync(person.Id);

        var tab = await finance.GetAsync($"/People/{person.Id}/Reviews");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.TableRows().ShouldHaveSingleItem();
        var review = await finance.GetAsync($"/Reviews/{reviewId}");
        review.Status.ShouldBe(HttpStatusCode.OK);
        review.Document.QuerySelector(".govuk-task-list").ShouldBeNull();
        review.BodyText.ShouldContain("How the person took part");
        (await finance.GetAsync($"/Reviews/{reviewId}/Print")).Status.ShouldBe(HttpStatusCode.OK);
        foreach (var url in new[] { $"/People/{person.Id}/Reviews/Start", $"/People/{person.Id}/Reviews/Request", $"/Reviews/{reviewId}/Findings", $"/Reviews/{reviewId}/Decision" })
        {
            var refused = await finance.GetAsync(url);
            refused.Status.ShouldBe(HttpStatusCode.Redirect, url);
            refused.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied", Case.Insensitive, url);
        }


        foreach (var url in new[] { $"/People/{person.Id}/Reviews", $"/People/{person.Id}/Reviews/Request", $"/Reviews/{reviewId}", $"/Reviews/{reviewId}/Findings", $"/Reviews/{reviewId}/Print" })
        {
            (await south.GetAsync(url)).Status.ShouldBe(HttpStatusCode.Forbidden, url);
        }

        using var forbidden = await finance.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/reviews", new { reason = "Scheduled" }, Ct);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var otherTeam = await south.Http.GetAsync(new Uri($"/api/v1/reviews/{reviewId}", UriKind.Relative), Ct);
        otherTeam.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var viewed = await finance.Http.GetAsync(new Uri($"/api/v1/reviews/{reviewId}", UriKind.Relative), Ct);
        viewed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull().SubjectId.ShouldBe(reviewId);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task WithNoBudgetInPlace_TheTabExplainsThereIsNothingToReview_AndStartingIsRefused(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var tab = await nurse.GetAsync($"/People/{person.Id}/Reviews");

        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.Document.GetElementById("why-no-review").ShouldNotBeNull().TextContent
            .ShouldStartWith("There is nothing to review: the person does not have a personal budget in place.");
        tab.Document.QuerySelector($"form[action='/People/{person.Id}/Reviews/Start']").ShouldBeNull();
        var start = await nurse.GetAsync($"/People/{person.Id}/Reviews/Start");
        start.Status.ShouldBe(HttpStatusCode.OK);
        start.BodyText.ShouldContain("There is nothing to review: the person does not have a personal budget in place");
        start.Document.QuerySelector("main form[method=post]").ShouldBeNull();
    }
}
