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

/// <summary>Starting a support plan from the person's Support plan tab (the Start page).</summary>
public sealed class StartPlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Start_ForAnEligiblePersonWithAnIndicativeBudget_MakesADraftAttachedToTheSupportPlanningStep(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
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
            overview.Document.GetElementById($"task-need-{need}-status").ShouldNotBeNull().TextContent.ShouldBe("Not yet started");
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
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.ErrorSummary.ShouldBe(["Version 1 of the plan is a draft: continue that one."]);
        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().Where(a => a.PersonId == person.Id && a.RecordType == "SupportPlan").Select(a => a.Summary).ToListAsync());
        audit.ShouldContain("Viewed the support plans");
        audit.ShouldContain($"Support plan version 1 started: indicative amount £321.50 a week");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Start_WhenNotEligibleOrWithoutAnIndicativeBudget_ExplainsWhy_AndThePostIsRefused(DatabaseProvider provider)
    {
        var notEligible = await app.NewNorthPersonAsync(provider);
        var noBudget = await app.NewNorthPersonAsync(provider);
        var undecided = await app.NewNorthPersonAsync(provider);
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
}
