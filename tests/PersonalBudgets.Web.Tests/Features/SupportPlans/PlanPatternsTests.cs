using System.Net;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;
using static PersonalBudgets.Web.Tests.Features.SupportPlans.PlanArrange;

namespace PersonalBudgets.Web.Tests.Features.SupportPlans;

/// <summary>
/// The plan's pages as the GOV.UK Design System has them: no answer chosen for the person, the error summary in the
/// order of the page, "add another" for outcomes, the task list's statuses, and tables that fit a narrow screen.
/// </summary>
public sealed class PlanPatternsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Funding_SignificantRiskIsNotPreselected_AndMustBeAnswered_BeforeThePlanCanBeSubmitted(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var funding = await nurse.GetAsync($"/Plans/{planId}/Funding");
        funding.Document.QuerySelectorAll("input[name=SignificantRisk]").Length.ShouldBe(2);
        funding.Document.QuerySelectorAll("input[name=SignificantRisk][checked]").ShouldBeEmpty();

        var unanswered = await nurse.SubmitAsync(funding, ("AssessedContributionWeekly", "-1"), ("NhsShareWeekly", "0"));
        unanswered.Status.ShouldBe(HttpStatusCode.BadRequest);
        // In the order of the fields on the page: the contribution first, the risk question last.
        unanswered.ErrorSummary.ShouldBe(["The weekly contribution cannot be negative", "Select whether the plan has significant risks"]);
        unanswered.FieldError("SignificantRisk").ShouldBe("Select whether the plan has significant risks");
        unanswered.Document.QuerySelector(".govuk-error-summary__list a[href='#SignificantRisk']").ShouldNotBeNull();
        (await app.PlanAsync(provider, planId)).SignificantRisk.ShouldBeNull();

        var overview = await nurse.GetAsync($"/Plans/{planId}");
        overview.Document.GetElementById("task-funding-status").ShouldNotBeNull().TextContent.ShouldBe("Incomplete");

        await app.CompleteAsync(provider, planId, ready.IndicativeWeekly, significantRisk: null);
        var submit = await nurse.GetAsync($"/Plans/{planId}/Submit");
        submit.BodyText.ShouldContain("Whether the plan has significant risks is not answered yet");

        var yes = await nurse.SubmitAsync(await nurse.GetAsync($"/Plans/{planId}/Funding"), ("AssessedContributionWeekly", "0"), ("NhsShareWeekly", "0"), ("SignificantRisk", "true"));
        yes.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", yes.ErrorSummary));
        (await app.PlanAsync(provider, planId)).SignificantRisk.ShouldBe(true);
        (await nurse.GetAsync($"/Plans/{planId}/Funding")).Document.QuerySelector("input[name=SignificantRisk][value=true]")!.HasAttribute("checked").ShouldBeTrue();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Outcomes_AddAnother_AddsOneLineAtATime_WithoutSaving_AndWithoutJavaScript(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var first = await nurse.GetAsync($"/Plans/{planId}/Outcomes");
        first.Document.QuerySelectorAll("input[name^='Outcomes[']").Length.ShouldBe(1);
        first.Document.QuerySelector("button[name=AddAnother]").ShouldNotBeNull().TextContent.ShouldBe("Add another outcome");

        var two = await nurse.SubmitAsync(first, ("Outcomes[0]", "Go swimming"), ("AddAnother", "true"));
        two.Status.ShouldBe(HttpStatusCode.OK);
        two.Document.QuerySelectorAll("input[name^='Outcomes[']").Select(i => i.GetAttribute("value") ?? "").ShouldBe(["Go swimming", ""]);
        (await app.PlanAsync(provider, planId)).Outcomes.ShouldBeEmpty();

        var three = await nurse.SubmitAsync(two, ("Outcomes[1]", "Cook for my friends"), ("AddAnother", "true"));
        three.Document.QuerySelectorAll("input[name^='Outcomes[']").Select(i => i.GetAttribute("value") ?? "").ShouldBe(["Go swimming", "Cook for my friends", ""]);
        three.Document.GetElementById("Outcomes_2_").ShouldNotBeNull();

        var saved = await nurse.SubmitAsync(three, ("WrittenBy", nameof(PlanContributor.Person)), ("AddAnother", null));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        (await app.PlanAsync(provider, planId)).Outcomes.OrderBy(o => o.Order).Select(o => o.Text).ShouldBe(["Go swimming", "Cook for my friends"]);
        (await nurse.GetAsync($"/Plans/{planId}/Outcomes")).Document.QuerySelectorAll("input[name^='Outcomes[']").Length.ShouldBe(2);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TaskList_ShowsCompletedAsText_NotYetStartedAndIncompleteAsBlueTags_AndCannotSubmitYetAsGreyText(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var section = await nurse.GetAsync($"/Plans/{planId}/Sections/AboutMe");
        (await nurse.SubmitAsync(section, ("Text", "I like swimming"), ("WrittenBy", nameof(PlanContributor.Person)))).Status.ShouldBe(HttpStatusCode.Redirect);

        var overview = await nurse.GetAsync($"/Plans/{planId}");

        var done = overview.Document.GetElementById("task-about-me-status").ShouldNotBeNull();
        done.TextContent.ShouldBe("Completed");
        done.QuerySelector(".govuk-tag").ShouldBeNull();
        var notStarted = overview.Document.GetElementById("task-what-matters-status").ShouldNotBeNull();
        notStarted.QuerySelector(".govuk-tag.govuk-tag--blue").ShouldNotBeNull().TextContent.ShouldBe("Not yet started");
        overview.Document.GetElementById("task-funding-status").ShouldNotBeNull().QuerySelector(".govuk-tag.govuk-tag--blue").ShouldNotBeNull().TextContent.ShouldBe("Incomplete");
        var submit = overview.Document.GetElementById("task-submit-status").ShouldNotBeNull();
        submit.TextContent.ShouldBe("Cannot submit yet");
        submit.QuerySelector(".govuk-tag").ShouldBeNull();
        submit.ClassList.ShouldContain("govuk-task-list__status--cannot-start-yet");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Tables_LabelEveryCellWithItsColumn_SoTheyStackOnANarrowScreen(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var form = await manager.GetAsync("/People");
        var people = await manager.FollowAsync(await manager.SubmitAsync(form, ("Query", person.PersonIdentifier)));

        var table = people.Document.QuerySelector("main table.govuk-table").ShouldNotBeNull();
        table.ClassList.ShouldContain("app-table--stack");
        var headers = table.QuerySelectorAll("thead th").Select(HtmlPage.Text).ToList();
        headers.Count.ShouldBeGreaterThanOrEqualTo(3);
        var row = table.QuerySelectorAll("tbody tr").ShouldHaveSingleItem();
        row.Children.Select(c => c.GetAttribute("data-label") ?? "").ShouldBe(headers);
    }
}
