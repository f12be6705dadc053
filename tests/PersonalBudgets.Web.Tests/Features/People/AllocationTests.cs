using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

public sealed class AllocationTests(AppFixture app) : IClassFixture<AppFixture>
{

    private Task<(Guid? KeyWorkerId, int Version)> StateAsync(DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, async db => await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new ValueTuple<Guid?, int>(p.KeyWorkerId, p.Version)).SingleAsync());

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_ByTeamManager_AllocatesAKeyWorkerAndHistoryShowsIt(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).WithoutKeyWorker().CreateAsync();
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var form = await manager.GetAsync($"/People/{person.Id}/Allocation");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.SummaryValue("Key worker").ShouldBe("No key worker yet");
        var nurseOption = form.Document.QuerySelectorAll("select#KeyWorkerId option")
            .Single(o => o.TextContent.StartsWith(DemoAccounts.NorthNurseName, StringComparison.Ordinal));

        var redirect = await manager.SubmitAsync(form, ("KeyWorkerId", nurseOption.GetAttribute("value")));

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        redirect.Location.ShouldBe($"/People/{person.Id}/Allocation");
        var allocation = await manager.FollowAsync(redirect);
        allocation.BodyText.ShouldContain("Allocation updated");
        allocation.SummaryValue("Key worker").ShouldBe($"{DemoAccounts.NorthNurseName} (Nurse)");
        allocation.TableRows().ShouldContain(r => r[1] == $"{DemoAccounts.NorthNurseName} became key worker" && r[2] == "Helen Marsh");

        var history = await manager.GetAsync($"/People/{person.Id}/History");
        var entry = history.TableRows().Where(r => r[2] == "Changed allocation").ShouldHaveSingleItem();
        entry[1].ShouldBe("Helen Marsh");
        entry[3].ShouldContain($"Key worker: (blank) to {DemoAccounts.NorthNurseName}");

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var home = await nurse.GetAsync("/");
        home.Document.QuerySelector($"#home-people a[href^='/People/{person.Id}?']").ShouldNotBeNull("the person is on the new key worker's home page");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_ByPractitioner_ShowsNoAllocationForm(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).WithoutKeyWorker().CreateAsync();
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var page = await nurse.GetAsync($"/People/{person.Id}/Allocation");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("main form[method=post]").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_ByPractitioner_IsForbiddenAndChangesNothing(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).WithoutKeyWorker().CreateAsync();
        var before = await StateAsync(provider, person.Id);
        var nurseId = await app.QueryAsync(provider, db => db.Users.Where(u => u.Email == DemoAccounts.NorthNurse).Select(u => u.Id).SingleAsync());
        var northId = await app.QueryAsync(provider, db => db.Teams.Where(t => t.Name == DemoDataSeeder.NorthTeam).Select(t => t.Id).SingleAsync());
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var page = await nurse.GetAsync($"/People/{person.Id}/Allocation");
        // A valid token for this user, from the sign-out form on every page.
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await nurse.PostAsync($"/People/{person.Id}/Allocation",
        [
            new("__RequestVerificationToken", token),
            new("TeamIds", northId.ToString()),
            new("KeyWorkerId", nurseId.ToString()),
            new("Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);

        response.IsRedirect.ShouldBeTrue($"expected the access-denied redirect, got {(int)response.Status}");
        response.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        (await nurse.FollowAsync(response)).Heading.ShouldBe("You do not have permission to see this page");
        (await StateAsync(provider, person.Id)).ShouldBe(before);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithoutAntiforgeryToken_Is400AndChangesNothing(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).WithoutKeyWorker().CreateAsync();
        var before = await StateAsync(provider, person.Id);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var form = await manager.GetAsync($"/People/{person.Id}/Allocation");
        var nurseOption = form.Document.QuerySelectorAll("select#KeyWorkerId option")
            .Single(o => o.TextContent.StartsWith(DemoAccounts.NorthNurseName, StringComparison.Ordinal));

        var page = await manager.SubmitAsync(form, ("KeyWorkerId", nurseOption.GetAttribute("value")), ("__RequestVerificationToken", null));

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Heading.ShouldBe("There is a problem");
        (await StateAsync(provider, person.Id)).ShouldBe(before);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_ReplacingAKeyWorkerWithoutReason_Is400WithError(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var before = await StateAsync(provider, person.Id);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var form = await manager.GetAsync($"/People/{person.Id}/Allocation");
        var other = form.Document.QuerySelectorAll("select#KeyWorkerId option")
            .First(o => o.GetAttribute("value") is { Length: > 0 } v && v != person.KeyWorkerId.ToString() && o.TextContent.Contains("North", StringComparison.Ordinal));

        var page = await manager.SubmitAsync(form, ("KeyWorkerId", other.GetAttribute("value")), ("Reason", ""));

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Enter the reason for the reallocation"]);
        (await StateAsync(provider, person.Id)).ShouldBe(before);
    }
}
