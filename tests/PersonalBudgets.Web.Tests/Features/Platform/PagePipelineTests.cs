using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// The one page pipeline (ADR 0010): what a form page answers when its input does not bind, the service refuses, or
/// someone else saved first, the same on every page. And the one save helper that turns a lost race into a conflict.
/// </summary>
public sealed class PagePipelineTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Admin = "admin@northmoor.example";

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PlanPage_WhenAnAnswerIsNotAnOption_Is400ByTheField_KeepsTheText_AndSavesNothing(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await nurse.GetAsync($"/Plans/{planId}/Sections/AboutMe");
        form.Status.ShouldBe(HttpStatusCode.OK);

        var refused = await nurse.SubmitAsync(form, ("Text", "I grew up by the sea"), ("WrittenBy", "SomebodyElse"));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["Select an option from the list"]);
        refused.Document.QuerySelector("#Text").ShouldNotBeNull().TextContent.ShouldBe("I grew up by the sea");
        refused.Heading.ShouldBe("About me");
        var saved = await nurse.GetAsync($"/Plans/{planId}/Sections/AboutMe");
        saved.Document.QuerySelector("#Text").ShouldNotBeNull().TextContent.ShouldBeEmpty("nothing was saved from a form that did not bind");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RasDraftPage_WhenTheDraftWasPublishedMeanwhile_Is400OnThePageWithTheMessage_AndKeepsWhatWasTyped(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, Admin);
        var index = await admin.GetAsync("/Admin/Ras");
        var created = await admin.SubmitAsync(index, ("Name", "Recalibrated"));
        created.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", created.ErrorSummary));
        var draftUrl = created.Location!;
        var staleForm = await admin.GetAsync($"{draftUrl}/Questions");
        var publish = await admin.GetAsync($"{draftUrl}/Publish");
        (await admin.SubmitAsync(publish)).Status.ShouldBe(HttpStatusCode.Redirect);
        var number = (await app.PublishedRasAsync(provider)).Number;

        var refused = await admin.SubmitAsync(staleForm, ("Text", "Does the person need help at night?"));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest, "a refusal on a draft is answered on its page, not on the error page");
        refused.ErrorSummary.ShouldBe([$"Version {number} is published and cannot be changed. Create a new draft from it"]);
        refused.Document.QuerySelector("#Text").ShouldNotBeNull().TextContent.ShouldBe("Does the person need help at night?");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SaveChangesOrConflict_WhenAUniqueIndexCatchesADuplicate_ThrowsTheConflictAndKeepsNothing(DatabaseProvider provider)
    {
        var (failure, conflict) = await app.QueryAsync(provider, async db =>
        {
            var published = await db.RasVersions.AsNoTracking().SingleAsync(v => v.Kind == RasKind.Adult && v.Status == RasVersionStatus.Published);
            db.RasVersions.Add(RasVersion.CreateDraft(published.Number, "Same number", published.Definition, isExample: false, new Actor(Guid.NewGuid(), "Test"), DateTimeOffset.UtcNow));
            SaveFailure? seen = null;
            var thrown = await Should.ThrowAsync<ConflictException>(() => db.SaveChangesOrConflictAsync((f, _) =>
            {
                seen = f;
                return Task.FromResult<Exception>(new ConflictException("duplicate", SaveChangesOrConflictExtensions.DuplicateMessage));
            }));
            db.ChangeTracker.Entries().ShouldBeEmpty("the loser's changes are not kept for a later save");
            return (seen, thrown);
        });

        failure.ShouldBe(SaveFailure.Duplicate, "the unique index's refusal is recognised on this database");
        conflict.Message.ShouldBe(SaveChangesOrConflictExtensions.DuplicateMessage);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SaveChangesOrConflict_WhenSomeoneSavedFirst_SaysWhoAndWhen(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        var conflict = await app.QueryAsync(provider, async first =>
        {
            var stale = await first.SupportPlans.SingleAsync(p => p.Id == planId);
            await app.QueryAsync(provider, async second =>
            {
                var plan = await second.SupportPlans.SingleAsync(p => p.Id == planId);
                plan.SetSection(Core.SupportPlans.PlanSection.AboutMe, "Saved first", Core.SupportPlans.PlanContributor.Person, plan.Revision, new Actor(Guid.NewGuid(), "Ada Example"), DateTimeOffset.UtcNow);
                await second.SaveChangesAsync();
                return 0;
            });
            stale.SetSection(Core.SupportPlans.PlanSection.AboutMe, "Saved second", Core.SupportPlans.PlanContributor.Person, stale.Revision, new Actor(Guid.NewGuid(), "Bo Example"), DateTimeOffset.UtcNow);
            return await Should.ThrowAsync<ConcurrencyConflictException>(() => first.SaveChangesOrConflictAsync(
                first.SupportPlans.Where(p => p.Id == planId).Select(p => new LastChange(p.UpdatedByName, p.UpdatedAt))));
        });

        conflict.ChangedBy.ShouldBe("Ada Example");
        conflict.Message.ShouldStartWith("This record was changed by Ada Example at ");
    }
}
