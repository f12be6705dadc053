using System.Net;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

/// <summary>The legitimate relationship rule, and break-glass access for emergencies.</summary>
public sealed class RecordAccessTests(AppFixture app) : IClassFixture<AppFixture>
{

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_PersonOutsideTheirTeams_Is403AndOffersBreakGlass(DatabaseProvider provider)
    {
        var person = await app.NewSouthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        foreach (var url in new[] { $"/People/{person.Id}", $"/People/{person.Id}/History", $"/People/{person.Id}/Allocation", $"/People/{person.Id}/Edit" })
        {
            var page = await browser.GetAsync(url);

            page.Status.ShouldBe(HttpStatusCode.Forbidden, url);
            page.Heading.ShouldBe("You do not have access to this record", url);
            page.BodyText.ShouldNotContain(person.DisplayName);
            page.Document.QuerySelector($"a[href='/People/{person.Id}/BreakGlass']").ShouldNotBeNull(url);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_PersonInTheirTeam_Is200(DatabaseProvider provider)
    {
        var person = await app.NewSouthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        var page = await browser.GetAsync($"/People/{person.Id}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Heading.ShouldBe(person.DisplayName);
        page.SummaryValue("Council person identifier").ShouldBe(person.PersonIdentifier);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PostBreakGlass_WithoutReason_Is400WithErrorAndGrantsNothing(DatabaseProvider provider)
    {
        var person = await app.NewSouthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync($"/People/{person.Id}/BreakGlass");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Heading.ShouldBe("Use break-glass access");

        foreach (var reason in new[] { "", "Too short" })
        {
            var page = await browser.SubmitAsync(form, ("Reason", reason));

            page.Status.ShouldBe(HttpStatusCode.BadRequest);
            page.ErrorSummary.ShouldBe(["Enter the reason you need access to this record, in at least 10 characters"]);
            page.FieldError("Reason").ShouldBe("Enter the reason you need access to this record, in at least 10 characters");
            page.Document.QuerySelector("textarea#Reason")!.TextContent.ShouldBe(reason);
        }

        (await browser.GetAsync($"/People/{person.Id}")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PostBreakGlass_WithReason_OpensTheRecordAndHistoryShowsIt(DatabaseProvider provider)
    {
        var person = await app.NewSouthPersonAsync(provider);
        const string reason = "Person arrived in crisis at the north team base";
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var refused = await browser.GetAsync($"/People/{person.Id}");
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);

        var form = await browser.GetAsync(refused.Document.QuerySelector($"a[href='/People/{person.Id}/BreakGlass']")!.GetAttribute("href")!);
        var redirect = await browser.SubmitAsync(form, ("Reason", reason));

        redirect.Status.ShouldBe(HttpStatusCode.Redirect);
        redirect.Location.ShouldBe($"/People/{person.Id}");
        var record = await browser.FollowAsync(redirect);
        record.Status.ShouldBe(HttpStatusCode.OK);
        record.Heading.ShouldBe(person.DisplayName);
        record.BodyText.ShouldContain("You are using break-glass access to this record.");

        var history = await browser.GetAsync($"/People/{person.Id}/History");
        history.Status.ShouldBe(HttpStatusCode.OK);
        var grant = history.TableRows().Where(r => r[2].StartsWith("Break-glass access", StringComparison.Ordinal)).ShouldHaveSingleItem();
        grant[1].ShouldBe(DemoAccounts.NorthNurseName);
        grant[2].ShouldContain("Break-glass");
        grant[3].ShouldContain($"Reason: {reason}");

        // Another practitioner in the same team has no grant of their own.
        using var colleague = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        (await colleague.GetAsync($"/People/{person.Id}")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}
