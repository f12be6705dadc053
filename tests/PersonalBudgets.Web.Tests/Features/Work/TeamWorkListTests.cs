using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>
/// Every count on Team work opens the list behind it, from which a manager moves the selected work or a member's whole
/// caseload of steps (someone off sick or leaving) to another member with a reason; the same over the API.
/// </summary>
public sealed class TeamWorkListTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => PathwayArrange.Today;

    /// <summary>A practitioner of the North team of the test's own, owning one open step for each of <paramref name="people"/> new North people.</summary>
    private async Task<(TestStaff Staff, List<Guid> Steps)> MemberWithWorkAsync(DatabaseProvider provider, int people)
    {
        var staff = await app.NewStaffAsync(provider);
        await app.QueryAsync(provider, async db =>
        {
            var north = await db.Teams.Where(t => t.Name == DemoTeams.North).Select(t => t.Id).SingleAsync();
            db.TeamMemberships.Add(new TeamMembership { TeamId = north, UserId = staff.Id });
            return await db.SaveChangesAsync();
        });
        var steps = new List<Guid>();
        for (var i = 0; i < people; i++)
        {
            var person = await app.NewNorthPersonAsync(provider);
            steps.Add(await app.OpenStepAsync(provider, person.Id, PathwayStage.SupportPlanning, Today.AddDays(i - 3), staff.Email));
        }

        return (staff, steps);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AMembersCountOpensTheirWork_AndAllOfItMovesToAnotherMemberWithAReason(DatabaseProvider provider)
    {
        var (leaver, steps) = await MemberWithWorkAsync(provider, 26);
        var socialWorkerId = await app.UserIdAsync(provider, DemoAccounts.NorthSocialWorker);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var team = await manager.GetAsync("/Work/Team");
        team.Status.ShouldBe(HttpStatusCode.OK);
        var row = team.Document.QuerySelectorAll("#by-member tbody tr").Single(r => HtmlPage.Text(r.QuerySelector("td")) == leaver.Name && r.InnerHtml.Contains(leaver.Id.ToString(), StringComparison.Ordinal));
        var cells = row.QuerySelectorAll("td").Select(HtmlPage.Text).ToList();
        TeamCounts.Parse(cells[1]).ShouldBe(26);
        TeamCounts.Parse(cells[2]).ShouldBe(3);
        var openLink = row.QuerySelectorAll("a")[0].GetAttribute("href").ShouldNotBeNull();
        openLink.ShouldBe($"/Work/Team/List?owner={leaver.Id}&due=open");
        HtmlPage.Text(row.QuerySelectorAll("a")[0]).ShouldBe($"26 open: {leaver.Name}");

        var list = await manager.GetAsync(openLink);
        list.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(list.Document.QuerySelector("h1")).ShouldBe($"Open work owned by {leaver.Name}");
        list.TableRows("#steps").Count.ShouldBe(25);
        list.TableRows("#steps").ShouldAllBe(r => r[3].StartsWith(leaver.Name, StringComparison.Ordinal));
        list.Document.QuerySelector("nav.govuk-pagination").ShouldNotBeNull();
        // The leaver is not offered their own work; the others show how much they own now.
        list.Document.QuerySelector($"#OwnerId option[value='{leaver.Id}']").ShouldBeNull();
        var options = list.Document.QuerySelectorAll("#OwnerId option").Select(o => o.TextContent).ToList();
        options.ShouldContain(o => o.StartsWith($"{DemoAccounts.NorthSocialWorkerName} (Social worker): ", StringComparison.Ordinal) && o.EndsWith(" open now", StringComparison.Ordinal));

        var token = list.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var allUrl = list.Document.QuerySelector("button[formaction]")!.GetAttribute("formaction")!;
        allUrl.ShouldContain("handler=All");
        var noReason = await manager.PostAsync(allUrl, [new("__RequestVerificationToken", token), new("OwnerId", socialWorkerId.ToString()), new("Reason", " ")]);
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.ErrorSummary.ShouldBe(["Enter why the work is being reallocated"]);
        (await OwnersAsync(provider, steps)).ShouldAllBe(o => o == leaver.Id);

        var moved = await manager.PostAsync(allUrl, [new("__RequestVerificationToken", token), new("OwnerId", socialWorkerId.ToString()), new("Reason", "Robin has left the team")]);
        moved.Status.ShouldBe(HttpStatusCode.Redirect);
        moved.Location.ShouldBe(openLink);
        (await OwnersAsync(provider, steps)).ShouldAllBe(o => o == socialWorkerId);
        var changes = await app.QueryAsync(provider, db => db.StepOwnerChanges.AsNoTracking().Where(c => steps.Contains(c.StepId)).ToListAsync());
        changes.Count.ShouldBe(26);
        changes.ShouldAllBe(c => c.Reason == "Robin has left the team" && c.FromOwnerId == leaver.Id);

        var after = await manager.FollowAsync(moved);
        after.BodyText.ShouldContain("26 pieces of work reallocated");
        after.BodyText.ShouldContain("There is no work in this list.");
        (await manager.GetAsync("/Work/Team")).Document.QuerySelector($"#by-member a[href*='{leaver.Id}']").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TheSelectedStepsOfAList_MoveAlone(DatabaseProvider provider)
    {
        var (member, steps) = await MemberWithWorkAsync(provider, 3);
        var psychologistId = await app.UserIdAsync(provider, DemoAccounts.NorthPsychologist);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var overdue = await manager.GetAsync($"/Work/Team/List?owner={member.Id}&due=overdue");
        overdue.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(overdue.Document.QuerySelector("h1")).ShouldBe($"Overdue work owned by {member.Name}");
        overdue.TableRows("#steps").Count.ShouldBe(3);
        var value = overdue.Document.QuerySelector($"input[value^='{steps[1]}:']")!.GetAttribute("value");

        var result = await manager.SubmitAsync(overdue, ("Selected", value), ("OwnerId", psychologistId.ToString()), ("Reason", "Psychology first"));

        result.Status.ShouldBe(HttpStatusCode.Redirect, result.BodyText);
        var owners = await OwnersAsync(provider, steps);
        owners.ShouldBe([member.Id, psychologistId, member.Id]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task StaffOutsideTheTeams_AreOneRow_WhoseListHoldsTheirWork(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        // A panel member owns an approval: they cannot be given work here, so they are outside the team's practitioners.
        var step = await app.OpenStepAsync(provider, person.Id, PathwayStage.Approval, Today.AddDays(2), DemoAccounts.Panel);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var team = await manager.GetAsync("/Work/Team");
        var rows = team.TableRows("#by-member");
        rows.ShouldNotContain(r => r[0].StartsWith("Ruth Campbell", StringComparison.Ordinal));
        var outside = rows.Single(r => r[0].EndsWith("of staff outside your teams", StringComparison.Ordinal));
        TeamCounts.Parse(outside[1]).ShouldBeGreaterThanOrEqualTo(1);
        var link = team.Document.QuerySelector("#by-member a[href*='owner=outside&due=week']").ShouldNotBeNull().GetAttribute("href")!;

        var list = await manager.GetAsync(link);
        list.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(list.Document.QuerySelector("h1")).ShouldBe("Work due in the next 7 days owned by staff outside your teams");
        list.Document.QuerySelector($"input[value^='{step}:']").ShouldNotBeNull();
        list.TableRows("#steps").ShouldAllBe(r => !r[3].StartsWith(DemoAccounts.NorthNurseName, StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AProfessionsCountOpensTheWorkOwnedByThatProfession(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var step = await app.OpenStepAsync(provider, person.Id, PathwayStage.Review, Today.AddDays(-500), DemoAccounts.NorthPsychologist);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var team = await manager.GetAsync("/Work/Team");
        var link = team.Document.QuerySelector("#by-profession a[href*='profession=Psychologist&due=overdue']").ShouldNotBeNull().GetAttribute("href")!;
        var list = await manager.GetAsync(link);

        HtmlPage.Text(list.Document.QuerySelector("h1")).ShouldBe("Overdue work owned by psychologists");
        list.Document.QuerySelector($"input[value^='{step}:']").ShouldNotBeNull();
        list.TableRows("#steps").ShouldAllBe(r => r[3].StartsWith("Ben Adeyemi", StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task BadListAddresses_AreRefusedNamingTheField_OnThePageAndTheApi(DatabaseProvider provider)
    {
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        (await manager.GetAsync("/Work/Team/List?due=later")).Status.ShouldBe(HttpStatusCode.BadRequest);

        using var badDue = await manager.Http.GetAsync(new Uri("/api/v1/work/team/list?due=later", UriKind.Relative), Ct);
        badDue.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(badDue)).GetProperty("errors").GetProperty("due")[0].GetString().ShouldBe("Choose \"open\", \"overdue\" or \"week\"");
        using var badOwner = await manager.Http.GetAsync(new Uri("/api/v1/work/team/list?owner=someone&profession=Astronaut", UriKind.Relative), Ct);
        badOwner.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(badOwner)).GetProperty("errors");
        errors.TryGetProperty("owner", out _).ShouldBeTrue();
        errors.TryGetProperty("profession", out _).ShouldBeTrue();

        using var both = await manager.Http.PostAsJsonAsync("/api/v1/work/team/reallocate",
            new { steps = new[] { new { stepId = Guid.NewGuid(), revision = 1 } }, list = new { owner = "none" }, ownerId = Guid.NewGuid(), reason = "x" }, Ct);
        both.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(both)).GetProperty("errors").TryGetProperty("steps", out _).ShouldBeTrue();
        using var noRevision = await manager.Http.PostAsJsonAsync("/api/v1/work/team/reallocate",
            new { steps = new[] { new { stepId = Guid.NewGuid() } }, ownerId = Guid.NewGuid(), reason = "x" }, Ct);
        noRevision.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(noRevision)).GetProperty("errors").TryGetProperty("steps[0]", out _).ShouldBeTrue();

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var refused = await nurse.Http.GetAsync(new Uri("/api/v1/work/team/list", UriKind.Relative), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TheApi_ListsAMembersWork_AndMovesAllOfIt(DatabaseProvider provider)
    {
        var (member, steps) = await MemberWithWorkAsync(provider, 2);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        using var listed = await manager.Http.GetAsync(new Uri($"/api/v1/work/team/list?owner={member.Id}", UriKind.Relative), Ct);
        listed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(listed);
        body.GetProperty("title").GetString().ShouldBe($"Open work owned by {member.Name}");
        body.GetProperty("work").GetProperty("total").GetInt32().ShouldBe(2);
        body.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == member.Id).GetProperty("openSteps").GetInt32().ShouldBe(2);

        using var moved = await manager.Http.PostAsJsonAsync("/api/v1/work/team/reallocate",
            new { list = new { owner = member.Id.ToString() }, ownerId = nurseId, reason = "Long-term sick leave" }, Ct);
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync(Ct));
        (await JsonAsync(moved)).GetProperty("reallocated").GetArrayLength().ShouldBe(2);
        (await OwnersAsync(provider, steps)).ShouldAllBe(o => o == nurseId);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private Task<List<Guid?>> OwnersAsync(DatabaseProvider provider, List<Guid> steps) =>
        app.QueryAsync(provider, async db =>
        {
            var owners = await db.PathwaySteps.AsNoTracking().Where(s => steps.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.OwnerId);
            return steps.Select(s => owners[s]).ToList();
        });
}
