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

/// <summary>The costed elements and risks of a plan, changed and removed through their pages.</summary>
public sealed class PlanElementsAndRisksTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ElementsAndRisks_AreChangedAndRemovedThroughTheirPages_WithAConfirmPageToRemove(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
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
}
