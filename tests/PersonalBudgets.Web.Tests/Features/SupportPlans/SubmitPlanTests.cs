using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;
using static PersonalBudgets.Web.Tests.Features.SupportPlans.PlanArrange;

namespace PersonalBudgets.Web.Tests.Features.SupportPlans;

/// <summary>The Submit page: the gaps it lists, and the approval request and pathway step it creates.</summary>
public sealed class SubmitPlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Submit_WithGaps_ListsEachWithALinkToThePageThatFixesIt(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var check = await nurse.GetAsync($"/Plans/{planId}/Submit");

        check.Status.ShouldBe(HttpStatusCode.OK);
        var links = check.Document.QuerySelectorAll("#gaps li a").Select(a => (Text: HtmlPage.Text(a), Href: a.GetAttribute("href"))).ToList();
        links.ShouldContain(("About me is not written yet", $"/Plans/{planId}/Sections/AboutMe"));
        links.ShouldContain(("The outcomes the person wants are not recorded yet", $"/Plans/{planId}/Outcomes"));
        links.ShouldContain(($"How this eligible need will be met is not recorded: {PlanArrange.EligibleNeeds[1].Label().ToLowerInvariant()}", $"/Plans/{planId}/Needs/{PlanArrange.EligibleNeeds[1]}"));
        links.ShouldContain(("The plan has no costed elements", $"/Plans/{planId}/Elements/New"));
        links.ShouldContain(("The person's agreement to the plan is not recorded yet", $"/Plans/{planId}/Agreement"));
        check.Document.QuerySelector("main form[method=post]").ShouldBeNull();

        var revision = (await app.PlanAsync(provider, planId)).Revision;
        var forced = await nurse.PostAsync($"/Plans/{planId}/Submit", [new("Revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), Token(check)]);
        forced.Status.ShouldBe(HttpStatusCode.BadRequest);
        forced.ErrorSummary.ShouldBe([$"The plan cannot be submitted yet: {links.Count} things need doing first"]);
        forced.Document.QuerySelectorAll("#gaps li a").Select(HtmlPage.Text).ShouldBe(links.Select(l => l.Text));
        (await app.PlanAsync(provider, planId)).Status.ShouldBe(PlanStatus.Draft);
        (await app.QueryAsync(provider, db => db.ApprovalRequests.CountAsync(a => a.PlanId == planId))).ShouldBe(0);
    }

    public static TheoryData<DatabaseProvider, decimal, bool, ApprovalRoute> Routes()
    {
        var data = new TheoryData<DatabaseProvider, decimal, bool, ApprovalRoute>();
        foreach (var p in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL })
        {
            data.Add(p, 120m, false, ApprovalRoute.TeamManager);
            data.Add(p, 650m, false, ApprovalRoute.FundingPanel);
            data.Add(p, 120m, true, ApprovalRoute.RiskEnablementPanel);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Submit_CreatesTheApprovalRequestOnTheRightRoute_AndMovesThePathwayToApprovalWithAnOwnerAndDueDate(DatabaseProvider provider, decimal weekly, bool significantRisk, ApprovalRoute route)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        await app.CompleteAsync(provider, planId, weekly, significantRisk);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var check = await nurse.GetAsync($"/Plans/{planId}/Submit");
        check.Status.ShouldBe(HttpStatusCode.OK);
        check.Document.GetElementById("gaps").ShouldBeNull();
        check.Document.QuerySelector($"a[href='/Plans/{planId}/Sections/AboutMe']").ShouldNotBeNull();
        check.Document.GetElementById("route").ShouldNotBeNull().TextContent.ShouldContain(route switch
        {
            ApprovalRoute.TeamManager => "a team manager will decide it",
            ApprovalRoute.FundingPanel => "the funding panel will decide it",
            _ => "the risk enablement panel will decide it",
        });

        var submitted = await nurse.SubmitAsync(check);

        submitted.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", submitted.ErrorSummary));
        var overview = await nurse.FollowAsync(submitted);
        var decider = route == ApprovalRoute.TeamManager ? "Helen Marsh" : "Ruth Campbell";
        var expectedDue = DueDates.For(PathwayStage.Approval, PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow), ServiceStandards.Default, EnglandBankHolidays.All);
        overview.BodyText.ShouldContain($"Plan submitted for approval. {route.Label()} ({decider}) will decide by {UkFormat.Date(expectedDue)}");
        overview.SummaryValue("Status").ShouldBe("Waiting for approval");
        overview.SummaryValue("Who decides").ShouldBe($"{route.Label()}: {decider}");
        overview.SummaryValue("Decision due by").ShouldBe(UkFormat.Date(expectedDue));
        overview.Document.GetElementById("task-about-me").ShouldBeNull();

        var request = await app.QueryAsync(provider, db => db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.PlanId == planId));
        request.Route.ShouldBe(route);
        request.WeeklyCost.ShouldBe(weekly);
        request.DueDate.ShouldBe(expectedDue);
        request.PlanNumber.ShouldBe(1);
        var episode = await app.QueryAsync(provider, db => db.PathwayEpisodes.AsNoTracking().SingleAsync(e => e.Id == ready.EpisodeId));
        episode.Stage.ShouldBe(PathwayStage.Approval);
        var steps = await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().Where(s => s.EpisodeId == ready.EpisodeId).ToListAsync());
        var planning = steps.Single(s => s.Stage == PathwayStage.SupportPlanning);
        planning.CompletedAt.ShouldNotBeNull();
        planning.Participation.ShouldBe(Core.Assessments.Participation.InPerson);
        var approval = steps.Single(s => s.Stage == PathwayStage.Approval);
        approval.SubjectId.ShouldBe(request.Id);
        approval.OwnerName.ShouldBe(decider);
        approval.DueDate.ShouldBe(expectedDue);
        (await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == planId.ToString() && a.Summary!.StartsWith("Plan version 1 submitted for approval")).Select(a => a.Summary).ToListAsync()))
            .ShouldHaveSingleItem().ShouldStartWith($"Plan version 1 submitted for approval: {UkFormat.Money(weekly)} a week, route {route.Label().ToLowerInvariant()}");

        // Waiting for approval, the plan cannot be changed, and the pages say so.
        var section = await nurse.GetAsync($"/Plans/{planId}/Sections/AboutMe");
        section.BodyText.ShouldContain("Version 1 of the plan is waiting for approval and cannot be changed.");
        section.Document.QuerySelector("main form[method=post]").ShouldBeNull();
        var resubmit = await nurse.PostAsync($"/Plans/{planId}/Submit", [new("Revision", "99"), Token(section)]);
        resubmit.Status.ShouldBe(HttpStatusCode.Conflict);
        resubmit.ErrorSummary.ShouldBe(["The plan is waiting for approval and cannot be changed"]);
        (await app.QueryAsync(provider, db => db.ApprovalRequests.CountAsync(a => a.PlanId == planId))).ShouldBe(1);
    }
}
