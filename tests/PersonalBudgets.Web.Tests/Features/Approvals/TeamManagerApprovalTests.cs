using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Approvals;

/// <summary>The team manager's queue and decisions within the delegated limit, with the refusals and what each decision does.</summary>
public sealed class TeamManagerApprovalTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string NorthManagerName = "Helen Marsh";

    private static async Task<HtmlPage> DecideAsync(Browser browser, Guid requestId, ApprovalOutcome? outcome, string? reasons, string? changes = null)
    {
        var form = await browser.GetAsync($"/Approvals/{requestId}");
        form.Status.ShouldBe(HttpStatusCode.OK);
        return await browser.SubmitAsync(form, ("Outcome", outcome?.ToString()), ("Reasons", reasons), ("Changes", changes));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TeamManager_ApprovesWithinLimit_PlanApproved_BudgetInPlace_PathwayMovesWithAnOwnerAndFirstReviewDue(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, contribution: 20m, nhsShare: 30m);
        plan.Route.ShouldBe(ApprovalRoute.TeamManager);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var queue = await manager.GetAsync("/Approvals");
        queue.Status.ShouldBe(HttpStatusCode.OK);
        var row = queue.TableRows("#queue").Single(r => r[0].StartsWith(person.DisplayName, StringComparison.Ordinal));
        // Which person this is: date of birth and identifier under the name, as on My work (issue 11, item 8).
        row[0].ShouldContain($"Born 27 March 1980 · {person.PersonIdentifier}");
        row[1].ShouldBe("Version 1");
        row[2].ShouldBe("£211.25");
        row[3].ShouldBe(DemoAccounts.NorthNurseName);
        row[4].ShouldBe(UkFormat.Date(DueDates.AddWorkingDays(ApprovalArrange.Today, 10)));
        row[5].ShouldBe("Waiting");

        var page = await manager.GetAsync($"/Approvals/{plan.RequestId}");
        page.SummaryValue("Weekly cost").ShouldBe("£211.25");
        page.SummaryValue("Annual cost").ShouldBe("£10,985.00");
        page.SummaryValue("Written by").ShouldBe(DemoAccounts.NorthNurseName);
        page.SummaryValue("In their words").ShouldBe("I want to try it, but I worry about the cost");
        page.SummaryValue("Agreement").ShouldBe(PlanAgreement.AgreedWithReservations.Label());
        page.TableRows("#elements").Count.ShouldBe(4);
        page.TableRows("#elements").ShouldContain(r => r[0].StartsWith("Personal assistant for going out", StringComparison.Ordinal) && r[1] == "Direct payment" && r[3] == "£93.00");
        page.TableRows("#risks").ShouldHaveSingleItem()[0].ShouldContain("Positive risk");

        var done = await manager.SubmitAsync(page, ("Outcome", nameof(ApprovalOutcome.Approved)), ("Reasons", "Meets the eligible needs at a fair cost"));

        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        done.Location.ShouldBe("/Approvals");
        var after = await manager.FollowAsync(done);
        after.BodyText.ShouldContain("Decision recorded");
        after.TableRows("#queue").ShouldNotContain(r => r[0].StartsWith(person.DisplayName, StringComparison.Ordinal));

        (await app.PlanAsync(provider, plan.PlanId)).Status.ShouldBe(PlanStatus.Approved);
        var request = await app.RequestAsync(provider, plan.RequestId);
        request.Outcome.ShouldBe(ApprovalOutcome.Approved);
        request.DecidedByName.ShouldBe(NorthManagerName);
        var start = ApprovalArrange.Today.AddDays(7);
        var budget = await app.QueryAsync(provider, db => db.PersonalBudgets.AsNoTracking().SingleAsync(b => b.PlanId == plan.PlanId));
        budget.StartDate.ShouldBe(start);
        budget.ApprovalRequestId.ShouldBe(plan.RequestId);
        budget.WeeklyCost.ShouldBe(211.25m);
        budget.AnnualCost.ShouldBe(10985.00m);
        budget.ContributionWeekly.ShouldBe(20m);
        budget.NhsShareWeekly.ShouldBe(30m);
        budget.CouncilShareWeekly.ShouldBe(161.25m);
        budget.DirectPaymentWeekly.ShouldBe(93m);
        budget.CouncilCommissionedWeekly.ShouldBe(40m);
        budget.IndividualServiceFundWeekly.ShouldBe(66m);
        budget.CouncilManagedWeekly.ShouldBe(12.25m);
        budget.Section117.ShouldBeFalse();

        var (stage, step) = await app.PathwayAsync(provider, plan.EpisodeId);
        stage.ShouldBe(PathwayStage.BudgetInPlace);
        step.ShouldNotBeNull();
        step.Stage.ShouldBe(PathwayStage.BudgetInPlace);
        step.DueDate.ShouldBe(start.AddDays(56));
        step.OwnerName.ShouldBe(DemoAccounts.NorthNurseName);
        step.SubjectId.ShouldBe(budget.Id);
        var completed = await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().SingleAsync(s => s.EpisodeId == plan.EpisodeId && s.Stage == PathwayStage.Approval));
        completed.CompletedAt.ShouldNotBeNull();
        completed.Participation.ShouldBe(Core.Assessments.Participation.InPerson);

        var note = await app.QueryAsync(provider, db => db.Notifications.AsNoTracking().Where(n => n.Link == $"/Approvals/{plan.RequestId}").ToListAsync());
        var n = note.ShouldHaveSingleItem();
        n.Message.ShouldBe("The decision on a support plan is ready");
        (await app.QueryAsync(provider, db => db.Users.Where(u => u.Id == n.RecipientId).Select(u => u.Email).SingleAsync())).ShouldBe(DemoAccounts.NorthNurse);
        (await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == AuditAction.Decided && a.RecordId == plan.RequestId.ToString()))).ShouldBe(1);

        var decided = await manager.GetAsync($"/Approvals/{plan.RequestId}");
        decided.SummaryValue("Decision").ShouldNotBeNull().ShouldStartWith($"Approved by {NorthManagerName}");
        decided.Document.QuerySelector("main form[method=post]").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TeamManager_IsRefusedAboveTheLimit_ForTheirOwnPlan_AndForAPanelRoute_WithClearMessages(DatabaseProvider provider)
    {
        var expensive = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id,
            [new("Daily support", 25m, 20m, Deployment.CouncilCommissioned, 0, Category: ServiceCategory.HomeSupport, Provider: "Moorside Care")], route: ApprovalRoute.TeamManager);
        var ownPerson = await app.NewNorthPersonAsync(provider);
        var own = await app.SubmittedPlanAsync(provider, ownPerson.Id, authorEmail: DemoAccounts.NorthManager, due: ApprovalArrange.Today.AddDays(-2));
        var panel = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id,
            [new("Daily support", 25m, 20m, Deployment.CouncilCommissioned, 0, Category: ServiceCategory.HomeSupport, Provider: "Moorside Care")]);
        panel.Route.ShouldBe(ApprovalRoute.FundingPanel);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var above = await DecideAsync(manager, expensive.RequestId, ApprovalOutcome.Approved, "Good plan");
        above.Status.ShouldBe(HttpStatusCode.BadRequest);
        above.ErrorSummary.ShouldBe(["The plan costs £500.00 a week, above the team manager's limit of £400.00: the funding panel must decide"]);
        above.Document.QuerySelector("#Reasons").ShouldNotBeNull().TextContent.ShouldBe("Good plan");
        above.Document.QuerySelector("#Outcome[checked]").ShouldNotBeNull();

        var queue = await manager.GetAsync("/Approvals");
        var rows = queue.TableRows("#queue");
        var ownRow = rows.Single(r => r[0].StartsWith(ownPerson.DisplayName, StringComparison.Ordinal));
        ownRow[5].ShouldContain("Your plan: another manager decides");
        ownRow[5].ShouldContain("Overdue");
        rows[0].ShouldBe(ownRow, "oldest due first");
        var ownPage = await manager.GetAsync($"/Approvals/{own.RequestId}");
        ownPage.BodyText.ShouldContain("You wrote or submitted this plan, so you cannot approve it");
        var refused = await manager.SubmitAsync(ownPage, ("Outcome", nameof(ApprovalOutcome.Approved)), ("Reasons", "Fine"));
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["You wrote or submitted this plan, so you cannot approve it: another team manager or the panel must decide"]);

        var missing = await manager.SubmitAsync(await manager.GetAsync($"/Approvals/{expensive.RequestId}"), ("Outcome", nameof(ApprovalOutcome.ApprovedWithChanges)), ("Reasons", ""), ("Changes", ""));
        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        missing.ErrorSummary.ShouldBe(["Enter the reasons for the decision", "Enter the changes the approval depends on"]);
        missing.FieldError("Reasons").ShouldBe("Enter the reasons for the decision");
        var none = await manager.SubmitAsync(await manager.GetAsync($"/Approvals/{expensive.RequestId}"), ("Outcome", null), ("Reasons", "Why"));
        none.ErrorSummary.ShouldBe(["Select the decision"]);

        // The panel's plan shows no form to the manager; a decision posted anyway is refused on the page.
        var panelPage = await manager.GetAsync($"/Approvals/{panel.RequestId}");
        panelPage.Document.QuerySelector("main form[method=post]").ShouldBeNull();
        panelPage.BodyText.ShouldContain("This plan goes to the funding panel");
        var token = ownPage.Document.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull().GetAttribute("value")!;
        var posted = await manager.PostAsync($"/Approvals/{panel.RequestId}",
            [new("__RequestVerificationToken", token), new("Outcome", "Approved"), new("Reasons", "Fine"), new("Revision", "1")]);
        posted.Status.ShouldBe(HttpStatusCode.BadRequest);
        posted.ErrorSummary.ShouldBe(["This plan goes to the funding panel: only a panel member can record its decision"]);

        foreach (var id in new[] { expensive.RequestId, own.RequestId, panel.RequestId })
        {
            (await app.RequestAsync(provider, id)).IsOpen.ShouldBeTrue();
        }

        (await app.PlanAsync(provider, own.PlanId)).Status.ShouldBe(PlanStatus.AwaitingApproval);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Declined_ReturnsThePlanToDraft_AndThePathwayToSupportPlanningWithTheAuthor(DatabaseProvider provider)
    {
        var plan = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id, authorEmail: DemoAccounts.NorthSocialWorker);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var done = await DecideAsync(manager, plan.RequestId, ApprovalOutcome.Declined, "The plan does not say how the person's relationships need will be met");

        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        (await app.PlanAsync(provider, plan.PlanId)).Status.ShouldBe(PlanStatus.Draft);
        var request = await app.RequestAsync(provider, plan.RequestId);
        request.Outcome.ShouldBe(ApprovalOutcome.Declined);
        request.IsOpen.ShouldBeFalse();
        var (stage, step) = await app.PathwayAsync(provider, plan.EpisodeId);
        stage.ShouldBe(PathwayStage.SupportPlanning);
        step.ShouldNotBeNull().OwnerName.ShouldBe(DemoAccounts.NorthSocialWorkerName);
        step.SubjectId.ShouldBe(plan.PlanId);
        (await app.QueryAsync(provider, db => db.PersonalBudgets.AnyAsync(b => b.PlanId == plan.PlanId))).ShouldBeFalse();
        (await app.QueryAsync(provider, db => db.Notifications.CountAsync(n => n.Link == $"/Approvals/{plan.RequestId}" && n.StepId == step.Id))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Deferred_LeavesTheRequestOpen_AndThePathwayAtApproval(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var done = await DecideAsync(manager, plan.RequestId, ApprovalOutcome.Deferred, "Waiting for the provider's quote");

        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        var request = await app.RequestAsync(provider, plan.RequestId);
        request.Outcome.ShouldBe(ApprovalOutcome.Deferred);
        request.IsOpen.ShouldBeTrue();
        request.PanelMeetingId.ShouldBeNull();
        (await app.PlanAsync(provider, plan.PlanId)).Status.ShouldBe(PlanStatus.AwaitingApproval);
        (await app.PathwayAsync(provider, plan.EpisodeId)).Stage.ShouldBe(PathwayStage.Approval);
        (await app.QueryAsync(provider, db => db.Notifications.CountAsync(n => n.Link == $"/Approvals/{plan.RequestId}"))).ShouldBe(1);
        var queue = await manager.GetAsync("/Approvals");
        queue.TableRows("#queue").Single(r => r[0].StartsWith(person.DisplayName, StringComparison.Ordinal))[5].ShouldContain("Deferred");
        var page = await manager.GetAsync($"/Approvals/{plan.RequestId}");
        page.Document.QuerySelector("main form[method=post]").ShouldNotBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwoManagersDecidingTheSameRequest_TheSecondGetsTheConflict_AndLosesNothingTyped(DatabaseProvider provider)
    {
        var plan = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id);
        using var first = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        using var second = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var firstForm = await first.GetAsync($"/Approvals/{plan.RequestId}");
        var secondForm = await second.GetAsync($"/Approvals/{plan.RequestId}");

        // The first defers; the second, still on revision 1, is told the record changed.
        (await first.SubmitAsync(firstForm, ("Outcome", "Deferred"), ("Reasons", "Waiting for a quote"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var stale = await second.SubmitAsync(secondForm, ("Outcome", "Approved"), ("Reasons", "The quote is fine"));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith($"This record was changed by {NorthManagerName} at ");
        stale.Document.QuerySelector("#Reasons").ShouldNotBeNull().TextContent.ShouldBe("The quote is fine");

        // Having checked, the second resubmits on the current revision; then the first's old form meets a decided plan.
        (await second.SubmitAsync(stale, ("Outcome", "Approved"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var late = await first.SubmitAsync(firstForm, ("Outcome", "Declined"), ("Reasons", "Too late"));
        late.Status.ShouldBe(HttpStatusCode.Conflict);
        late.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith("This plan was already decided on ");
        (await app.RequestAsync(provider, plan.RequestId)).Outcome.ShouldBe(ApprovalOutcome.Approved);
        (await app.QueryAsync(provider, db => db.PersonalBudgets.CountAsync(b => b.PlanId == plan.PlanId))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Permissions_PractitionerCannotReachApprovals_SouthManagerCannotSeeOrDecideANorthPlan(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var denied = await nurse.GetAsync("/Approvals");
        denied.Status.ShouldBe(HttpStatusCode.Redirect);
        denied.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        (await nurse.Http.GetAsync(new Uri("/api/v1/approvals", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The practitioner may see the plan's page (a person of their team), without a decision form.
        var view = await nurse.GetAsync($"/Approvals/{plan.RequestId}");
        view.Status.ShouldBe(HttpStatusCode.OK);
        view.Document.QuerySelector("main form[method=post]").ShouldBeNull();

        using var south = await app.SignedInAsync(provider, "manager.south@northmoor.example");
        (await south.GetAsync("/Approvals")).TableRows("#queue").ShouldNotContain(r => r[0].StartsWith(person.DisplayName, StringComparison.Ordinal));
        (await south.GetAsync($"/Approvals/{plan.RequestId}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        using var body = new StringContent("""{"outcome":"Approved","reasons":"Fine","revision":1}""", System.Text.Encoding.UTF8, "application/json");
        var api = await south.Http.PostAsync(new Uri($"/api/v1/approvals/{plan.RequestId}/decision", UriKind.Relative), body, TestContext.Current.CancellationToken);
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("record-access-denied");
        (await app.RequestAsync(provider, plan.RequestId)).IsOpen.ShouldBeTrue();
    }
}
