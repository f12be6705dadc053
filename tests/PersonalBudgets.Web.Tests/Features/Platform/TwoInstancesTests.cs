using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Features.Work;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Infrastructure.Hosting;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// The service as several stateless instances behind a load balancer on one PostgreSQL (issue 10, item 6): two real
/// processes of the built app (Production, real Kestrel on two ports) share Data Protection keys, sessions and the
/// escalation job through the database.
/// </summary>
public sealed partial class TwoInstancesTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan EscalationLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoProcessesOnOnePostgreSql_ShareFormsSignInSignOutAndEscalateEachStepOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__PersonalBudgets"] = connectionString,
            ["DemoData__Seed"] = "false",
            ["Pathway__EscalationIntervalMinutes"] = "0.005",
        };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Stage(string what) => TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {what}");

        // As production upgrades: migrate once, then start the instances (both at once, on an empty key ring).
        await AppProcess.RunAsync("migrate", settings, StartLimit);
        Stage("migrated");
        var a = AppProcess.Serve("instance A", settings);
        // Timers of different periods, so which instance ticks first after new work arrives changes from round to round.
        var b = AppProcess.Serve("instance B", new Dictionary<string, string>(settings) { ["Pathway__EscalationIntervalMinutes"] = "0.0037" });
        await using var services = Instance(connectionString, withAccounts: true);
        var passed = false;
        try
        {
            // Two staff accounts (no demo data in production), arranged on the database while the instances start.
            var owner = await NewStaffAsync(services);
            var other = await NewStaffAsync(services);
            await Task.WhenAll(a.WaitUntilReadyAsync(StartLimit), b.WaitUntilReadyAsync(StartLimit));
            Stage("both instances ready");

            (await QueryAsync(services, db => db.DataProtectionKeys.CountAsync(ct))).ShouldBe(1, "every instance uses the one key made at start-up");
            (await QueryAsync(services, db => db.RasVersions.CountAsync(ct))).ShouldBe(2, "the example resource allocation systems (adults' and carers') are published once each");

            // Overdue work both instances see at once: three batches' worth.
            var steps = await AddOverdueStepsAsync(services, owner, 2 * EscalationService.BatchSize + 200);
            Stage("overdue work arranged");
            await SignInAndOutAcrossInstancesAsync(a, b, owner, other);
            Stage("signed in and out across the instances");

            await WaitUntilEscalatedAsync(services, steps);
            for (var round = 0; round < 30 && (EscalatedBy(a) == 0 || EscalatedBy(b) == 0); round++)
            {
                // Each instance runs the job on its own timer; more due work, at a random moment, until both have claimed some.
                await Task.Delay(Random.Shared.Next(300), ct);
                var more = await AddOverdueStepsAsync(services, owner, 10);
                await WaitUntilEscalatedAsync(services, more);
                steps.AddRange(more);
            }

            Stage("escalated");
            var ids = steps.Select(s => s.ToString()).ToList();
            var notifications = await QueryAsync(services, db => db.Notifications.Where(n => n.StepId != null && steps.Contains(n.StepId.Value))
                .GroupBy(n => n.StepId).Select(g => g.Count()).ToListAsync(ct));
            notifications.Count.ShouldBe(steps.Count, "every overdue step notified its owner");
            notifications.ShouldAllBe(n => n == 1, "no step notified twice");
            var audits = await QueryAsync(services, db => db.AuditEntries.Where(e => e.RecordType == ReallocationService.StepRecordType && ids.Contains(e.RecordId!))
                .GroupBy(e => e.RecordId).Select(g => g.Count()).ToListAsync(ct));
            audits.Count.ShouldBe(steps.Count);
            audits.ShouldAllBe(n => n == 1, "no step escalated twice");

            // What the two processes say they escalated adds up to what the database holds: no step counted by both.
            var escalated = await QueryAsync(services, db => db.PathwaySteps.CountAsync(s => s.EscalatedAt != null, ct));
            for (var wait = 0; wait < 50 && EscalatedBy(a) + EscalatedBy(b) < escalated; wait++)
            {
                await Task.Delay(100, ct);
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"Escalated by A: {EscalatedBy(a)}, by B: {EscalatedBy(b)}, in the database: {escalated}");
            (EscalatedBy(a) + EscalatedBy(b)).ShouldBe(escalated);
            EscalatedBy(a).ShouldBeGreaterThan(0, "instance A ran the job on the shared work");
            EscalatedBy(b).ShouldBeGreaterThan(0, "instance B ran the job on the shared work");
            passed = true;
        }
        finally
        {
            if (!passed)
            {
                TestContext.Current.TestOutputHelper?.WriteLine(a.OutputText);
                TestContext.Current.TestOutputHelper?.WriteLine(b.OutputText);
            }

            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    /// <summary>
    /// Instances that load the key ring at the same moment on an empty database make one key between them, and each
    /// reads what another protected. Without the start-up lock each would make its own.
    /// </summary>
    [Fact]
    public async Task LoadKeyRing_SeveralInstancesAtOnceOnAnEmptyKeyRing_MakeOneKeyTheyAllUse()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var instances = Enumerable.Range(0, 4).Select(_ => Instance(connectionString)).ToList();
        try
        {
            await instances[0].PrepareDatabaseAsync(migrate: true, TestContext.Current.CancellationToken);
            using var start = new Barrier(instances.Count);
            await Task.WhenAll(instances.Select(i => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                i.LoadKeyRingAsync().GetAwaiter().GetResult();
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

            (await QueryAsync(instances[0], db => db.DataProtectionKeys.CountAsync())).ShouldBe(1);
            var sealedByFirst = instances[0].GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("across instances");
            foreach (var other in instances.Skip(1))
            {
                other.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedByFirst).ShouldBe("across instances");
            }
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Two instances starting together both find no resource allocation system and both publish the example: the one
    /// whose insert loses on the unique version number carries on starting instead of failing.
    /// </summary>
    [Fact]
    public async Task DefaultRas_AnotherInstancePublishesItFirst_StartUpCarriesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await using var instance = Instance(connectionString);
        await instance.PrepareDatabaseAsync(migrate: true, ct);

        await using var twinScope = instance.CreateAsyncScope();
        var twinDb = twinScope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
        await using var twin = await twinDb.Database.BeginTransactionAsync(ct);
        await new DefaultRasSeeder(twinDb, TimeProvider.System, NullLogger<DefaultRasSeeder>.Instance).SeedAsync(ct);

        await using var scope = instance.CreateAsyncScope();
        var seeding = new DefaultRasSeeder(scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>(), TimeProvider.System, NullLogger<DefaultRasSeeder>.Instance)
            .SeedAsync(ct);
        for (var wait = 0; wait < 300 && !seeding.IsCompleted && await LockWaitsAsync(instance) == 0; wait++)
        {
            await Task.Delay(20, ct);
        }

        (await LockWaitsAsync(instance)).ShouldBe(1, "the second insert waits on the twin's uncommitted version 1");
        await twin.CommitAsync(ct);
        await seeding;

        (await QueryAsync(instance, db => db.RasVersions.CountAsync(ct))).ShouldBe(2);
    }

    private static Task<int> LockWaitsAsync(IServiceProvider services) => QueryAsync(services, db => db.Database
        .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
        .SingleAsync());

    [Fact]
    public async Task ForwardedHeaders_ConfiguredNetworksAndProxiesAreTrusted_OthersAndBadValuesAreNot()
    {
        var settings = ForwardedHeadersSettings.From(Configuration(new()
        {
            ["ForwardedHeaders:KnownNetworks"] = "10.0.0.0/8, 172.16.0.0/12",
            ["ForwardedHeaders:KnownProxies:0"] = "192.0.2.7",
        }));

        (await SchemeSeenAsync(settings, "10.20.30.40")).ShouldBe("https");
        (await SchemeSeenAsync(settings, "172.16.5.5")).ShouldBe("https");
        (await SchemeSeenAsync(settings, "192.0.2.7")).ShouldBe("https");
        (await SchemeSeenAsync(settings, "127.0.0.1")).ShouldBe("https", "a proxy on the same machine is trusted by default");
        (await SchemeSeenAsync(settings, "192.0.2.8")).ShouldBe("http", "anyone else cannot claim https");
        (await SchemeSeenAsync(ForwardedHeadersSettings.From(Configuration([])), "10.20.30.40")).ShouldBe("http", "only loopback unless configured");

        Should.Throw<ConfigurationException>(() => ForwardedHeadersSettings.From(Configuration(new() { ["ForwardedHeaders:KnownNetworks"] = "10.0.0.0/33" })))
            .Message.ShouldContain("ForwardedHeaders:KnownNetworks");
        Should.Throw<ConfigurationException>(() => ForwardedHeadersSettings.From(Configuration(new() { ["ForwardedHeaders:KnownProxies"] = "proxy.internal" })))
            .Message.ShouldContain("ForwardedHeaders:KnownProxies");
        Should.Throw<ConfigurationException>(() => ForwardedHeadersSettings.From(Configuration(new() { ["ForwardedHeaders:ForwardLimit"] = "0" })))
            .Message.ShouldContain("ForwardedHeaders:ForwardLimit");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static async Task<string> SchemeSeenAsync(ForwardedHeadersSettings settings, string remoteAddress)
    {
        var options = new ForwardedHeadersOptions();
        settings.ApplyTo(options);
        var seen = "";
        var middleware = new ForwardedHeadersMiddleware(c =>
        {
            seen = c.Request.Scheme;
            return Task.CompletedTask;
        }, NullLoggerFactory.Instance, Options.Create(options));
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.1";
        await middleware.Invoke(context);
        return seen;
    }

    /// <summary>
    /// One browser behind the load balancer: forms rendered by one instance post to the other, a sign-in on one is valid on
    /// the other, and a sign-out on one is refused by the other at once.
    /// </summary>
    private static async Task SignInAndOutAcrossInstancesAsync(AppProcess a, AppProcess b, TestStaff first, TestStaff second)
    {
        // A's sign-in form (and its antiforgery token) posted to B; the session B starts is valid on A.
        var balancer = new LoadBalancerHandler(a.Address!);
        using (var browser = new Browser(new HttpClient(new CookieContainerHandler(new CookieContainer()) { InnerHandler = balancer }) { BaseAddress = LoadBalancerHandler.PublicAddress }))
        {
            var form = await browser.GetAsync("/Account/SignIn");
            form.Status.ShouldBe(HttpStatusCode.OK);
            balancer.Target = b.Address!;
            var signedIn = await browser.SubmitAsync(form, ("Email", first.Email), ("Password", first.Password));
            signedIn.Status.ShouldBe(HttpStatusCode.Redirect, "B accepts the form A rendered: " + string.Join("; ", signedIn.ErrorSummary));
            balancer.Target = a.Address!;
            (await browser.OpenAsync("/Work")).Document.QuerySelector("form.app-sign-out").ShouldNotBeNull("signed in on B, the session is valid on A");
        }

        // Sign in on A (with B's form); valid on B; sign out on A (with B's form) and B refuses the session at once.
        var cookies = new CookieContainer();
        var balancer2 = new LoadBalancerHandler(b.Address!);
        using var other = new Browser(new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = balancer2 }) { BaseAddress = LoadBalancerHandler.PublicAddress });
        var signInForm = await other.GetAsync("/Account/SignIn");
        balancer2.Target = a.Address!;
        var result = await other.SubmitAsync(signInForm, ("Email", second.Email), ("Password", second.Password));
        result.Status.ShouldBe(HttpStatusCode.Redirect, "A accepts the form B rendered: " + string.Join("; ", result.ErrorSummary));
        var session = cookies.GetCookies(LoadBalancerHandler.PublicAddress)["pb-session"]?.Value.ShouldNotBeNull()!;
        balancer2.Target = b.Address!;
        var work = await other.OpenAsync("/Work");
        work.Document.QuerySelector("form.app-sign-out").ShouldNotBeNull("signed in on A, the session is valid on B");
        (await ReplayAsync(b, session)).ShouldBe(HttpStatusCode.OK, "a copy of the cookie works on B while the session lasts");

        balancer2.Target = a.Address!;
        var signedOut = await other.SubmitAsync(work, [], "form.app-sign-out");
        signedOut.Status.ShouldBe(HttpStatusCode.Redirect, "A accepts B's sign-out form");

        (await ReplayAsync(b, session)).ShouldBe(HttpStatusCode.Redirect, "signed out on A, the session is refused on B at once");
    }

    /// <summary>GETs My work on the instance with exactly this session cookie, as someone who copied it would.</summary>
    private static async Task<HttpStatusCode> ReplayAsync(AppProcess instance, string session)
    {
        using var client = new HttpClient(new LoadBalancerHandler(instance.Address!)) { BaseAddress = LoadBalancerHandler.PublicAddress };
        client.DefaultRequestHeaders.Add("Cookie", $"pb-session={session}");
        using var response = await client.GetAsync(new Uri("/Work", UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<List<Guid>> AddOverdueStepsAsync(IServiceProvider services, TestStaff owner, int count) => await QueryAsync(services, async db =>
    {
        var actor = new Actor(Guid.Empty, "Test arrangement");
        var now = DateTimeOffset.UtcNow;
        var today = UkTime.DateOf(now);
        var nurse = await db.Users.Where(u => u.Id == owner.Id).Select(u => new StaffRef(u.Id, u.DisplayName, u.Profession)).SingleAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var (details, errors) = PersonDetailsRules.Validate(new PersonDetails
            {
                LegalFirstName = "Robin",
                LegalLastName = "Overdue" + TestData.UniqueLetters(),
                DateOfBirth = new DateOnly(1980, 3, 27),
                NhsNumber = TestData.NhsNumber(),
                PersonIdentifier = TestData.PersonIdentifier(),
                AddressLine1 = "1 Test Street",
                Town = "Northmoor",
                Postcode = "NM1 1AB",
                GpPracticeCode = "A81001",
            }, today);
            errors.ShouldBeEmpty();
            var person = Person.Create(Guid.NewGuid(), details, actor, now);
            var episode = PathwayEpisode.Open(person.Id, today.AddDays(-40), "Referred by the GP", actor, now);
            var step = PathwayStep.Open(episode, PathwayStage.Referral, nurse, today.AddDays(-5), null, actor, now);
            db.People.Add(person);
            db.PathwayEpisodes.Add(episode);
            db.PathwaySteps.Add(step);
            ids.Add(step.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    });

    private static async Task WaitUntilEscalatedAsync(IServiceProvider services, List<Guid> steps)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await QueryAsync(services, db => db.PathwaySteps.CountAsync(s => steps.Contains(s.Id) && s.EscalatedAt == null)) > 0)
        {
            clock.Elapsed.ShouldBeLessThan(EscalationLimit, "the instances escalate due work on their timers");
            await Task.Delay(100);
        }
    }

    /// <summary>The steps the instance says (in its log) it escalated.</summary>
    private static int EscalatedBy(AppProcess instance) =>
        instance.Output.Select(line => EscalatedLine().Match(line)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Escalated (\d+) overdue steps")]
    private static partial Regex EscalatedLine();

    private static async Task<T> QueryAsync<T>(IServiceProvider services, Func<PersonalBudgetsDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>());
    }

    /// <summary>
    /// What an instance registers for its keys: the database, and Data Protection keeping its keys there; and, for
    /// arranging, the accounts (with the password rules the service uses: length, not composition).
    /// </summary>
    private static ServiceProvider Instance(string connectionString, bool withAccounts = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPersonalBudgetsDatabase(new DatabaseSettings(DatabaseProvider.PostgreSQL, connectionString, MigrateOnStartup: false));
        services.AddDataProtection().SetApplicationName("PersonalBudgets").PersistKeysToDbContext<PersonalBudgetsDbContext>();
        if (withAccounts)
        {
            services.AddIdentityCore<StaffUser>(o =>
                {
                    o.Password.RequireDigit = false;
                    o.Password.RequireLowercase = false;
                    o.Password.RequireUppercase = false;
                    o.Password.RequireNonAlphanumeric = false;
                })
                .AddRoles<IdentityRole<Guid>>()
                .AddEntityFrameworkStores<PersonalBudgetsDbContext>();
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A practitioner of the test's own, with the council (and role) the account needs made first if missing.</summary>
    private static async Task<TestStaff> NewStaffAsync(IServiceProvider services)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
            if (!await db.Organisations.AnyAsync())
            {
                db.Organisations.Add(new Organisation { Id = Guid.NewGuid(), Name = "Northmoor City Council (test)", Type = OrganisationType.Council, Code = "999" });
                await db.SaveChangesAsync();
            }

            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (!await roles.RoleExistsAsync(nameof(Role.Practitioner)))
            {
                (await roles.CreateAsync(new IdentityRole<Guid>(nameof(Role.Practitioner)))).Succeeded.ShouldBeTrue();
            }
        }

        return await ArrangeStaff.NewStaffAsync(services);
    }
}
