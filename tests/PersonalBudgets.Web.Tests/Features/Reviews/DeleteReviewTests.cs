using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reviews;

/// <summary>A review in progress can be deleted after confirming: the budget is in place again, due as before; a completed review is kept.</summary>
public sealed class DeleteReviewTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => ReviewArrange.Today;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReviewInProgress_IsDeletedAfterConfirming_ThePathwayIsBackAtBudgetInPlaceDueAsBefore_AndItIsAudited(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-3), budgetStart: Today.AddDays(-60));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var reviewId = await nurse.StartScheduledAsync(person.Id);
        await nurse.RecordFindingsAsync(reviewId);
        (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull().Stage.ShouldBe(PathwayStage.Review);

        var taskList = await nurse.GetAsync($"/Reviews/{reviewId}");
        var link = taskList.Document.QuerySelectorAll("main a").Single(a => HtmlPage.Text(a) == "Delete this review");
        var confirm = await nurse.GetAsync(link.GetAttribute("href")!);
        confirm.Status.ShouldBe(HttpStatusCode.OK);
        confirm.Heading.ShouldBe("Are you sure you want to delete this review?");
        confirm.Document.QuerySelectorAll("main a").Single(a => HtmlPage.Text(a) == "No, keep it").GetAttribute("href").ShouldBe($"/Reviews/{reviewId}");

        var deleted = await nurse.SubmitAsync(confirm);

        deleted.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", deleted.ErrorSummary));
        deleted.Location.ShouldBe($"/People/{person.Id}/Reviews");
        (await nurse.FollowAsync(deleted)).BodyText.ShouldContain("in progress was deleted");
        (await app.QueryAsync(provider, db => db.Reviews.AnyAsync(r => r.Id == reviewId))).ShouldBeFalse();
        var step = (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull();
        step.Stage.ShouldBe(PathwayStage.BudgetInPlace);
        step.DueDate.ShouldBe(scenario.ReviewDue);
        step.SubjectId.ShouldBe(scenario.BudgetId);
        (await app.QueryAsync(provider, db => db.PathwaySteps.AnyAsync(s => s.SubjectId == reviewId))).ShouldBeFalse();
        var entry = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.RecordId == reviewId.ToString() && e.Action == AuditAction.DraftDeleted));
        entry.PersonId.ShouldBe(person.Id);

        // The review can be started again.
        var again = await nurse.StartScheduledAsync(person.Id);
        again.ShouldNotBe(reviewId);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CompletedReview_CannotBeDeleted(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-1), budgetStart: Today.AddDays(-60));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var reviewId = await nurse.StartScheduledAsync(person.Id);
        await nurse.RecordFindingsAsync(reviewId);
        await nurse.RecordOutcomesAsync(reviewId, scenario);
        var confirm = await nurse.GetAsync($"/Reviews/{reviewId}/Delete");
        (await nurse.DecideAsync(reviewId, nameof(ReviewDecision.Continue))).Status.ShouldBe(HttpStatusCode.Redirect);

        (await nurse.GetAsync($"/Reviews/{reviewId}")).Document.QuerySelectorAll("main a").ShouldNotContain(a => HtmlPage.Text(a) == "Delete this review");
        var page = await nurse.GetAsync($"/Reviews/{reviewId}/Delete");
        page.Heading.ShouldBe("This review cannot be deleted");
        page.Document.QuerySelector("main form[method=post]").ShouldBeNull();
        var late = await nurse.SubmitAsync(confirm);
        late.Status.ShouldBe(HttpStatusCode.Conflict);
        (await app.QueryAsync(provider, db => db.Reviews.AnyAsync(r => r.Id == reviewId))).ShouldBeTrue();
    }
}
