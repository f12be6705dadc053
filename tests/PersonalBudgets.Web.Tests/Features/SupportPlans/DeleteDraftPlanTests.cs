using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Approvals;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.SupportPlans;

/// <summary>A draft plan never sent for approval can be deleted after confirming, in the person's history; anything submitted is kept.</summary>
public sealed class DeleteDraftPlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task DraftPlan_IsDeletedAfterConfirming_ThePathwayStepLetsGoOfIt_AndTheDeletionIsAudited(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var overview = await nurse.GetAsync($"/Plans/{planId}");
        var link = overview.Document.QuerySelectorAll("main a").Single(a => HtmlPage.Text(a) == "Delete this draft");
        link.GetAttribute("href").ShouldBe($"/Plans/{planId}/Delete");
        var confirm = await nurse.GetAsync(link.GetAttribute("href")!);
        confirm.Status.ShouldBe(HttpStatusCode.OK);
        confirm.Heading.ShouldBe("Are you sure you want to delete this draft?");
        confirm.Document.QuerySelectorAll("main a").Single(a => HtmlPage.Text(a) == "No, keep it").GetAttribute("href").ShouldBe($"/Plans/{planId}");
        (await app.QueryAsync(provider, db => db.SupportPlans.AnyAsync(p => p.Id == planId))).ShouldBeTrue();

        var deleted = await nurse.SubmitAsync(confirm);

        deleted.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", deleted.ErrorSummary));
        deleted.Location.ShouldBe($"/People/{person.Id}/Plans");
        (await nurse.FollowAsync(deleted)).BodyText.ShouldContain("The draft of version 1 of the support plan was deleted");
        (await app.QueryAsync(provider, db => db.SupportPlans.AnyAsync(p => p.Id == planId))).ShouldBeFalse();
        var step = await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().SingleAsync(s => s.Id == ready.StepId));
        step.SubjectId.ShouldBeNull();
        step.CompletedAt.ShouldBeNull();
        var entry = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.RecordId == planId.ToString() && e.Action == AuditAction.DraftDeleted));
        entry.PersonId.ShouldBe(person.Id);
        entry.Summary.ShouldBe("Deleted the draft of version 1 of the support plan");
        (await nurse.GetAsync($"/Plans/{planId}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SubmittedOrDeclinedPlan_CannotBeDeleted_AndAFinanceOfficerCannotDeleteADraft(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var submitted = await app.SubmittedPlanAsync(provider, person.Id);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var page = await nurse.GetAsync($"/Plans/{submitted.PlanId}/Delete");
        page.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(page.Document.GetElementById("cannot-delete")).ShouldBe("This version of the plan is waiting for approval: only a draft can be deleted.");
        page.Document.QuerySelector("main form[method=post]").ShouldBeNull();
        var refused = await nurse.PostAsync($"/Plans/{submitted.PlanId}/Delete", [PlanArrange.Token(page), new("Revision", "1")]);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["This version of the plan is waiting for approval: only a draft can be deleted"]);

        // Declined: back to a draft, but kept with its decision.
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var decide = await manager.GetAsync($"/Approvals/{submitted.RequestId}");
        (await manager.SubmitAsync(decide, ("Outcome", "Declined"), ("Reasons", "Needs more detail"))).Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.PlanAsync(provider, submitted.PlanId)).Status.ShouldBe(PlanStatus.Draft);
        (await nurse.GetAsync($"/Plans/{submitted.PlanId}")).Document.QuerySelectorAll("main a").ShouldNotContain(a => HtmlPage.Text(a) == "Delete this draft");
        HtmlPage.Text((await nurse.GetAsync($"/Plans/{submitted.PlanId}/Delete")).Document.GetElementById("cannot-delete"))
            .ShouldStartWith("This draft was sent for approval before: it is kept with its decision");
        (await app.QueryAsync(provider, db => db.SupportPlans.AnyAsync(p => p.Id == submitted.PlanId))).ShouldBeTrue();

        var other = await app.NewNorthPersonAsync(provider);
        var draftId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, other.Id, pathway: false));
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        (await finance.GetAsync($"/Plans/{draftId}")).Document.QuerySelectorAll("main a").ShouldNotContain(a => HtmlPage.Text(a) == "Delete this draft");
        (await finance.GetAsync($"/Plans/{draftId}/Delete")).Status.ShouldBe(HttpStatusCode.Redirect);
    }
}
