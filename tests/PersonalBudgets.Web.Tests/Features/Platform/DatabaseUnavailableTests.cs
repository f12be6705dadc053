using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// While the database cannot be reached (PostgreSQL restarting; SQLite locked beyond its timeout) the service answers
/// 503 with Retry-After, to the API and to a browser, and recovers by itself when the database is back. Each test has
/// an application and a database (for PostgreSQL, a server) of its own, so stopping it disturbs no other test.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Makes the application's database unreachable, then reachable again.</summary>
    private sealed class Outage : IAsyncDisposable
    {
        private PostgresServer? server;
        private string? sqliteFile;
        private SqliteConnection? lockHolder;
        private bool paused;

        public PersonalBudgetsFactory Factory { get; private set; } = null!;

        public static async Task<Outage> PrepareAsync(DatabaseProvider provider)
        {
            var outage = new Outage();
            if (provider == DatabaseProvider.PostgreSQL)
            {
                outage.server = await PostgresServer.StartPrivateAsync();
                outage.Factory = new PersonalBudgetsFactory(provider, await outage.server.CreateDatabaseAsync(), null);
            }
            else
            {
                outage.sqliteFile = Path.Combine(Path.GetTempPath(), $"pb-test-{Guid.NewGuid():N}.db");
                // A short busy timeout, so a locked database is reported in a second rather than thirty.
                outage.Factory = new PersonalBudgetsFactory(provider, $"Data Source={outage.sqliteFile};Default Timeout=1", outage.sqliteFile);
            }

            return outage;
        }

        public async Task BeginAsync()
        {
            if (server is not null)
            {
                await server.PauseAsync();
                paused = true;
                return;
            }

            lockHolder = new SqliteConnection($"Data Source={sqliteFile};Pooling=False");
            await lockHolder.OpenAsync(Ct);
            await using var command = lockHolder.CreateCommand();
            command.CommandText = "BEGIN EXCLUSIVE";
            await command.ExecuteNonQueryAsync(Ct);
        }

        public async Task EndAsync()
        {
            if (server is not null)
            {
                if (paused)
                {
                    await server.ResumeAsync();
                    paused = false;
                }

                return;
            }

            if (lockHolder is not null)
            {
                await lockHolder.DisposeAsync();
                lockHolder = null;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await EndAsync();
            await Factory.DisposeAsync();
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task WhileTheDatabaseIsUnreachable_Answers503WithRetryAfter_ThenRecovers(DatabaseProvider provider)
    {
        await using var outage = await Outage.PrepareAsync(provider);
        await outage.Factory.StartOnItsOwnThreadAsync(TestContext.Current.CancellationToken);
        using var browser = outage.Factory.CreateBrowser();
        await browser.SignInAsync(DemoAccounts.NorthNurse);
        (await browser.GetAsync("/People")).Status.ShouldBe(HttpStatusCode.OK);

        await outage.BeginAsync();

        using (var api = await browser.Http.GetAsync(new Uri("/api/v1/people", UriKind.Relative), Ct))
        {
            api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            api.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.Zero);
            api.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errorCode").GetString().ShouldBe("service-unavailable");
        }

        using (var page = await browser.Http.GetAsync(new Uri("/People", UriKind.Relative), Ct))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            page.Headers.RetryAfter.ShouldNotBeNull();
            var html = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync(Ct));
            html.QuerySelector("h1")!.TextContent.Trim().ShouldBe("Sorry, the service is unavailable");
        }

        await outage.EndAsync();

        // Back: the same session works again. A connection the restart broke may fail a first attempt, so try a few times.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 5 && status != HttpStatusCode.OK; attempt++)
        {
            using var again = await browser.Http.GetAsync(new Uri("/api/v1/people", UriKind.Relative), Ct);
            status = again.StatusCode;
        }

        status.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/People")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
