using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Admin;

/// <summary>The audit trail as an administrator searches it, break-glass review, and that entries cannot be changed.</summary>
public sealed class AuditTrailTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Administrator = "admin@northmoor.example";
    private const string AdministratorName = "Chris Taylor";
    private const string Psychologist = DemoAccounts.NorthPsychologist;
    private const string PsychologistName = "Ben Adeyemi";

    // Columns of the results table.
    private const int When = 0, Who = 1, Action = 2, Record = 3, Summary = 4, Reason = 5;



    /// <summary>The North nurse opens a South-only person's record with break-glass access, giving a reason.</summary>
    private async Task BreakGlassAsync(DatabaseProvider provider, TestPerson person, string reason)
    {
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync($"/People/{person.Id}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        var form = await nurse.GetAsync($"/People/{person.Id}/BreakGlass");
        var redirect = await nurse.SubmitAsync(form, ("Reason", reason));
        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        (await nurse.FollowAsync(redirect)).Heading.ShouldBe(person.DisplayName);
    }

    private static string Token(HtmlPage page) =>
        page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {page.Url}.");

    private sealed record EntrySnapshot(long Id, DateTimeOffset OccurredAt, Guid? UserId, string UserName, AuditAction Action, string RecordType,
        string? RecordId, Guid? PersonId, string? Changes, string? Summary, string? Reason, bool IsBreakGlass);

    private Task<List<EntrySnapshot>> AllEntriesAsync(DatabaseProvider provider) => app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
        .OrderBy(a => a.Id)
        .Select(a => new EntrySnapshot(a.Id, a.OccurredAt, a.UserId, a.UserName, a.Action, a.RecordType, a.RecordId, a.PersonId, a.Changes, a.Summary, a.Reason, a.IsBreakGlass))
        .ToListAsync());

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_AfterAPractitionerViewsAPerson_SearchShowsWhoWhenAndTheRecord(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using (var psychologist = await app.SignedInAsync(provider, Psychologist))
        {
            (await psychologist.GetAsync($"/People/{person.Id}")).Status.ShouldBe(HttpStatusCode.OK);
        }

        var idText = person.Id.ToString();
        var viewedAt = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Viewed && a.RecordId == idText && a.UserName == PsychologistName)
            .Select(a => a.OccurredAt).SingleAsync());
        using var admin = await app.SignedInAsync(provider, Administrator);

        foreach (var query in new[] { "Action=Viewed", "UserName=adeyemi", "UserName=Adeyemi&Action=Viewed" })
        {
            var page = await admin.GetAsync($"/Admin/Audit?{query}");

            page.Status.ShouldBe(HttpStatusCode.OK, query);
            page.Heading.ShouldBe("Audit trail");
            var rows = page.TableRows();
            var entry = rows.Where(r => r[Record].Contains(idText, StringComparison.Ordinal) && r[Action] == "Viewed record").ShouldHaveSingleItem(query);
            entry[Who].ShouldBe(PsychologistName);
            entry[When].ShouldBe(UkFormat.DateTime(viewedAt));
            entry[Record].ShouldBe($"Person {idText}");
            page.Document.QuerySelector($"tbody a[href='/People/{idText}']").ShouldNotBeNull(query);
            if (query.Contains("UserName", StringComparison.Ordinal))
            {
                rows.ShouldAllBe(r => r[Who] == PsychologistName);
            }

            if (query.Contains("Action", StringComparison.Ordinal))
            {
                rows.ShouldAllBe(r => r[Action].StartsWith("Viewed record", StringComparison.Ordinal));
            }
        }

        // The search itself is recorded, without the values searched for.
        var searched = await admin.GetAsync("/Admin/Audit?Action=AuditViewed&UserName=Taylor");
        searched.TableRows().ShouldContain(r => r[Who] == AdministratorName && r[Summary] == "Searched the audit trail by user name, action Viewed record, page 1");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_WithInvalidDates_Is400WithErrorsAndNoResults(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, Administrator);
        var cases = new (string Query, string Field, string Message)[]
        {
            ("From.Day=31&From.Month=2&From.Year=2026", "From", "From date must be a real date"),
            ("To.Day=1&To.Year=2026", "To", "To date must include a month"),
            ("From.Day=10&From.Month=3&From.Year=2026&To.Day=9&To.Month=3&To.Year=2026", "To", "The ‘to’ date must be the same as or after the ‘from’ date"),
        };

        foreach (var (query, field, message) in cases)
        {
            var page = await admin.GetAsync($"/Admin/Audit?{query}");

            page.Status.ShouldBe(HttpStatusCode.BadRequest, query);
            page.ErrorSummary.ShouldBe([message], query);
            page.FieldError(field).ShouldBe(message, query);
            page.Document.QuerySelector("table").ShouldBeNull(query);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_BreakGlassOnly_ShowsOnlyBreakGlassEntries(DatabaseProvider provider)
    {
        var person = await app.NewSouthPersonAsync(provider);
        var ordinary = await app.NewNorthPersonAsync(provider);
        const string reason = "Person arrived in crisis at the north team base";
        await BreakGlassAsync(provider, person, reason);
        using (var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse))
        {
            (await nurse.GetAsync($"/People/{ordinary.Id}")).Status.ShouldBe(HttpStatusCode.OK);
        }

        var breakGlassEntries = await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.IsBreakGlass));
        using var admin = await app.SignedInAsync(provider, Administrator);

        var page = await admin.GetAsync("/Admin/Audit?BreakGlassOnly=true");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("#results")!.TextContent.ShouldBe(breakGlassEntries == 1 ? "1 entry" : $"{breakGlassEntries} entries");
        var rows = page.TableRows();
        rows.Count.ShouldBe(breakGlassEntries);
        rows.ShouldAllBe(r => r[Action].EndsWith("Break-glass", StringComparison.Ordinal));
        var grant = rows.Where(r => r[Action].StartsWith("Break-glass access", StringComparison.Ordinal) && r[Record].Contains(person.Id.ToString(), StringComparison.Ordinal))
            .ShouldHaveSingleItem();
        grant[Who].ShouldBe(DemoAccounts.NorthNurseName);
        grant[Reason].ShouldBe(reason);
        rows.ShouldContain(r => r[Action].StartsWith("Viewed record", StringComparison.Ordinal) && r[Record].Contains(person.Id.ToString(), StringComparison.Ordinal));
        rows.ShouldNotContain(r => r[Record].Contains(ordinary.Id.ToString(), StringComparison.Ordinal));

        // Without the filter the ordinary view is there too.
        (await admin.GetAsync("/Admin/Audit?UserName=Shah")).TableRows()
            .ShouldContain(r => r[Action] == "Viewed record" && r[Record].Contains(ordinary.Id.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PostReview_MovesTheGrantToReviewedAndIsAudited(DatabaseProvider provider)
    {
        var person = await app.NewSouthPersonAsync(provider);
        var reason = $"Crisis call to the north duty line, ref {Guid.NewGuid():N}"[..48];
        await BreakGlassAsync(provider, person, reason);
        var grantId = await app.QueryAsync(provider, db => db.BreakGlassGrants.Where(g => g.PersonId == person.Id).Select(g => g.Id).SingleAsync());
        using var admin = await app.SignedInAsync(provider, Administrator);

        var overview = await admin.GetAsync("/Admin/BreakGlass");

        overview.Status.ShouldBe(HttpStatusCode.OK);
        overview.Heading.ShouldBe("Review break-glass access");
        var section = $"section[aria-labelledby='grant-{grantId}']";
        var grant = overview.Document.QuerySelector(section).ShouldNotBeNull();
        string? Row(string key) => grant.QuerySelectorAll(".govuk-summary-list__row")
            .Where(r => HtmlPage.Text(r.QuerySelector(".govuk-summary-list__key")) == key)
            .Select(r => HtmlPage.Text(r.QuerySelector(".govuk-summary-list__value"))).SingleOrDefault();
        Row("Who").ShouldBe(DemoAccounts.NorthNurseName);
        Row("Person").ShouldBe($"{person.PersonIdentifier} (council person identifier)");
        Row("Reason given").ShouldBe(reason);
        Row("Status").ShouldBe("Active");

        var redirect = await admin.SubmitAsync(overview, [new($"Notes[{grantId}]", "Confirmed with the team manager")], $"{section} form");

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        var after = await admin.FollowAsync(redirect);
        after.BodyText.ShouldContain("Break-glass access marked as reviewed");
        after.Document.QuerySelector(section).ShouldBeNull();
        var reviewed = after.TableRows().Where(r => r[1] == person.PersonIdentifier).ShouldHaveSingleItem();
        reviewed[0].ShouldBe(DemoAccounts.NorthNurseName);
        reviewed[2].ShouldBe(reason);
        reviewed[5].ShouldEndWith($"by {AdministratorName}");
        reviewed[6].ShouldBe("Confirmed with the team manager");

        var audit = await admin.GetAsync("/Admin/Audit?Action=BreakGlassReviewed");
        var entry = audit.TableRows().Where(r => r[Record].Contains(grantId.ToString(), StringComparison.Ordinal)).ShouldHaveSingleItem();
        entry[Who].ShouldBe(AdministratorName);
        entry[Action].ShouldBe("Reviewed break-glass access");
        entry[Summary].ShouldStartWith($"Reviewed break-glass access by {DemoAccounts.NorthNurseName} on ");
        entry[Reason].ShouldBe("Confirmed with the team manager");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AuditTrail_OffersNoWayToChangeOrDeleteEntries(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, Administrator);
        var page = await admin.GetAsync("/Admin/Audit");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.TableRows().ShouldNotBeEmpty();
        page.Document.QuerySelectorAll("main form").ShouldNotBeEmpty();
        page.Document.QuerySelectorAll("main form").ShouldAllBe(f => (f.GetAttribute("method") ?? "get").Equals("get", StringComparison.OrdinalIgnoreCase));
        page.Document.QuerySelectorAll("main a, main button").ShouldNotContain(e =>
            e.TextContent.Contains("Delete", StringComparison.OrdinalIgnoreCase) || e.TextContent.Contains("Edit", StringComparison.OrdinalIgnoreCase));

        var before = await AllEntriesAsync(provider);
        var target = before[0];
        foreach (var handler in new[] { "", "?handler=Delete", "?handler=Edit", "?handler=Update" })
        {
            var response = await admin.PostAsync($"/Admin/Audit{handler}", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(page),
                ["id"] = target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Summary"] = "Tampered",
                ["UserName"] = "Someone else",
            });

            response.IsRedirect.ShouldBeFalse($"POST /Admin/Audit{handler}");
            response.Html.ShouldNotContain("Tampered");
        }

        (await AllEntriesAsync(provider)).ShouldBe(before);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task DbContext_RefusesToSaveAChangedOrDeletedAuditEntry(DatabaseProvider provider)
    {
        using (await app.SignedInAsync(provider, DemoAccounts.NorthNurse))
        {
            // Signing in writes an entry to work on.
        }

        var original = (await AllEntriesAsync(provider))[^1];

        await app.QueryAsync(provider, async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == original.Id);
            entry.Summary = "Tampered";
            entry.UserName = "Someone else";
            var changed = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            changed.Message.ShouldContain("append-only");
            Should.Throw<InvalidOperationException>(() => db.SaveChanges());
            return 0;
        });

        await app.QueryAsync(provider, async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == original.Id));
            var deleted = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            deleted.Message.ShouldContain("append-only");
            Should.Throw<InvalidOperationException>(() => db.SaveChanges());
            return 0;
        });

        (await AllEntriesAsync(provider)).ShouldContain(original);
    }
}
