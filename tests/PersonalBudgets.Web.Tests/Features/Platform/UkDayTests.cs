using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// At 00:30 on a summer night (23:30 UTC the day before) "today", due dates and "overdue" are the UK date, not the
/// UTC one. The application here runs on a fake clock of its own, so no other test's data is involved.
/// </summary>
public sealed class UkDayTests : IAsyncLifetime
{
    private static readonly DateTimeOffset HalfPastMidnightBst = new(2026, 7, 15, 23, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly UkToday = new(2026, 7, 16);
    private static readonly DateOnly UtcToday = new(2026, 7, 15);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<IAsyncDisposable> started = [];

    private async Task<(PersonalBudgetsFactory Base, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App)> StartAsync(DatabaseProvider provider)
    {
        var factory = await AppFixture.NewFactoryAsync(provider);
        started.Add(factory);
        var clock = new FakeTimeProvider(HalfPastMidnightBst);
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        started.Add(app);
        await app.StartOnItsOwnThreadAsync(Ct);
        return (factory, app);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task At0030Bst_TodayDueDatesAndOverdue_AreTheUkDate(DatabaseProvider provider)
    {
        var (_, app) = await StartAsync(provider);
        using var nurse = new Browser(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));
        await nurse.SignInAsync(DemoAccounts.NorthNurse);

        using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
        var nurseId = await db.Users.Where(u => u.Email == DemoAccounts.NorthNurse).Select(u => u.Id).SingleAsync(Ct);
        var personId = await CreatePersonAsync(nurse, "Uma");

        // "Today" offered on the referral form is the UK date.
        var refer = await nurse.GetAsync($"/People/{personId}/Pathway/Refer");
        refer.Status.ShouldBe(HttpStatusCode.OK);
        refer.InputValue("ReferralDate").ShouldBe(UkToday.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        refer.InputValue("ReferralDate-month").ShouldBe(UkToday.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A referral dated today (UK) is not "in the future".
        using var referral = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{personId}/pathway/referral",
            new { referralDate = UkToday, participation = "InPerson", ownerId = nurseId }, Ct);
        referral.StatusCode.ShouldBe(HttpStatusCode.Created, await referral.Content.ReadAsStringAsync(Ct));
        var referralStep = await db.PathwaySteps.AsNoTracking().SingleAsync(s => s.PersonId == personId && s.CompletedAt == null, Ct);
        referralStep.DueDate.ShouldBe(DueDates.For(PathwayStage.Referral, UkToday, ServiceStandards.Default, EnglandBankHolidays.All, UkToday));

        // Work due yesterday (the UTC date) is overdue; work due today (UK) is not.
        var dueToday = await ArrangeStepAsync(db, await CreatePersonAsync(nurse, "Tara"), nurseId, UkToday);
        var dueYesterday = await ArrangeStepAsync(db, await CreatePersonAsync(nurse, "Yusuf"), nurseId, UtcToday);

        var items = await AllMyWorkAsync(nurse);
        items[dueYesterday].ShouldBeTrue();
        items[dueToday].ShouldBeFalse();
    }

    private static async Task<Guid> CreatePersonAsync(Browser browser, string firstName)
    {
        var form = await browser.GetAsync("/People/Create");
        var created = await browser.SubmitAsync(form, TestData.ValidPersonForm(firstName, "Midnight"));
        created.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", created.ErrorSummary));
        return Guid.Parse(created.Location!.Split('/')[^1]);
    }

    private static async Task<Guid> ArrangeStepAsync(PersonalBudgetsDbContext db, Guid personId, Guid ownerId, DateOnly due)
    {
        var actor = new Actor(Guid.Empty, "Test arrangement");
        var owner = await db.Users.Where(u => u.Id == ownerId).Select(u => new StaffRef(u.Id, u.DisplayName, u.Profession)).SingleAsync(Ct);
        var episode = PathwayEpisode.Open(personId, UtcToday.AddDays(-30), null, actor, HalfPastMidnightBst);
        var step = PathwayStep.Open(episode, PathwayStage.Referral, owner, due, null, actor, HalfPastMidnightBst);
        db.PathwayEpisodes.Add(episode);
        db.PathwaySteps.Add(step);
        await db.SaveChangesAsync(Ct);
        return step.Id;
    }

    private static async Task<Dictionary<Guid, bool>> AllMyWorkAsync(Browser browser)
    {
        var overdue = new Dictionary<Guid, bool>();
        for (var page = 1; ; page++)
        {
            var json = JsonDocument.Parse(await browser.Http.GetStringAsync(new Uri($"/api/v1/work/mine?page={page}", UriKind.Relative), Ct)).RootElement.GetProperty("work");
            foreach (var item in json.GetProperty("items").EnumerateArray())
            {
                overdue[item.GetProperty("stepId").GetGuid()] = item.GetProperty("isOverdue").GetBoolean();
            }

            if (page >= json.GetProperty("totalPages").GetInt32())
            {
                return overdue;
            }
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        for (var i = started.Count - 1; i >= 0; i--)
        {
            await started[i].DisposeAsync();
        }
    }
}
