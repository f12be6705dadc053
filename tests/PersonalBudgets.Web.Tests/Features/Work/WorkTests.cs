using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Features.Work;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>My work, notifications, and team work with reallocation of many steps at once.</summary>
public sealed class WorkTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => PathwayArrange.Today;

    private static List<IReadOnlyList<string>> RowsFor(HtmlPage page, IEnumerable<TestPerson> people, string selector = "table") =>
        page.TableRows(selector).Where(r => people.Any(p => r[0].Contains(p.DisplayName, StringComparison.Ordinal) || r.Count > 1 && r[1].Contains(p.DisplayName, StringComparison.Ordinal))).ToList();

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task MyWork_ListsTheUsersOpenWorkOverdueFirstThenByDueDate_WithLinksAndAStageFilter(DatabaseProvider provider)
    {
        var people = new[] { await app.NewNorthPersonAsync(provider), await app.NewNorthPersonAsync(provider), await app.NewNorthPersonAsync(provider), await app.NewNorthPersonAsync(provider) };
        var assessmentId = Guid.NewGuid();
        await app.OpenStepAsync(provider, people[0].Id, PathwayStage.SupportPlanning, Today.AddDays(10), DemoAccounts.NorthPsychologist);
        await app.OpenStepAsync(provider, people[1].Id, PathwayStage.Eligibility, Today.AddDays(-5), DemoAccounts.NorthPsychologist, subjectId: assessmentId);
        await app.OpenStepAsync(provider, people[2].Id, PathwayStage.Referral, Today.AddDays(2), DemoAccounts.NorthPsychologist);
        await app.OpenStepAsync(provider, people[3].Id, PathwayStage.Referral, Today.AddDays(1), DemoAccounts.NorthSocialWorker);
        using var psychologist = await app.SignedInAsync(provider, DemoAccounts.NorthPsychologist);

        var page = await psychologist.GetAsync("/Work");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var rows = RowsFor(page, people);
        rows.Select(r => r[1]).ShouldBe(["Eligibility", "Referral", "Support planning"]);
        rows[0][0].ShouldContain(people[1].DisplayName);
        rows[0][2].ShouldContain("Overdue");
        rows[1][2].ShouldNotContain("Overdue");
        rows[1][2].ShouldContain(UkFormat.Date(Today.AddDays(2)));
        page.Document.QuerySelectorAll("main table a").Select(a => a.GetAttribute("href")!.Split('?')[0]).ShouldContain($"/Assessments/{assessmentId}/Eligibility");
        page.Document.QuerySelectorAll("main table a").Select(a => a.GetAttribute("href")!.Split('?')[0]).ShouldContain($"/People/{people[0].Id}/Plans");

        var filtered = await psychologist.GetAsync("/Work?stage=SupportPlanning");
        filtered.Status.ShouldBe(HttpStatusCode.OK);
        RowsFor(filtered, people).Select(r => r[1]).ShouldBe(["Support planning"]);
        filtered.TableRows().ShouldAllBe(r => r[1] == "Support planning");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task MyWork_PagesTwentyFiveAtATime(DatabaseProvider provider)
    {
        // One open step per person (a person has one open pathway): 26 people.
        for (var i = 0; i < 26; i++)
        {
            var person = await app.NewNorthPersonAsync(provider);
            await app.OpenStepAsync(provider, person.Id, PathwayStage.Review, Today.AddDays(100 + i), DemoAccounts.NorthManager);
        }

        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var first = await manager.GetAsync("/Work?stage=Review");
        first.TableRows().Count.ShouldBe(25);
        first.Document.QuerySelector("nav.govuk-pagination").ShouldNotBeNull();
        var second = await manager.GetAsync("/Work?stage=Review&page=2");
        second.TableRows().Count.ShouldBeInRange(1, 25);
        second.TableRows().ShouldContain(r => r[2].Contains(UkFormat.Date(Today.AddDays(125))));
        first.TableRows().ShouldNotContain(r => r[2].Contains(UkFormat.Date(Today.AddDays(125))));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TeamWork_ShowsCountsUnownedAndOverdue_AndReallocatesManyReportingTheOneThatChangedMeanwhile(DatabaseProvider provider)
    {
        var people = new[] { await app.NewNorthPersonAsync(provider), await app.NewNorthPersonAsync(provider), await app.NewNorthPersonAsync(provider) };
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var before = (await manager.GetAsync("/Work/Team")).TableRows("#by-member").First(r => r[0] == DemoAccounts.NorthNurseName);

        // Team work shows the ten unowned and ten overdue steps due soonest: these are due long before any other, so they
        // are among them whatever the demo data and other tests in this class have added (the unowned one is overdue too).
        var unowned = await app.OpenStepAsync(provider, people[0].Id, PathwayStage.NeedsAssessment, Today.AddDays(-900), ownerEmail: null);
        var overdue = await app.OpenStepAsync(provider, people[1].Id, PathwayStage.IndicativeBudget, Today.AddDays(-800), DemoAccounts.NorthNurse);
        var soon = await app.OpenStepAsync(provider, people[2].Id, PathwayStage.Eligibility, Today.AddDays(3), DemoAccounts.NorthNurse);

        var page = await manager.GetAsync("/Work/Team");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var nurseRow = page.TableRows("#by-member").First(r => r[0] == DemoAccounts.NorthNurseName);
        int N(IReadOnlyList<string> r, int i) => TeamCounts.Parse(r[i]);
        (N(nurseRow, 1) - N(before, 1)).ShouldBe(2);
        (N(nurseRow, 2) - N(before, 2)).ShouldBe(1);
        (N(nurseRow, 3) - N(before, 3)).ShouldBe(1);
        page.TableRows("#by-member").ShouldContain(r => r[0] == "No owner");
        page.TableRows("#by-profession").ShouldContain(r => r[0] == "Nurse");
        page.TableRows("#unowned").ShouldContain(r => r[1].StartsWith(people[0].DisplayName, StringComparison.Ordinal));
        page.TableRows("#overdue").ShouldContain(r => r[1].StartsWith(people[1].DisplayName, StringComparison.Ordinal));
        page.Document.QuerySelector($"input[value^='{unowned}:']").ShouldNotBeNull();
        page.Document.QuerySelector($"input[value^='{overdue}:']").ShouldNotBeNull();
        page.Document.QuerySelector($"input[value^='{soon}:']").ShouldBeNull();
        // The lists show the first ten; the whole list is a link away.
        var noOwnerOpen = N(page.TableRows("#by-member").First(r => r[0] == "No owner"), 1);
        page.TableRows("#unowned").Count.ShouldBe(Math.Min(noOwnerOpen, WorkService.TeamOverviewSize));
        page.Document.QuerySelectorAll($"a[href='{TeamModel.AllUnownedLink}']").Any(a => a.TextContent.StartsWith("See all", StringComparison.Ordinal))
            .ShouldBe(noOwnerOpen > WorkService.TeamOverviewSize);

        // Someone reallocates the overdue step after the manager loaded the page.
        var psychologistId = await app.UserIdAsync(provider, DemoAccounts.NorthPsychologist);
        using (var other = await app.SignedInAsync(provider, DemoAccounts.NorthManager))
        {
            var form = await other.GetAsync($"/People/{people[1].Id}/Pathway/Steps/{overdue}/Owner");
            (await other.SubmitAsync(form, ("OwnerId", psychologistId.ToString()), ("Reason", "Psychology first"))).Status.ShouldBe(HttpStatusCode.Redirect);
        }

        var socialWorkerId = await app.UserIdAsync(provider, DemoAccounts.NorthSocialWorker);
        var unownedValue = page.Document.QuerySelector($"input[value^='{unowned}:']")!.GetAttribute("value");
        var overdueValue = page.Document.QuerySelector($"input[value^='{overdue}:']")!.GetAttribute("value");
        var noReason = await manager.SubmitAsync(page, ("Selected", unownedValue), ("OwnerId", socialWorkerId.ToString()), ("Reason", ""));
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.ErrorSummary.ShouldBe(["Enter why the work is being reallocated"]);
        noReason.Document.QuerySelector($"input[value='{unownedValue}']")!.HasAttribute("checked").ShouldBeTrue();

        var result = await manager.SubmitAsync(page, ("Selected", unownedValue), ("Selected", overdueValue), ("OwnerId", socialWorkerId.ToString()), ("Reason", "Tom has capacity this month"));

        result.Status.ShouldBe(HttpStatusCode.OK);
        result.BodyText.ShouldContain("1 piece of work was reallocated");
        result.BodyText.ShouldContain($"Indicative budget for {people[1].DisplayName}: This record was changed by Helen Marsh");
        var steps = await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().Where(s => s.Id == unowned || s.Id == overdue).ToDictionaryAsync(s => s.Id, s => s.OwnerId));
        steps[unowned].ShouldBe(socialWorkerId);
        steps[overdue].ShouldBe(psychologistId);
        var change = await app.QueryAsync(provider, db => db.StepOwnerChanges.AsNoTracking().SingleAsync(c => c.StepId == unowned));
        change.FromOwnerId.ShouldBeNull();
        change.Reason.ShouldBe("Tom has capacity this month");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TeamWork_IsRefusedToAPractitioner(DatabaseProvider provider)
    {
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var page = await nurse.GetAsync("/Work/Team");
        page.Status.ShouldBe(HttpStatusCode.Redirect);
        page.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        (await nurse.GetAsync("/Work")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Notifications_ShowTheReallocationToTheNewOwner_AndMarkAllAsRead(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var stepId = await app.OpenStepAsync(provider, person.Id, PathwayStage.SupportPlanning, Today.AddDays(12), DemoAccounts.NorthNurse);
        var socialWorkerId = await app.UserIdAsync(provider, DemoAccounts.NorthSocialWorker);
        // Other tests of this class notify the same account: start from none unread.
        await app.QueryAsync(provider, db => db.Notifications.Where(n => n.RecipientId == socialWorkerId && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, DateTimeOffset.UtcNow)));
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var form = await manager.GetAsync($"/People/{person.Id}/Pathway/Steps/{stepId}/Owner");
        (await manager.SubmitAsync(form, ("OwnerId", socialWorkerId.ToString()), ("Reason", "Leave cover"))).Status.ShouldBe(HttpStatusCode.Redirect);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);

        (await socialWorker.GetAsync("/Work")).BodyText.ShouldContain("Notifications: 1 unread");
        var list = await socialWorker.GetAsync("/Notifications");
        list.Status.ShouldBe(HttpStatusCode.OK);
        var row = list.TableRows()[0];
        row[1].ShouldBe($"Support planning for a person has been allocated to you by Helen Marsh, due {UkFormat.Date(Today.AddDays(12))}");
        row[2].ShouldBe("Unread");
        list.TableRows().Count(r => r[2] == "Unread").ShouldBe(1);
        list.Document.QuerySelector("main table a")!.GetAttribute("href").ShouldBe($"/People/{person.Id}/Pathway");

        var read = await socialWorker.FollowAsync(await socialWorker.SubmitAsync(list));
        read.TableRows().ShouldAllBe(r => r[2] == "Read");
        (await socialWorker.GetAsync("/Work")).BodyText.ShouldContain("Notifications: none unread");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task WorklistsAndTimeline_RunTheSameNumberOfQueriesWhateverTheNumberOfRows(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        await app.OpenStepAsync(provider, person.Id, PathwayStage.Approval, Today.AddDays(-1), DemoAccounts.NorthSocialWorker);

        static async Task<int> RunAsync(Func<Task<HtmlPage>> get)
        {
            using var counter = QueryCounter.Start();
            (await get()).Status.ShouldBe(HttpStatusCode.OK);
            return counter.Count;
        }

        async Task<(int Mine, int Team, int Timeline)> CountAsync() => (
            await RunAsync(() => socialWorker.GetAsync("/Work?stage=Approval")),
            await RunAsync(() => manager.GetAsync("/Work/Team")),
            await RunAsync(() => manager.GetAsync($"/People/{person.Id}/Pathway")));

        var few = await CountAsync();
        // More open steps in the worklists (one person each: a person has one open pathway) and a longer timeline.
        for (var i = 0; i < 30; i++)
        {
            var other = await app.NewNorthPersonAsync(provider);
            await app.OpenStepAsync(provider, other.Id, PathwayStage.Approval, Today.AddDays(-2 - i), i % 2 == 0 ? DemoAccounts.NorthSocialWorker : null);
            await app.EndedEpisodeAsync(provider, person.Id, Today.AddDays(-2 - i));
        }

        var many = await CountAsync();

        many.ShouldBe(few);
        few.Mine.ShouldBeGreaterThan(0);
        // Sign-in checks and the audit entry included: a small fixed number per page.
        few.Mine.ShouldBeLessThanOrEqualTo(20);
        few.Team.ShouldBeLessThanOrEqualTo(20);
        few.Timeline.ShouldBeLessThanOrEqualTo(20);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TeamWork_BulkReallocation_RefusesWorkOutsideTheManagersTeams(DatabaseProvider provider)
    {
        var south = await app.NewSouthPersonAsync(provider);
        var southStep = await app.OpenStepAsync(provider, south.Id, PathwayStage.Referral, Today.AddDays(-1), "ot@northmoor.example");
        var socialWorkerId = await app.UserIdAsync(provider, DemoAccounts.NorthSocialWorker);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var page = await manager.GetAsync("/Work/Team");
        page.Document.QuerySelector($"input[value^='{southStep}:']").ShouldBeNull();

        var result = await manager.SubmitAsync(page, ("Selected", $"{southStep}:2"), ("OwnerId", socialWorkerId.ToString()), ("Reason", "Trying"));

        result.Status.ShouldBe(HttpStatusCode.Conflict);
        result.BodyText.ShouldContain("0 pieces of work were reallocated");
        result.BodyText.ShouldContain("Referral: This work is not in your teams");
        result.BodyText.ShouldNotContain(south.DisplayName);
        (await app.StepsAsync(provider, south.Id)).Single().OwnerName.ShouldBe("Grace Lee");
    }
}
