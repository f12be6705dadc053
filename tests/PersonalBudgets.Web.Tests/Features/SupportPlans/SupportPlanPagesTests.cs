using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.SupportPlans;

/// <summary>Starting, writing and checking a support plan through its pages, as practitioners see them.</summary>
public sealed class SupportPlanPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>The antiforgery token every page carries (in the sign-out form), for posting a form the page does not show.</summary>
    private static KeyValuePair<string, string> Token(HtmlPage page) =>
        new("__RequestVerificationToken", page.Document.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull().GetAttribute("value")!);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Start_ForAnEligiblePersonWithAnIndicativeBudget_MakesADraftAttachedToTheSupportPlanningStep(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 0);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id, revisedWeekly: 321.50m);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var tab = await nurse.GetAsync($"/People/{person.Id}/Plans");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.BodyText.ShouldContain("No support plan has been started yet.");
        var started = await nurse.SubmitAsync(tab, [], "form[action$='/Plans/Start']");

        started.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", started.ErrorSummary));
        var overview = await nurse.FollowAsync(started);
        overview.Status.ShouldBe(HttpStatusCode.OK);
        overview.Heading.ShouldBe("Care and support plan, version 1");
        overview.BodyText.ShouldContain("Support plan version 1 started");
        overview.SummaryValue("Indicative weekly amount").ShouldBe("£321.50");
        overview.SummaryValue("Weekly cost").ShouldBe("£0.00");
        foreach (var need in PlanArrange.EligibleNeeds)
        {
            overview.Document.GetElementById($"task-need-{need}-status").ShouldNotBeNull().TextContent.ShouldBe("Not started");
        }

        overview.Document.GetElementById("task-submit-status").ShouldNotBeNull().TextContent.ShouldBe("Cannot submit yet");
        var planId = Guid.Parse(overview.Url.Split('/')[^1]);
        var plan = await app.PlanAsync(provider, planId);
        plan.IndicativeBudgetId.ShouldBe(ready.BudgetId);
        plan.IndicativeWeekly.ShouldBe(321.50m);
        plan.EpisodeId.ShouldBe(ready.EpisodeId);
        (await app.QueryAsync(provider, db => db.PathwaySteps.SingleAsync(s => s.Id == ready.StepId))).SubjectId.ShouldBe(planId);

        var list = await nurse.GetAsync($"/People/{person.Id}/Plans");
        var row = list.TableRows().ShouldHaveSingleItem();
        row[0].ShouldBe("Version 1");
        row[1].ShouldBe("Draft");
        row[4].ShouldBe(DemoAccounts.NorthNurseName);
        list.Document.QuerySelector($"#draft a[href='/Plans/{planId}']").ShouldNotBeNull();
        list.Document.QuerySelector("form[action$='/Plans/Start']").ShouldBeNull();

        var again = await nurse.PostAsync($"/People/{person.Id}/Plans/Start", [Token(list)]);
        again.Status.ShouldBe(HttpStatusCode.BadRequest);
        again.ErrorSummary.ShouldBe(["Version 1 of the plan is a draft: continue that one."]);
        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().Where(a => a.PersonId == person.Id && a.RecordType == "SupportPlan").Select(a => a.Summary).ToListAsync());
        audit.ShouldContain("Viewed the support plans");
        audit.ShouldContain($"Support plan version 1 started: indicative amount £321.50 a week");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Start_WhenNotEligibleOrWithoutAnIndicativeBudget_ExplainsWhy_AndThePostIsRefused(DatabaseProvider provider)
    {
        var notEligible = await app.NorthPersonAsync(provider, 1);
        var noBudget = await app.NorthPersonAsync(provider, 2);
        var undecided = await app.NorthPersonAsync(provider, 3);
        await app.DecideEligibilityAsync(provider, notEligible.Id, eligible: false);
        await app.DecideEligibilityAsync(provider, noBudget.Id, eligible: true);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var cases = new[]
        {
            (notEligible.Id, "The latest eligibility decision found the needs not eligible."),
            (noBudget.Id, "Work out an indicative budget before starting the plan: the plan's cost is compared with it."),
            (undecided.Id, "Eligibility has not been decided yet."),
        };

        foreach (var (personId, reason) in cases)
        {
            var tab = await nurse.GetAsync($"/People/{personId}/Plans");
            tab.Document.GetElementById("cannot-start").ShouldNotBeNull().TextContent.ShouldContain(reason);
            tab.Document.QuerySelector("form[action$='/Plans/Start']").ShouldBeNull();

            // A form from another tab or an old page still cannot start one.
            var refused = await nurse.PostAsync($"/People/{personId}/Plans/Start", [Token(tab)]);
            refused.Status.ShouldBe(HttpStatusCode.BadRequest);
            refused.ErrorSummary.ShouldHaveSingleItem().ShouldContain(reason);
            refused.Document.GetElementById("reason").ShouldNotBeNull().TextContent.ShouldContain(reason);
        }

        (await app.QueryAsync(provider, db => db.SupportPlans.CountAsync(p => p.PersonId == notEligible.Id || p.PersonId == noBudget.Id || p.PersonId == undecided.Id))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task QuestionPages_WithBadInput_Are400WithClearMessages_AndKeepWhatWasEntered(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 4);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var section = await nurse.GetAsync($"/Plans/{planId}/Sections/AboutMe");
        section.Status.ShouldBe(HttpStatusCode.OK);
        var noSection = await nurse.SubmitAsync(section, ("Text", "  "), ("WrittenBy", null));
        noSection.Status.ShouldBe(HttpStatusCode.BadRequest);
        noSection.ErrorSummary.ShouldBe(["Enter about me", "Select who wrote this part"]);
        noSection.FieldError("WrittenBy").ShouldBe("Select who wrote this part");
        var textOnly = await nurse.SubmitAsync(section, ("Text", "I love gardening"));
        textOnly.Status.ShouldBe(HttpStatusCode.BadRequest);
        textOnly.Document.GetElementById("Text").ShouldNotBeNull().TextContent.ShouldBe("I love gardening");
        (await nurse.GetAsync($"/Plans/{planId}/Sections/Nonsense")).Status.ShouldBe(HttpStatusCode.NotFound);

        var outcomes = await nurse.GetAsync($"/Plans/{planId}/Outcomes");
        outcomes.Document.QuerySelectorAll("input[name^='Outcomes[']").Length.ShouldBe(10);
        var noOutcomes = await nurse.SubmitAsync(outcomes, ("WrittenBy", nameof(PlanContributor.Person)));
        noOutcomes.Status.ShouldBe(HttpStatusCode.BadRequest);
        noOutcomes.ErrorSummary.ShouldBe(["Enter at least one outcome the person wants, in their own words"]);
        noOutcomes.FieldError("Outcomes_0_").ShouldBe("Enter at least one outcome the person wants, in their own words");
        noOutcomes.Document.QuerySelector("input[name=WrittenBy][value=Person]").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();

        var need = PlanArrange.EligibleNeeds[0];
        var needPage = await nurse.GetAsync($"/Plans/{planId}/Needs/{need}");
        needPage.Status.ShouldBe(HttpStatusCode.OK);
        var noHow = await nurse.SubmitAsync(needPage, ("WrittenBy", nameof(PlanContributor.Carer)));
        noHow.Status.ShouldBe(HttpStatusCode.BadRequest);
        noHow.ErrorSummary.ShouldBe([$"Enter how the need will be met: {need.Label().ToLowerInvariant()}"]);
        (await nurse.GetAsync($"/Plans/{planId}/Needs/{Enum.GetValues<Core.Assessments.SpecifiedOutcome>()[^1]}")).Status.ShouldBe(HttpStatusCode.NotFound);

        var element = await nurse.GetAsync($"/Plans/{planId}/Elements/New");
        element.Status.ShouldBe(HttpStatusCode.OK);
        var bad = await nurse.SubmitAsync(element,
            ("Description", "Pottery class"), ("Category", nameof(ServiceCategory.CommunityActivity)), ("Provider", "Arts centre"),
            ("UnitCost", "-5"), ("UnitType", nameof(UnitType.Session)), ("UnitsPerWeek", "0"),
            ("StartDate.Day", "10"), ("StartDate.Month", "5"), ("StartDate.Year", "2027"),
            ("EndDate.Day", "9"), ("EndDate.Month", "5"), ("EndDate.Year", "2027"),
            ("Deployment", nameof(Deployment.DirectPayment)), ("MeetsNeed", "None"));
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.ErrorSummary.ShouldBe(["Unit cost cannot be negative", "Units a week must be more than 0", "The end date must be the same as or after the start date"]);
        bad.FieldError("UnitCost").ShouldBe("Unit cost cannot be negative");
        bad.FieldError("UnitsPerWeek").ShouldBe("Units a week must be more than 0");
        bad.FieldError("EndDate").ShouldBe("The end date must be the same as or after the start date");
        bad.InputValue("Description").ShouldBe("Pottery class");
        bad.InputValue("UnitCost").ShouldBe("-5");
        bad.InputValue("StartDate").ShouldBe("10");
        bad.Document.QuerySelector("input[name=Deployment][value=DirectPayment]").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();

        var empty = await nurse.SubmitAsync(element);
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.ErrorSummary.ShouldContain("Enter what the support is");
        empty.ErrorSummary.ShouldContain("Select how this support is paid for");

        var good = await nurse.SubmitAsync(bad, ("UnitCost", "12.50"), ("UnitsPerWeek", "2"), ("EndDate.Day", ""), ("EndDate.Month", ""), ("EndDate.Year", ""));
        good.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", good.ErrorSummary));
        var overview = await nurse.FollowAsync(good);
        overview.SummaryValue("Weekly cost").ShouldBe("£25.00");

        // The same support again, overlapping the first, would count it twice.
        var twice = await nurse.SubmitAsync(await nurse.GetAsync($"/Plans/{planId}/Elements/New"),
            ("Description", "pottery class "), ("Category", nameof(ServiceCategory.CommunityActivity)), ("Provider", "Arts centre"),
            ("UnitCost", "12.50"), ("UnitType", nameof(UnitType.Session)), ("UnitsPerWeek", "1"),
            ("StartDate.Day", "1"), ("StartDate.Month", "6"), ("StartDate.Year", "2027"), ("Deployment", nameof(Deployment.CouncilManaged)), ("MeetsNeed", "None"));
        twice.Status.ShouldBe(HttpStatusCode.BadRequest);
        twice.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith("The dates overlap another element for the same support (\"Pottery class\" from Arts centre, 10 May 2027 onwards)");
        twice.FieldError("StartDate").ShouldNotBeNull().ShouldContain("counted twice");

        var risk = await nurse.GetAsync($"/Plans/{planId}/Risks/New");
        var noRisk = await nurse.SubmitAsync(risk, ("Description", "Going out alone at night"));
        noRisk.Status.ShouldBe(HttpStatusCode.BadRequest);
        noRisk.ErrorSummary.ShouldBe(["Select how serious the risk is", "Enter what will be done about the risk", "Enter who will do it"]);
        noRisk.Document.GetElementById("Description").ShouldNotBeNull().TextContent.ShouldBe("Going out alone at night");

        var agreement = await nurse.GetAsync($"/Plans/{planId}/Agreement");
        var disagreed = await nurse.SubmitAsync(agreement, ("Agreement", nameof(PlanAgreement.Disagreed)), ("Participation", nameof(Core.Assessments.Participation.LackedCapacity)));
        disagreed.Status.ShouldBe(HttpStatusCode.BadRequest);
        disagreed.ErrorSummary.ShouldBe(["Enter why the person disagrees, in their own words", "Enter the best-interests decision and who was consulted"]);

        var funding = await nurse.GetAsync($"/Plans/{planId}/Funding");
        var badMoney = await nurse.SubmitAsync(funding, ("AssessedContributionWeekly", "ten pounds"), ("NhsShareWeekly", "-3"));
        badMoney.Status.ShouldBe(HttpStatusCode.BadRequest);
        badMoney.FieldError("AssessedContributionWeekly").ShouldBe("The weekly contribution must be an amount of money in pounds and pence, like 4.50");
        badMoney.FieldError("NhsShareWeekly").ShouldBe("The NHS share cannot be negative");
        badMoney.InputValue("AssessedContributionWeekly").ShouldBe("ten pounds");

        var saved = await app.PlanAsync(provider, planId);
        saved.SectionText(PlanSection.AboutMe).ShouldBeNull();
        saved.Outcomes.ShouldBeEmpty();
        saved.Risks.ShouldBeEmpty();
        saved.Agreement.ShouldBeNull();
        saved.Elements.ShouldHaveSingleItem().WeeklyCost.ShouldBe(25m);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Funding_AboveTheVarianceThreshold_NeedsAReason_AndUnderSection117_TheContributionMustBeZero(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 5);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id, revisedWeekly: 100m);
        await app.MakeSection117Async(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var element = await nurse.GetAsync($"/Plans/{planId}/Elements/New");
        (await nurse.SubmitAsync(element, ("Description", "Gym membership"), ("Category", nameof(ServiceCategory.Wellbeing)), ("Provider", "Leisure centre"),
            ("UnitCost", "111.00"), ("UnitType", nameof(UnitType.Week)), ("UnitsPerWeek", "1"),
            ("StartDate.Day", "1"), ("StartDate.Month", "3"), ("StartDate.Year", "2027"), ("Deployment", nameof(Deployment.DirectPayment)), ("MeetsNeed", "None")))
            .Status.ShouldBe(HttpStatusCode.Redirect);

        var funding = await nurse.GetAsync($"/Plans/{planId}/Funding");
        funding.Document.GetElementById("section-117").ShouldNotBeNull().TextContent.ShouldContain("their contribution is £0.00");
        funding.SummaryValue("Difference from the indicative amount").ShouldBe("11.0% more than the indicative amount (more than 10%: a reason is needed)");

        var refused = await nurse.SubmitAsync(funding, ("AssessedContributionWeekly", "12.00"), ("NhsShareWeekly", "50"), ("SignificantRisk", "false"));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["The person is entitled to section 117 aftercare, which is free: their contribution must be £0.00"]);
        refused.InputValue("NhsShareWeekly").ShouldBe("50");
        var noReason = await nurse.SubmitAsync(refused, ("AssessedContributionWeekly", "0"));
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.ErrorSummary.ShouldBe(["The weekly cost (£111.00) differs from the indicative amount (£100.00) by more than 10%: give a reason"]);
        noReason.FieldError("VarianceReason").ShouldNotBeNull();

        var saved = await nurse.SubmitAsync(noReason, ("VarianceReason", "The gym is the only one on the bus route"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var plan = await app.PlanAsync(provider, planId);
        plan.AssessedContributionWeekly.ShouldBe(0m);
        plan.NhsShareWeekly.ShouldBe(50m);
        plan.VarianceReason.ShouldBe("The gym is the only one on the bus route");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwoBrowsersEditingOnePlan_TheSecondGetsTheConflict_AndKeepsItsEntries(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 6);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var first = await nurse.GetAsync($"/Plans/{planId}/Sections/WhatMatters");
        var second = await socialWorker.GetAsync($"/Plans/{planId}/Outcomes");

        (await nurse.SubmitAsync(first, ("Text", "My allotment"), ("WrittenBy", nameof(PlanContributor.Person)))).Status.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await socialWorker.SubmitAsync(second, ("Outcomes[0]", "Grow my own vegetables"), ("Outcomes[1]", "Cook twice a week"), ("WrittenBy", nameof(PlanContributor.PeerSupporter)));

        conflict.Status.ShouldBe(HttpStatusCode.Conflict);
        conflict.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith($"This record was changed by {DemoAccounts.NorthNurseName} at ");
        conflict.InputValue("Outcomes_0_").ShouldBe("Grow my own vegetables");
        conflict.InputValue("Outcomes_1_").ShouldBe("Cook twice a week");
        conflict.Document.QuerySelector("input[name=WrittenBy][value=PeerSupporter]").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();
        (await app.PlanAsync(provider, planId)).Outcomes.ShouldBeEmpty();

        // Saving again, now against what is saved, keeps both people's work.
        var again = await socialWorker.SubmitAsync(conflict);
        again.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", again.ErrorSummary));
        var plan = await app.PlanAsync(provider, planId);
        plan.SectionText(PlanSection.WhatMatters).ShouldBe("My allotment");
        plan.Outcomes.OrderBy(o => o.Order).Select(o => o.Text).ShouldBe(["Grow my own vegetables", "Cook twice a week"]);
        plan.Outcomes[0].WrittenBy.ShouldBe(PlanContributor.PeerSupporter);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Submit_WithGaps_ListsEachWithALinkToThePageThatFixesIt(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 7);
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
        var index = 8 + (int)route;
        var person = await app.NorthPersonAsync(provider, index);
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

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ChangingASubmittedPlan_IsRefusedWithAClearMessage_AndKeepsTheEntry(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 11);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await nurse.GetAsync($"/Plans/{planId}/Sections/Contingency");
        await app.CompleteAsync(provider, planId, 90m);
        await app.ApproveAsync(provider, planId);

        var refused = await nurse.SubmitAsync(form, ("Text", "Ring my sister"), ("WrittenBy", nameof(PlanContributor.Person)));

        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.ErrorSummary.ShouldHaveSingleItem().ShouldBe("Version 1 of the plan is approved and cannot be changed: revise it to make a new version");
        refused.Document.GetElementById("Text").ShouldNotBeNull().TextContent.ShouldBe("Ring my sister");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Print_ShowsThePlanInPlainEnglish_WithWhoWroteEachPartTheCostsAndTheirWords(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 12);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        await app.CompleteAsync(provider, planId, 150m);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var print = await nurse.GetAsync($"/Plans/{planId}/Print");

        print.Status.ShouldBe(HttpStatusCode.OK);
        print.Heading.ShouldBe($"{person.DisplayName}'s care and support plan");
        print.Document.QuerySelectorAll("h1").Length.ShouldBe(1);
        print.BodyText.ShouldContain("I live with my cat and love gardening You wrote this part.");
        print.BodyText.ShouldContain("Call my sister, then the crisis line This part was written by the practitioner.");
        print.Document.QuerySelectorAll("#outcomes li").Select(HtmlPage.Text).ShouldBe(["Go to the allotment twice a week", "Cook for myself"]);
        var rows = print.TableRows();
        rows[0][0].ShouldStartWith("Personal assistant for the allotment");
        rows[0][3].ShouldBe("Direct payment");
        rows[0][4].ShouldBe("£150.00");
        rows[^2].ShouldBe(["Weekly cost of your plan", "", "", "", "£150.00"]);
        rows[^1].ShouldBe(["A year (52 weeks)", "", "", "", "£7,800.00"]);
        print.Document.QuerySelector("#deployments li").ShouldNotBeNull().TextContent.ShouldContain("You get the money and arrange this support yourself.");
        print.Document.GetElementById("agreement").ShouldNotBeNull().TextContent.ShouldBe("You agreed with this plan.");
        print.Document.GetElementById("in-your-words").ShouldNotBeNull().TextContent.ShouldBe("This is my plan");
        print.Document.QuerySelector(".app-no-print").ShouldNotBeNull();
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.RecordId == planId.ToString() && a.Action == Core.Audit.AuditAction.Viewed))).ShouldBeGreaterThan(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Revise_NeedsAReason_MakesVersion2_AndChangesShowsWhatChanged(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 13);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        await app.CompleteAsync(provider, planId, 150m);
        await app.ApproveAsync(provider, planId);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await nurse.GetAsync($"/Plans/{planId}/Revise");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.BodyText.ShouldNotContain("cannot be changed");
        var noReason = await nurse.SubmitAsync(form, ("Reason", " "));
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.ErrorSummary.ShouldBe(["Enter why the plan is being revised"]);

        var made = await nurse.SubmitAsync(form, ("Reason", "Review found the person wants to try a pottery class"));
        made.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", made.ErrorSummary));
        var v2 = await nurse.FollowAsync(made);
        v2.Heading.ShouldBe("Care and support plan, version 2");
        var v2Id = Guid.Parse(v2.Url.Split('/')[^1]);

        var again = await nurse.SubmitAsync(form, ("Reason", "Another go"));
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.ErrorSummary.ShouldBe(["Version 2 of the plan is already a draft: continue that one"]);

        var add = await nurse.SubmitAsync(await nurse.GetAsync($"/Plans/{v2Id}/Elements/New"), ("Description", "Pottery class"), ("Category", nameof(ServiceCategory.CommunityActivity)),
            ("Provider", "Arts centre"), ("UnitCost", "15.00"), ("UnitType", nameof(UnitType.Session)), ("UnitsPerWeek", "1"),
            ("StartDate.Day", "1"), ("StartDate.Month", "1"), ("StartDate.Year", "2027"), ("Deployment", nameof(Deployment.CouncilCommissioned)), ("MeetsNeed", "None"));
        add.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", add.ErrorSummary));
        (await nurse.SubmitAsync(await nurse.GetAsync($"/Plans/{v2Id}/Sections/AboutMe"), ("Text", "I live alone now"))).Status.ShouldBe(HttpStatusCode.Redirect);

        var changes = await nurse.GetAsync($"/Plans/{v2Id}/Changes");

        changes.Status.ShouldBe(HttpStatusCode.OK);
        changes.BodyText.ShouldContain("Why the plan was revised: Review found the person wants to try a pottery class");
        var sections = changes.TableRows("#sections");
        sections.ShouldContain(r => r[0] == "About me" && r[1] == "Changed" && r[3] == "Rewritten");
        sections.ShouldContain(r => r[0] == "What matters to me" && r[1] == "No change");
        var elements = changes.TableRows("#elements");
        elements.ShouldContain(r => r[0] == "Personal assistant for the allotment" && r[1] == "No change");
        elements.ShouldContain(r => r[0] == "Pottery class" && r[1] == "Added" && r[3].Contains("£15.00 a week"));
        elements[^1].ShouldBe(["Total weekly cost", "Changed", "£150.00", "£165.00"]);
        changes.TableRows("#funding").ShouldContain(r => r[0] == "Weekly cost" && r[2] == "£150.00" && r[3] == "£165.00");

        var list = await nurse.GetAsync($"/People/{person.Id}/Plans");
        list.TableRows().Select(r => r[0] + " " + r[1]).ShouldBe(["Version 2 Draft", "Version 1 Approved"]);
        list.Document.QuerySelector($"#in-force a[href='/Plans/{planId}']").ShouldNotBeNull();
        list.Document.QuerySelector($"#draft a[href='/Plans/{v2Id}']").ShouldNotBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ElementsAndRisks_AreChangedAndRemovedThroughTheirPages_WithAConfirmPageToRemove(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 15);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        await app.CompleteAsync(provider, planId, 80m);
        var elementId = (await app.PlanAsync(provider, planId)).Elements.Single().Id;
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var edit = await nurse.GetAsync($"/Plans/{planId}/Elements/{elementId}");
        edit.Status.ShouldBe(HttpStatusCode.OK);
        edit.InputValue("UnitCost").ShouldBe("80.00");
        (await nurse.SubmitAsync(edit, ("UnitsPerWeek", "2"))).Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.PlanAsync(provider, planId)).WeeklyCost.ShouldBe(160m);

        var risk = await nurse.SubmitAsync(await nurse.GetAsync($"/Plans/{planId}/Risks/New"), ("Description", "Cycling to the allotment"), ("Level", nameof(RiskLevel.Medium)),
            ("IsPositiveRisk", "true"), ("WhatWillBeDone", "Helmet, lights and a cycling course"), ("WhoDoesIt", "The person, with their PA"));
        risk.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", risk.ErrorSummary));
        var riskId = (await app.PlanAsync(provider, planId)).Risks.Single().Id;
        var check = await nurse.GetAsync($"/Plans/{planId}/Submit");
        check.BodyText.ShouldContain("Cycling to the allotment Positive risk the person chooses to take");

        var confirmRisk = await nurse.GetAsync($"/Plans/{planId}/Risks/{riskId}/Remove");
        confirmRisk.Heading.ShouldBe("Are you sure you want to remove this risk?");
        (await nurse.SubmitAsync(confirmRisk)).Status.ShouldBe(HttpStatusCode.Redirect);
        var confirm = await nurse.GetAsync($"/Plans/{planId}/Elements/{elementId}/Remove");
        confirm.SummaryValue("Weekly cost").ShouldBe("£160.00");
        var removed = await nurse.FollowAsync(await nurse.SubmitAsync(confirm));
        removed.BodyText.ShouldContain("Costed support removed");
        var plan = await app.PlanAsync(provider, planId);
        plan.Elements.ShouldBeEmpty();
        plan.Risks.ShouldBeEmpty();

        // Removing again, from the page that was already open, says it is not there rather than succeeding silently.
        var again = await nurse.SubmitAsync(confirm);
        again.Status.ShouldBe(HttpStatusCode.NotFound);
        again.BodyText.ShouldContain("The element was not found.");
        (await nurse.GetAsync($"/Plans/{planId}/Elements/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task FinanceOfficer_CanViewButNotEdit_AndASouthPractitionerCannotSeeANorthPersonsPlan(DatabaseProvider provider)
    {
        var person = await app.NorthPersonAsync(provider, 14);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        using var finance = await app.SignedInAsync(provider, "finance@northmoor.example");

        (await finance.GetAsync($"/People/{person.Id}/Plans")).Status.ShouldBe(HttpStatusCode.OK);
        var overview = await finance.GetAsync($"/Plans/{planId}");
        overview.Status.ShouldBe(HttpStatusCode.OK);
        overview.Document.GetElementById("task-about-me").ShouldBeNull();
        (await finance.GetAsync($"/Plans/{planId}/Print")).Status.ShouldBe(HttpStatusCode.OK);
        var denied = await finance.GetAsync($"/Plans/{planId}/Sections/AboutMe");
        denied.Status.ShouldBe(HttpStatusCode.Redirect);
        denied.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");

        using var ot = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        foreach (var url in new[] { $"/People/{person.Id}/Plans", $"/Plans/{planId}", $"/Plans/{planId}/Print", $"/Plans/{planId}/Sections/AboutMe" })
        {
            var refused = await ot.GetAsync(url);
            refused.Status.ShouldBe(HttpStatusCode.Forbidden, url);
            refused.BodyText.ShouldNotContain(person.DisplayName);
        }
    }
}
