using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

/// <summary>
/// What the person sees of their own record (ADR 0029, slice 2): their plan versions, their indicative budget's working,
/// their reviews and direct payment, and who looked at their record (break-glass with its reason), on pages and in the
/// API; never another person's.
/// </summary>
public sealed class MyRecordPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private async Task<(TestPersonAccount Account, Browser Browser)> SignedInPersonAsync(DatabaseProvider provider, TestPerson? person = null)
    {
        var account = person is null ? await app.NewPersonWithAccountAsync(provider, app.NewPerson(provider)) : await app.AccountForAsync(provider, person);
        var browser = await app.BrowserAsync(provider);
        await browser.SignInAsPersonAsync(account);
        return (account, browser);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_SeesTheirPlanInForce_AndOpensEachVersion(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id, pathway: false);
        var first = await app.DraftAsync(provider, ready);
        await app.CompleteAsync(provider, first, 300m);
        await app.ApproveAsync(provider, first);
        var second = await app.QueryAsync(provider, async db =>
        {
            var approved = await db.SupportPlans.SingleAsync(p => p.Id == first);
            var next = approved.NewVersion("The person wants to add swimming", null, new Actor(Guid.NewGuid(), "Priya Shah"), DateTimeOffset.UtcNow);
            db.SupportPlans.Add(next);
            await db.SaveChangesAsync();
            return next.Id;
        });
        var (_, browser) = await SignedInPersonAsync(provider, person);
        using var _browser = browser;

        var plan = await browser.GetAsync(MyPaths.PlanVersions);

        plan.Status.ShouldBe(HttpStatusCode.OK);
        plan.Heading.ShouldBe($"{person.DisplayName}'s care and support plan");
        plan.SummaryValue("Version").ShouldBe("1: approved");
        plan.Document.QuerySelector("#in-your-words").ShouldNotBeNull().TextContent.ShouldBe("This is my plan");
        var versions = plan.Document.QuerySelectorAll("#plan-versions li").Select(HtmlPage.Text).ToList();
        versions.Count.ShouldBe(2);
        versions[0].ShouldStartWith("Version 2: being written, not finished yet.");
        versions[1].ShouldStartWith("Version 1: your plan now.");
        versions[1].ShouldContain("costs £300.00 a week");

        var earlier = await browser.GetAsync(MyPaths.PlanVersion(second));
        earlier.Status.ShouldBe(HttpStatusCode.OK);
        earlier.SummaryValue("Version").ShouldBe("2: draft");
        HtmlPage.Text(earlier.Document.QuerySelector("#plan-state")).ShouldBe("This is version 2 of your plan: being written, not finished yet.");

        var api = await browser.Http.GetFromJsonAsync<List<MyPlanVersionResponse>>(MyApi.Prefix + "/plan/versions", Json, TestContext.Current.CancellationToken);
        api.ShouldNotBeNull().Select(v => (v.Number, v.Status)).ShouldBe([(2, PlanStatus.Draft), (1, PlanStatus.Approved)]);
        var inForce = await browser.Http.GetFromJsonAsync<MyPlanResponse>(MyApi.Prefix + "/plan/versions/current", Json, TestContext.Current.CancellationToken);
        inForce.ShouldNotBeNull().Number.ShouldBe(1);
        inForce.WeeklyCost.ShouldBe(300m);
        inForce.Outcomes.Select(o => o.Text).ShouldBe(["Go to the allotment twice a week", "Cook for myself"]);
        var one = await browser.Http.GetFromJsonAsync<MyPlanResponse>($"{MyApi.Prefix}/plan/versions/{second}", Json, TestContext.Current.CancellationToken);
        one.ShouldNotBeNull().Status.ShouldBe(PlanStatus.Draft);

        var audited = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.PersonId == person.Id && a.RecordType == "SupportPlan" && a.Action == AuditAction.Viewed).ToListAsync());
        audited.Count.ShouldBe(5);
        audited.ShouldAllBe(a => a.ActorKind == ActorKind.Person);
        audited.Count(a => a.RecordId == second.ToString()).ShouldBe(2);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AnotherPersonsPlanVersion_IsNotFound_OnThePageAndInTheApi(DatabaseProvider provider)
    {
        var other = await app.NewNorthPersonAsync(provider);
        var theirs = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, other.Id, pathway: false));
        var (_, browser) = await SignedInPersonAsync(provider);
        using var _browser = browser;

        var page = await browser.GetAsync(MyPaths.PlanVersion(theirs));
        using var api = await browser.Http.GetAsync(new Uri($"{MyApi.Prefix}/plan/versions/{theirs}", UriKind.Relative), TestContext.Current.CancellationToken);

        page.Status.ShouldBe(HttpStatusCode.NotFound);
        page.BodyText.ShouldNotContain(other.LegalLastName);
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain(other.LegalLastName);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == other.Id && a.ActorKind == ActorKind.Person))).ShouldBe(0);
        (await browser.GetAsync(MyPaths.PlanVersions)).Document.QuerySelector("#no-plan").ShouldNotBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_SeesTheirIndicativeBudgetsWorking_LineByLine_AndHowToChallengeIt(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id, revisedWeekly: 345.67m, pathway: false);
        var budget = await app.QueryAsync(provider, db => db.IndicativeBudgets.AsNoTracking().SingleAsync(b => b.Id == ready.BudgetId));
        var (_, browser) = await SignedInPersonAsync(provider, person);
        using var _browser = browser;

        var page = await browser.GetAsync(MyPaths.IndicativeBudget);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Heading.ShouldBe("We expect to spend about £345.67 a week on your support");
        var rows = page.TableRows();
        rows.Count.ShouldBe(budget.Result.Lines.Count + 1); // each answer, and the total
        rows[0].ShouldBe([budget.Result.Lines[0].Question, budget.Result.Lines[0].Answer, budget.Result.Lines[0].Points.ToString(UkFormat.Culture)]);
        rows[^1][^1].ShouldBe(budget.TotalPoints.ToString(UkFormat.Culture));
        page.Document.QuerySelectorAll("#working li").Select(HtmlPage.Text).ShouldBe(budget.Result.Steps());
        page.Document.QuerySelector("#how-to-challenge").ShouldNotBeNull();
        page.SummaryValue("Phone").ShouldBe("01632 960100"); // the North team's own number from the council's settings
        var challenge = HtmlPage.Text(page.Document.QuerySelector("#challenges li"));
        challenge.ShouldContain("we agreed and changed the amount to £345.67 a week.");
        challenge.ShouldContain("What you told us: Too low");
        challenge.ShouldContain("Why we decided this: Night support was missed");

        var api = await browser.Http.GetFromJsonAsync<MyIndicativeBudgetResponse>(MyApi.Prefix + "/indicative-budget", Json, TestContext.Current.CancellationToken);
        api.ShouldNotBeNull().Weekly.ShouldBe(budget.WeeklyAmount);
        api.RevisedWeekly.ShouldBe(345.67m);
        api.Lines.Count.ShouldBe(budget.Result.Lines.Count);
        api.Working.ShouldBe(budget.Result.Steps());
        api.HowToChallenge.Phone.ShouldBe("01632 960100");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_SeesTheirWrittenRecordAndAssessment(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, person.Id, eligible: true);
        var (_, browser) = await SignedInPersonAsync(provider, person);
        using var _browser = browser;

        var record = await browser.GetAsync(MyPaths.Eligibility);
        var assessment = await browser.GetAsync(MyPaths.Assessment);
        var api = await browser.Http.GetFromJsonAsync<MyEligibilityResponse>(MyApi.Prefix + "/eligibility", Json, TestContext.Current.CancellationToken);

        record.Status.ShouldBe(HttpStatusCode.OK);
        record.Heading.ShouldBe("You have eligible needs");
        record.SummaryValue("For").ShouldBe(person.DisplayName);
        assessment.Status.ShouldBe(HttpStatusCode.OK);
        assessment.SummaryValue("The decision").ShouldStartWith("The council must help meet your needs");
        api.ShouldNotBeNull().Eligible.ShouldBeTrue();
        api.OutcomesNotAchieved.Count.ShouldBe(PlanArrange.EligibleNeeds.Length);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_SeesTheirPastReviewWithOutcomes_TheNextReview_AndTheirDirectPayment(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, today.AddDays(-2), today.AddDays(-60), directPayment: true);
        using (var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse))
        {
            var reviewId = await nurse.StartScheduledAsync(person.Id);
            await nurse.RecordOutcomesAsync(reviewId, scenario, "Partly");
            await nurse.RecordFindingsAsync(reviewId, directPaymentReviewed: true);
            (await nurse.DecideAsync(reviewId, "Continue")).Status.ShouldBe(HttpStatusCode.Redirect);
        }

        var (_, browser) = await SignedInPersonAsync(provider, person);
        using var _browser = browser;

        var reviews = await browser.GetAsync(MyPaths.Reviews);
        reviews.Status.ShouldBe(HttpStatusCode.OK);
        var outcomes = reviews.Document.QuerySelectorAll(".app-my-review li").Select(HtmlPage.Text).ToList();
        outcomes.Count.ShouldBe(2);
        outcomes[0].ShouldStartWith(ReviewArrange.OutcomeOne);
        outcomes[1].ShouldStartWith(ReviewArrange.OutcomeTwo);
        outcomes.ShouldAllBe(o => o.Contains("You have partly achieved this.") && o.EndsWith("What you said: It has made a real difference"));
        reviews.SummaryValue("What is working").ShouldBe(ReviewJourney.Working);
        reviews.SummaryValue("What we decided").ShouldStartWith("Your support plan is working, so it carries on as it is.");
        HtmlPage.Text(reviews.Document.QuerySelector("#next-review-due")).ShouldStartWith("Your next review is due by ");
        var api = await browser.Http.GetFromJsonAsync<MyReviewsResponse>(MyApi.Prefix + "/reviews", Json, TestContext.Current.CancellationToken);
        api.ShouldNotBeNull().Reviews.Single().Outcomes.ShouldAllBe(o => o.Achieved == Core.Reviews.OutcomeAchieved.Partly);
        api.NextReviewDue.ShouldNotBeNull().ShouldBeGreaterThan(today);

        var dp = await browser.GetAsync(MyPaths.DirectPayment);
        dp.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(dp.Document.QuerySelector("#direct-payment-amount")).ShouldBe($"Your direct payment is £30.00 a week, from {UkFormat.Date(today.AddDays(-60))}.");
        HtmlPage.Text(dp.Document.QuerySelector("#direct-payment-support")).ShouldStartWith("Allotment club membership and travel (The person)");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_SeesWhoLookedAtTheirRecord_ByJobAndTeam_WithBreakGlassAndItsReason(DatabaseProvider provider)
    {
        const string reason = "Arrived at the south team base in crisis late at night";
        var (account, browser) = await SignedInPersonAsync(provider);
        using var _browser = browser;
        using (var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt))
        {
            var form = await south.GetAsync($"/People/{account.Person.Id}/BreakGlass");
            (await south.SubmitAsync(form, ("Reason", reason))).Status.ShouldBe(HttpStatusCode.Redirect);
            (await south.GetAsync($"/People/{account.Person.Id}")).Status.ShouldBe(HttpStatusCode.OK);
        }

        using (var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse))
        {
            (await nurse.GetAsync($"/People/{account.Person.Id}")).Status.ShouldBe(HttpStatusCode.OK);
        }

        var page = await browser.GetAsync(MyPaths.WhoLooked);

        page.Status.ShouldBe(HttpStatusCode.OK);
        var entries = page.Document.QuerySelectorAll("#who-looked li").Select(HtmlPage.Text).ToList();
        entries.Count.ShouldBe(3); // the nurse's view, the south OT's view and their break-glass; the person's own visits are left out
        entries[0].ShouldContain("A nurse in North Community Mental Health Team, from the");
        entries[0].ShouldContain("Looked at your details");
        entries[0].ShouldNotContain("Emergency access");
        entries[1].ShouldContain("An occupational therapist in South Community Mental Health Team");
        entries[1].ShouldContain("Emergency access");
        entries[2].ShouldContain("Opened your record in an emergency, without working with you");
        entries[2].ShouldContain($"The reason they gave: {reason}");
        // Emergency access also heads the page, whatever page of the list is open.
        var emergency = page.Document.QuerySelectorAll("#emergency-access li").Select(HtmlPage.Text).ToList();
        emergency.ShouldHaveSingleItem().ShouldContain($"The reason they gave: {reason}");
        emergency[0].ShouldContain("An occupational therapist in South Community Mental Health Team");
        page.BodyText.ShouldNotContain("Grace Lee");
        page.BodyText.ShouldNotContain(DemoAccounts.NorthNurseName);

        var api = await browser.Http.GetFromJsonAsync<MyAccessLogResponse>(MyApi.Prefix + "/access-log?page=1", Json, TestContext.Current.CancellationToken);
        api.ShouldNotBeNull().Total.ShouldBe(3);
        api.Entries.Count(e => e.EmergencyAccess).ShouldBe(2);
        api.Entries.Single(e => e.EmergencyReason is not null).EmergencyReason.ShouldBe(reason);
        api.EmergencyAccess.ShouldHaveSingleItem().EmergencyReason.ShouldBe(reason);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == account.Person.Id && a.RecordType == "AccessLog" && a.ActorKind == ActorKind.Person))).ShouldBe(2);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task WhoLooked_IsPaged_AndAPageNumberThatIsNotOneShowsTheFirstOrLast(DatabaseProvider provider)
    {
        var (account, browser) = await SignedInPersonAsync(provider);
        using var _browser = browser;
        await app.QueryAsync(provider, async db =>
        {
            var nurse = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthNurse);
            for (var i = 0; i < MyRecordViews.AccessLogPageSize + 3; i++)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-i - 1), UserId = nurse.Id, UserName = nurse.DisplayName, Action = AuditAction.Viewed,
                    RecordType = "Assessment", PersonId = account.Person.Id,
                });
            }

            return await db.SaveChangesAsync();
        });

        var first = await browser.GetAsync(MyPaths.WhoLooked);
        var second = await browser.GetAsync(MyPaths.WhoLooked + "?page=2");
        var beyond = await browser.GetAsync(MyPaths.WhoLooked + "?page=999");
        var nonsense = await browser.GetAsync(MyPaths.WhoLooked + "?page=abc");
        using var badApi = await browser.Http.GetAsync(new Uri(MyApi.Prefix + "/access-log?page=abc", UriKind.Relative), TestContext.Current.CancellationToken);

        first.Document.QuerySelectorAll("#who-looked li").Length.ShouldBe(MyRecordViews.AccessLogPageSize);
        first.Document.GetElementById("emergency-access").ShouldBeNull(); // nobody opened it in an emergency
        second.Document.QuerySelectorAll("#who-looked li").Length.ShouldBe(3);
        beyond.Document.QuerySelectorAll("#who-looked li").Length.ShouldBe(3);
        nonsense.Status.ShouldBe(HttpStatusCode.OK);
        nonsense.Document.QuerySelectorAll("#who-looked li").Length.ShouldBe(MyRecordViews.AccessLogPageSize);
        HtmlPage.Text(first.Document.QuerySelector("#who-looked li")).ShouldContain("Looked at your assessment");
        badApi.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badApi.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_WithNothingYet_IsToldSo_AndTheApiHasNoContent(DatabaseProvider provider)
    {
        var (_, browser) = await SignedInPersonAsync(provider);
        using var _browser = browser;

        (await browser.GetAsync(MyPaths.Assessment)).Document.QuerySelector("#no-assessment").ShouldNotBeNull();
        (await browser.GetAsync(MyPaths.Eligibility)).Heading.ShouldBe("Your eligibility decision");
        (await browser.GetAsync(MyPaths.IndicativeBudget)).Heading.ShouldBe("Your indicative budget");
        (await browser.GetAsync(MyPaths.PlanVersions)).Document.QuerySelector("#no-plan").ShouldNotBeNull();
        (await browser.GetAsync(MyPaths.Reviews)).Document.QuerySelector("#no-reviews").ShouldNotBeNull();
        (await browser.GetAsync(MyPaths.DirectPayment)).Document.QuerySelector("#no-direct-payment").ShouldNotBeNull();
        (await browser.GetAsync(MyPaths.Record)).Document.QuerySelectorAll("#record-parts a").Length.ShouldBe(9);
        foreach (var path in new[] { "/eligibility", "/indicative-budget", "/plan/versions/current", "/direct-payment" })
        {
            using var response = await browser.Http.GetAsync(new Uri(MyApi.Prefix + path, UriKind.Relative), TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.NoContent, path);
        }
    }
}
