using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Approvals;

/// <summary>Panel meetings: scheduling, the agenda, and decisions by a panel member through the same decision service.</summary>
public sealed class PanelTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Panel = "panel@northmoor.example";
    private const string PanelName = "Ruth Campbell";
    private const string Attendees = "Ruth Campbell, chair (council); Dr Amir Khan, consultant psychiatrist (NHS trust); Jo Park, finance (council)";

    private static readonly ElementSpec[] AboveLimit =
        [new("Daily support", 25m, 20m, Deployment.CouncilCommissioned, 0, Category: ServiceCategory.HomeSupport, Provider: "Moorside Care")];

    private static async Task<Guid> ScheduleAsync(Browser browser, PanelKind kind, DateOnly date, string? location)
    {
        var form = await browser.GetAsync("/Panels/New");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var done = await browser.SubmitAsync(form, ("Kind", kind.ToString()), ("MeetingDate.Day", date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("MeetingDate.Month", date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("MeetingDate.Year", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Location", location));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        return Guid.Parse(done.Location.ShouldNotBeNull().Split('/')[^1]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PanelMember_SchedulesAFundingPanel_AddsTheAboveLimitPlan_AndApprovesWithChanges(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, AboveLimit);
        plan.Route.ShouldBe(ApprovalRoute.FundingPanel);
        using var panel = await app.SignedInAsync(provider, Panel);

        var list = await panel.GetAsync("/Panels");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Document.QuerySelector("a[href='/Panels/New']").ShouldNotBeNull().TextContent.Trim().ShouldBe("Schedule a meeting");
        // The panel meets today: its decision is recorded at the meeting.
        var date = ApprovalArrange.Today;
        var meetingId = await ScheduleAsync(panel, PanelKind.Funding, date, "Room 2, Northmoor House");

        var meeting = await panel.GetAsync($"/Panels/{meetingId}");
        meeting.Heading.ShouldBe($"Meeting on {UkFormat.Date(date)}");
        meeting.Document.QuerySelector("#agenda-empty").ShouldNotBeNull();
        var box = meeting.Document.QuerySelectorAll("input[name=RequestIds]").Single(i => i.GetAttribute("value") == plan.RequestId.ToString());
        HtmlPage.Text(meeting.Document.QuerySelector($"label[for='{box.Id}']")).ShouldStartWith($"{person.DisplayName} (Born 27 March 1980 · {person.PersonIdentifier}");
        HtmlPage.Text(meeting.Document.QuerySelector($"label[for='{box.Id}']")).ShouldContain("), version 1, £500.00 a week");

        var added = await panel.SubmitAsync(meeting, ("RequestIds", plan.RequestId.ToString()));
        added.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", added.ErrorSummary));
        var agenda = await panel.FollowAsync(added);
        agenda.BodyText.ShouldContain("1 plan added to the agenda");
        var agendaRow = agenda.TableRows("#agenda").ShouldHaveSingleItem();
        agendaRow[0].ShouldStartWith(person.DisplayName);
        agendaRow[0].ShouldContain($"Born 27 March 1980 · {person.PersonIdentifier}");
        agendaRow.Skip(1).ToArray().ShouldBe(["Version 1", "£500.00", "Funding panel", "Not decided yet"]);
        agenda.Document.QuerySelectorAll("input[name=RequestIds]").ShouldNotContain(i => i.GetAttribute("value") == plan.RequestId.ToString());
        (await panel.GetAsync("/Panels")).TableRows("#upcoming").ShouldContain(r => r[0] == UkFormat.Date(date) && r[1] == "Funding panel" && r[2] == "Room 2, Northmoor House" && r[3] == "1");

        var item = await panel.GetAsync($"/Panels/{meetingId}/Items/{plan.RequestId}");
        item.Status.ShouldBe(HttpStatusCode.OK);
        item.SummaryValue("Weekly cost").ShouldBe("£500.00");
        item.SummaryValue("Route").ShouldBe("Funding panel");
        item.Document.GetElementById("meeting-not-held").ShouldBeNull();
        var noAttendees = await panel.SubmitAsync(item, ("Outcome", nameof(ApprovalOutcome.ApprovedWithChanges)), ("Reasons", "Meets the needs; the hours should taper"),
            ("Changes", "Review the daily hours at the first review"));
        noAttendees.Status.ShouldBe(HttpStatusCode.BadRequest);
        noAttendees.ErrorSummary.ShouldBe(["Enter who attended the panel meeting, with their roles"]);
        HtmlPage.Text(noAttendees.Document.GetElementById("Reasons")).ShouldBe("Meets the needs; the hours should taper");
        var decided = await panel.SubmitAsync(noAttendees, ("Attendees", Attendees));

        decided.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", decided.ErrorSummary));
        decided.Location.ShouldBe($"/Panels/{meetingId}");
        (await panel.FollowAsync(decided)).TableRows("#agenda").ShouldHaveSingleItem()[4].ShouldBe("Approved with changes");
        var request = await app.RequestAsync(provider, plan.RequestId);
        request.Outcome.ShouldBe(ApprovalOutcome.ApprovedWithChanges);
        request.Changes.ShouldBe("Review the daily hours at the first review");
        request.DecidedByName.ShouldBe(PanelName);
        request.PanelAttendees.ShouldBe(Attendees);
        (await panel.GetAsync($"/Panels/{meetingId}/Items/{plan.RequestId}")).SummaryValue("Panel members who attended").ShouldBe(Attendees);
        (await app.PlanAsync(provider, plan.PlanId)).Status.ShouldBe(PlanStatus.Approved);
        var budget = await app.QueryAsync(provider, db => db.PersonalBudgets.AsNoTracking().SingleAsync(b => b.PlanId == plan.PlanId));
        budget.WeeklyCost.ShouldBe(500m);
        budget.CouncilCommissionedWeekly.ShouldBe(500m);
        budget.StartDate.ShouldBe(ApprovalArrange.Today);
        var (stage, step) = await app.PathwayAsync(provider, plan.EpisodeId);
        stage.ShouldBe(PathwayStage.BudgetInPlace);
        step.ShouldNotBeNull().DueDate.ShouldBe(ApprovalArrange.Today.AddDays(56));
        step.OwnerName.ShouldBe(DemoAccounts.NorthNurseName);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PanelItem_BeforeTheMeetingsDate_ShowsWhenItMeets_HasNoForm_AndADecisionPostedIsRefused(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, AboveLimit);
        using var panel = await app.SignedInAsync(provider, Panel);
        var date = ApprovalArrange.Today.AddDays(3);
        var meetingId = await ScheduleAsync(panel, PanelKind.Funding, date, null);
        var meeting = await panel.GetAsync($"/Panels/{meetingId}");
        (await panel.SubmitAsync(meeting, ("RequestIds", plan.RequestId.ToString()))).Status.ShouldBe(HttpStatusCode.Redirect);

        var item = await panel.GetAsync($"/Panels/{meetingId}/Items/{plan.RequestId}");
        item.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(item.Document.GetElementById("meeting-not-held")).ShouldContain($"The panel meets on {UkFormat.Date(date)}. Its decision can be recorded on or after that day, not before.");
        item.Document.QuerySelector("main form[method=post]").ShouldBeNull();

        var revision = (await app.RequestAsync(provider, plan.RequestId)).Revision;
        var refused = await panel.PostAsync($"/Panels/{meetingId}/Items/{plan.RequestId}", [
            PersonalBudgets.Web.Tests.Features.SupportPlans.PlanArrange.Token(item),
            new("Outcome", nameof(ApprovalOutcome.Approved)), new("Reasons", "Meets the needs"), new("Attendees", Attendees), new("Revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe([$"The panel meets on {UkFormat.Date(date)}: its decision can be recorded on or after that day, not before"]);
        var request = await app.RequestAsync(provider, plan.RequestId);
        request.IsOpen.ShouldBeTrue();
        request.Outcome.ShouldBeNull();
        (await app.PlanAsync(provider, plan.PlanId)).Status.ShouldBe(PlanStatus.AwaitingApproval);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Schedule_WithMissingOrBadAnswers_ShowsEachProblem_AndKeepsWhatWasTyped(DatabaseProvider provider)
    {
        using var panel = await app.SignedInAsync(provider, Panel);
        var form = await panel.GetAsync("/Panels/New");

        var empty = await panel.SubmitAsync(form);
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.ErrorSummary.ShouldBe(["Select which panel is meeting", "Enter the date of the meeting"]);

        var bad = await panel.SubmitAsync(form, ("MeetingDate.Day", "31"), ("MeetingDate.Month", "2"), ("MeetingDate.Year", "2027"), ("Location", "Room 4"));
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.ErrorSummary.ShouldBe(["Select which panel is meeting", "The date of the meeting must be a real date"]);
        bad.InputValue("Location").ShouldBe("Room 4");
        bad.InputValue("MeetingDate").ShouldBe("31");

        var old = ApprovalArrange.Today.AddDays(-40);
        var past = await panel.SubmitAsync(form, ("Kind", "Funding"), ("MeetingDate.Day", old.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("MeetingDate.Month", old.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("MeetingDate.Year", old.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        past.ErrorSummary.ShouldBe(["The meeting date must be within the last 30 days or in the future"]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Panel_DefersARiskPlan_ItLeavesTheAgendaAndStaysOpen_AndTheTeamManagerCannotReachPanels(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var plan = await app.SubmittedPlanAsync(provider, person.Id, significantRisk: true);
        plan.Route.ShouldBe(ApprovalRoute.RiskEnablementPanel);
        using var panel = await app.SignedInAsync(provider, Panel);
        var funding = await ScheduleAsync(panel, PanelKind.Funding, ApprovalArrange.Today.AddDays(5), null);
        (await panel.GetAsync($"/Panels/{funding}")).Document.QuerySelectorAll("input[name=RequestIds]").ShouldNotContain(i => i.GetAttribute("value") == plan.RequestId.ToString());
        var risk = await ScheduleAsync(panel, PanelKind.RiskEnablement, ApprovalArrange.Today, "Online");
        (await panel.SubmitAsync(await panel.GetAsync($"/Panels/{risk}"), ("RequestIds", plan.RequestId.ToString()))).Status.ShouldBe(HttpStatusCode.Redirect);

        var noReasons = await panel.SubmitAsync(await panel.GetAsync($"/Panels/{risk}/Items/{plan.RequestId}"), ("Outcome", "Deferred"), ("Attendees", Attendees));
        noReasons.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReasons.ErrorSummary.ShouldBe(["Enter the reasons for the decision"]);
        (await panel.SubmitAsync(noReasons, ("Outcome", "Deferred"), ("Reasons", "The person wants their advocate at the meeting"))).Status.ShouldBe(HttpStatusCode.Redirect);

        var request = await app.RequestAsync(provider, plan.RequestId);
        request.IsOpen.ShouldBeTrue();
        request.Outcome.ShouldBe(ApprovalOutcome.Deferred);
        request.PanelMeetingId.ShouldBeNull();
        request.PanelAttendees.ShouldBe(Attendees);
        (await app.PathwayAsync(provider, plan.EpisodeId)).Stage.ShouldBe(PathwayStage.Approval);
        var meeting = await panel.GetAsync($"/Panels/{risk}");
        meeting.Document.QuerySelector("#agenda-empty").ShouldNotBeNull();
        meeting.Document.QuerySelectorAll("input[name=RequestIds]").ShouldContain(i => i.GetAttribute("value") == plan.RequestId.ToString());
        (await panel.GetAsync($"/Panels/{risk}/Items/{plan.RequestId}")).Status.ShouldBe(HttpStatusCode.NotFound);

        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        (await manager.GetAsync("/Panels")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        (await manager.GetAsync($"/Panels/{risk}")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        var waiting = await manager.GetAsync("/Approvals");
        waiting.TableRows("#panel").ShouldContain(r => r[0].StartsWith(person.DisplayName, StringComparison.Ordinal) && r[3] == "Risk enablement panel" && r[6] == "Not yet");
    }
}
