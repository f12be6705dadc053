using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Budgets;

/// <summary>Before publishing, the draft is compared with the version in force; a draft can be deleted, after confirming, in the audit trail.</summary>
public sealed class RasCheckAndDeleteTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Admin = "admin@northmoor.example";

    private static async Task<HtmlPage> NewDraftAsync(Browser admin, string name)
    {
        var index = await admin.GetAsync("/Admin/Ras");
        var created = await admin.SubmitAsync(index, ("Name", name));
        created.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", created.ErrorSummary));
        return await admin.FollowAsync(created);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PublishPage_ComparesTheDraftWithTheVersionInForce_ThenADraftIsDeletedAfterConfirming_AndAudited(DatabaseProvider provider)
    {
        var published = await app.PublishedRasAsync(provider);
        using var admin = await app.SignedInAsync(provider, Admin);
        var draft = await NewDraftAsync(admin, "Recalibrated, to be thrown away");
        var draftUrl = draft.Url;
        var draftId = Guid.Parse(draftUrl.Split('/')[^1]);

        // Unchanged, the check says so.
        var check = await admin.GetAsync($"{draftUrl}/Publish");
        check.Status.ShouldBe(HttpStatusCode.OK);
        check.Heading.ShouldStartWith("Check and publish version");
        HtmlPage.Text(check.Document.GetElementById("no-differences")).ShouldStartWith($"This draft is the same as version {published.Number}");

        var conversion = await admin.GetAsync($"{draftUrl}/Conversion");
        var saved = await admin.SubmitAsync(conversion, ("PricePerPoint", "9.00"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        check = await admin.GetAsync($"{draftUrl}/Publish");
        var before = published.Definition.Conversion.PricePerPoint is { } p ? UkFormat.Money(p) : "None: bands only";
        check.TableRows("#differences").ShouldBe([["Price per point", before, "£9.00"]]);

        // Delete: the draft's page links to a confirmation; "No" keeps it.
        draft = await admin.GetAsync(draftUrl);
        var link = draft.Document.QuerySelectorAll("main a").Single(a => HtmlPage.Text(a) == "Delete this draft");
        var confirm = await admin.GetAsync(link.GetAttribute("href")!);
        confirm.Status.ShouldBe(HttpStatusCode.OK);
        confirm.Heading.ShouldStartWith("Are you sure you want to delete draft version");
        confirm.Document.QuerySelectorAll("main a").Single(a => HtmlPage.Text(a) == "No, keep it").GetAttribute("href").ShouldBe(draftUrl);
        (await app.QueryAsync(provider, db => db.RasVersions.AnyAsync(v => v.Id == draftId))).ShouldBeTrue();

        var deleted = await admin.SubmitAsync(confirm);
        deleted.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", deleted.ErrorSummary));
        deleted.Location.ShouldBe("/Admin/Ras");
        var list = await admin.FollowAsync(deleted);
        list.BodyText.ShouldContain("Draft version");
        list.BodyText.ShouldContain("deleted");
        list.TableRows().ShouldNotContain(r => r[2] == "Draft");
        (await app.QueryAsync(provider, db => db.RasVersions.AnyAsync(v => v.Id == draftId))).ShouldBeFalse();
        var entry = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.RecordId == draftId.ToString() && e.Action == AuditAction.DraftDeleted));
        entry.Summary.ShouldNotBeNull().ShouldContain("Recalibrated, to be thrown away");
        (await admin.GetAsync(draftUrl)).Status.ShouldBe(HttpStatusCode.NotFound);

        // The published version cannot be deleted; the published one is untouched.
        (await admin.GetAsync($"/Admin/Ras/{published.Id}/Delete")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.PublishedRasAsync(provider)).Id.ShouldBe(published.Id);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task DeleteDraft_FromAnOutOfDatePage_Is409_AndTheDraftIsKept(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, Admin);
        var draft = await NewDraftAsync(admin, "Changed meanwhile");
        var draftId = Guid.Parse(draft.Url.Split('/')[^1]);
        var confirm = await admin.GetAsync($"{draft.Url}/Delete");
        (await admin.SubmitAsync(await admin.GetAsync($"{draft.Url}/Conversion"), ("PricePerPoint", "7.00"))).Status.ShouldBe(HttpStatusCode.Redirect);

        var stale = await admin.SubmitAsync(confirm);

        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        (await app.QueryAsync(provider, db => db.RasVersions.AnyAsync(v => v.Id == draftId))).ShouldBeTrue();
        var fresh = await admin.SubmitAsync(await admin.GetAsync($"{draft.Url}/Delete"));
        fresh.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", fresh.ErrorSummary));
        (await app.QueryAsync(provider, db => db.RasVersions.AnyAsync(v => v.Id == draftId))).ShouldBeFalse();
    }
}
