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

/// <summary>Writing a plan through its question pages: validation, funding rules, conflicts and a submitted plan.</summary>
public sealed class PlanQuestionPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task QuestionPages_WithBadInput_Are400WithClearMessages_AndKeepWhatWasEntered(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
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
        outcomes.Document.QuerySelectorAll("input[name^='Outcomes[']").Length.ShouldBe(1);
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
        var person = await app.NewNorthPersonAsync(provider);
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
        var person = await app.NewNorthPersonAsync(provider);
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
    public async Task ChangingASubmittedPlan_IsRefusedWithAClearMessage_AndKeepsTheEntry(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
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
}
