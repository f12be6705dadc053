using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Infrastructure.Security;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

/// <summary>
/// The person's area against every caller (ADR 0029): the person, another person, a staff cookie (and a staff cookie's
/// value under the person's cookie name), anonymous. Then person cookies against staff pages and the staff API.
/// </summary>
public sealed class PersonAreaSecurityTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Every handler that needs the person's sign-in. A new one fails <see cref="EveryPersonEndpoint_IsInTheMatrix"/> until added here.</summary>
    private static readonly string[] PersonGets =
    [
        "/my", "/my/account", "/my/budget", "/my/sign-out", "/my/api/v1/me", "/my/api/v1/pathway", "/my/api/v1/next-step",
        // What the person sees of their record, and who looked at it (slice 2).
        "/my/record", "/my/assessment", "/my/eligibility", "/my/indicative-budget", "/my/plan/versions", "/my/plan/versions/{id:guid}",
        "/my/reviews", "/my/direct-payment", "/my/who-looked",
        "/my/api/v1/assessments", "/my/api/v1/eligibility", "/my/api/v1/indicative-budget", "/my/api/v1/plan/versions/current", "/my/api/v1/plan/versions",
        "/my/api/v1/plan/versions/{id:guid}", "/my/api/v1/reviews", "/my/api/v1/direct-payment", "/my/api/v1/access-log",
        // What the person does (ADR 0031).
        "/my/plan", "/my/plan/write?part=about-me", "/my/plan/agree", "/my/requests", "/my/requests/review", "/my/requests/challenge", "/my/api/v1/plan", "/my/api/v1/requests",
    ];

    /// <summary>The person's API endpoints that only take a POST (ADR 0031): refused like the rest, sent as JSON.</summary>
    private static readonly string[] PersonApiPosts = ["/my/api/v1/plan/drafts", "/my/api/v1/plan/agreement", "/my/api/v1/requests"];

    /// <summary>A pattern as an address: a route's id is any id (the refusal comes before anything looks it up).</summary>
    private static string Concrete(string pattern, Guid? id = null) =>
        pattern.Replace("{id:guid}", (id ?? Guid.NewGuid()).ToString(), StringComparison.Ordinal);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly string[] PersonPosts = ["/my/sign-out", "/my/sign-out?handler=Everywhere",
        "/my/plan/write?part=about-me", "/my/plan/agree", "/my/requests/review", "/my/requests/challenge"];

    [Fact]
    public async Task EveryPersonEndpoint_IsInTheMatrix()
    {
        var factory = await app.FactoryAsync(DatabaseProvider.Sqlite);
        var patterns = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == PersonAuthentication.Policy))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().Order().ToList();

        patterns.ShouldBe(PersonGets.Concat(PersonApiPosts).Select(p => p.Split('?')[0]).Distinct().Order().ToList());
        // And nothing under /my is left to the staff fallback policy: each is the person's, or open (sign-in, sign-up).
        var unprotected = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("my", StringComparison.OrdinalIgnoreCase))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == PersonAuthentication.Policy))
            .Select(e => e.RoutePattern.RawText).ToList();
        unprotected.ShouldBeEmpty();
    }

    private static bool IsRefused(HttpResponseMessage response, string path) =>
        path.StartsWith(MyApi.Prefix, StringComparison.Ordinal)
            ? response.StatusCode == HttpStatusCode.Unauthorized
            : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains(MyPaths.SignIn, StringComparison.Ordinal);

    private static async Task<List<string>> RefusalsMissingAsync(HttpClient http, Action<HttpRequestMessage>? arrange = null)
    {
        var problems = new List<string>();
        foreach (var (method, path) in PersonGets.Select(p => ("GET", Concrete(p))).Concat(PersonPosts.Select(p => ("POST", p))).Concat(PersonApiPosts.Select(p => ("POST", p))))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
            {
                request.Content = path.StartsWith(MyApi.Prefix, StringComparison.Ordinal)
                    ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                    : new FormUrlEncodedContent([]);
            }

            arrange?.Invoke(request);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            if (!IsRefused(response, path))
            {
                problems.Add($"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        return problems;
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Anonymous_IsRefusedEverywhereInTheArea(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        (await RefusalsMissingAsync(browser.Http)).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task StaffCookie_IsRefusedEverywhereInTheArea(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await browser.OpenAsync("/People")).Status.ShouldBe(HttpStatusCode.OK); // the staff cookie works where it belongs

        (await RefusalsMissingAsync(browser.Http)).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task StaffCookieValue_UnderThePersonCookieName_IsRefused(DatabaseProvider provider)
    {
        using var staff = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var staffCookie = await CookieValueAsync(staff, "/People", "pb-session");
        using var anonymous = await app.BrowserAsync(provider);

        (await RefusalsMissingAsync(anonymous.Http, r => r.Headers.Add("Cookie", $"{PersonAuthentication.CookieName}={staffCookie}"))).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_SeesOnlyTheirOwnRecord_OnEveryPageAndEndpoint(DatabaseProvider provider)
    {
        var mine = await app.NewPersonWithAccountAsync(provider);
        var theirs = await app.NewPersonWithAccountAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsPersonAsync(mine);

        // Both have a plan: each address with an id is tried with the person's own plan (theirs is MyRecordPagesTests' 404).
        var myPlan = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, mine.Person.Id, pathway: false));
        await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, theirs.Person.Id, pathway: false));
        foreach (var path in PersonGets.Select(p => Concrete(p, myPlan)))
        {
            using var response = await browser.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.NoContent], path);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            body.ShouldNotContain(theirs.Person.LegalLastName, Case.Sensitive, path);
        }

        var home = await browser.GetAsync(MyPaths.Home);
        home.BodyText.ShouldContain(mine.Person.LegalLastName);
        var me = await browser.Http.GetFromJsonAsync<MeResponse>(MyApi.Prefix + "/me", Json, TestContext.Current.CancellationToken);
        me.ShouldNotBeNull().PersonId.ShouldBe(mine.Person.Id);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_SeesWhoOwnsTheNextStepAndByWhen(DatabaseProvider provider)
    {
        var due = UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(9);
        var account = await app.NewPersonWithAccountAsync(provider,
            app.NewPerson(provider).AtStage(Core.Pathways.PathwayStage.SupportPlanning, DemoAccounts.NorthSocialWorker, due));
        using var browser = await app.BrowserAsync(provider);

        var home = await browser.SignInAsPersonAsync(account);

        home.Status.ShouldBe(HttpStatusCode.OK);
        home.SummaryValue("Next step").ShouldBe("Support planning");
        home.SummaryValue("Who is doing it").ShouldBe("Tom Okafor, social worker");
        home.SummaryValue("By when").ShouldBe(UkFormat.Date(due));
        home.SummaryValue("Your key worker").ShouldBe("Priya Shah");
        var next = await browser.Http.GetFromJsonAsync<NextStepResponse>(MyApi.Prefix + "/next-step", Json, TestContext.Current.CancellationToken);
        next.ShouldNotBeNull().OwnerName.ShouldBe("Tom Okafor");
        next.DueDate.ShouldBe(due);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_WithABudgetInPlace_SeesTheirStatement(DatabaseProvider provider)
    {
        // Demo person NM100045 has a £250-a-week budget in place (section 117).
        var demo = new TestPerson(new Guid("00000000-0000-4000-8000-000000001044"), "", "NM100045", null, null, [], "", "");
        var account = await app.AccountForAsync(provider, demo);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsPersonAsync(account);

        var page = await browser.GetAsync(MyPaths.Budget);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Heading.ShouldBe("Your personal budget is £250.00 a week");
        page.SummaryValue("Assessed contribution").ShouldBe("No charge: section 117 aftercare is free");
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == demo.Id && a.RecordType == "PersonalBudget" && a.ActorKind == ActorKind.Person))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task EveryView_IsAuditedWithThePersonAsTheActor(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsPersonAsync(account);
        await browser.Http.GetAsync(new Uri(MyApi.Prefix + "/pathway", UriKind.Relative), TestContext.Current.CancellationToken);

        var views = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.PersonId == account.Person.Id && a.Action == AuditAction.Viewed).ToListAsync());
        views.Count.ShouldBe(2); // the home page after sign-in, and the API
        views.ShouldAllBe(v => v.ActorKind == ActorKind.Person && v.UserId == account.AccountId);
        var signIn = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.PersonId == account.Person.Id && a.Action == AuditAction.SignedIn));
        signIn.ActorKind.ShouldBe(ActorKind.Person);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PersonCookie_DoesNotWorkOnStaffPagesOrTheStaffApi(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(account);
        var cookie = await CookieValueAsync(person, MyPaths.Home, PersonAuthentication.CookieName);
        using var other = await app.BrowserAsync(provider);

        // The cookie's path keeps browsers from sending it outside the area; sent anyway, under either name, it is refused.
        foreach (var name in new[] { PersonAuthentication.CookieName, "pb-session" })
        {
            foreach (var path in new[] { "/", "/People", $"/People/{account.Person.Id}", "/Work" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Cookie", $"{name}={cookie}");
                using var response = await other.Http.SendAsync(request, TestContext.Current.CancellationToken);
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{name} on {path}");
                response.Headers.Location!.OriginalString.ShouldContain("/Account/SignIn");
            }

            foreach (var path in new[] { "/api/v1/people/", $"/api/v1/people/{account.Person.Id}" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Cookie", $"{name}={cookie}");
                using var response = await other.Http.SendAsync(request, TestContext.Current.CancellationToken);
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{name} on {path}");
            }
        }
    }

    /// <summary>The value of a cookie the browser holds for the path.</summary>
    private static async Task<string> CookieValueAsync(Browser browser, string path, string name)
    {
        // The test client's cookie container is inside its handler: read the cookie from a request it sends.
        using var response = await browser.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var sent = response.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
        return sent.Split(';').Select(c => c.Trim()).Where(c => c.StartsWith(name + "=", StringComparison.Ordinal))
            .Select(c => c[(name.Length + 1)..]).FirstOrDefault() ?? throw new InvalidOperationException($"No cookie {name} sent to {path}.");
    }
}
