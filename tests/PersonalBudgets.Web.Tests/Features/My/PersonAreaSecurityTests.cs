using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Core.Representatives;
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
    /// <summary>Who a page or endpoint lets in (ADR 0030): any signed-in account, the person only, or the person and representatives with a scope.</summary>
    private sealed record Access(RepresentativeScopes? Scope, bool AnyAccount = false)
    {
        public static readonly Access Any = new(Scope: null, AnyAccount: true);
        public static readonly Access PersonOnly = new(Scope: null);

        public static Access With(RepresentativeScopes scope) => new(scope);

        public bool Allows(RepresentativeScopes granted) => AnyAccount || (Scope is { } s && (granted & s) == s);
    }

    /// <summary>
    /// Every GET that needs the area's sign-in, and who it lets in. A new one fails
    /// <see cref="EveryPersonEndpoint_IsInTheMatrix"/> until added here.
    /// </summary>
    private static readonly Dictionary<string, Access> PersonGetAccess = new()
    {
        ["/my"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/account"] = Access.Any,
        ["/my/budget"] = Access.With(RepresentativeScopes.SeeMoney),
        ["/my/sign-out"] = Access.Any,
        ["/my/choose"] = Access.Any,
        ["/my/representatives"] = Access.PersonOnly,
        ["/my/representatives/add"] = Access.PersonOnly,
        ["/my/representatives/change"] = Access.PersonOnly,
        ["/my/api/v1/me"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/pathway"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/next-step"] = Access.With(RepresentativeScopes.SeeSupport),
        // What the person sees of their record, and who looked at it (slice 2).
        ["/my/record"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/assessment"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/eligibility"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/indicative-budget"] = Access.With(RepresentativeScopes.SeeMoney),
        ["/my/plan/versions"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/reviews"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/direct-payment"] = Access.With(RepresentativeScopes.SeeMoney),
        ["/my/who-looked"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/assessments"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/eligibility"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/indicative-budget"] = Access.With(RepresentativeScopes.SeeMoney),
        ["/my/api/v1/plan/versions/current"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/plan/versions"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/reviews"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/direct-payment"] = Access.With(RepresentativeScopes.SeeMoney),
        ["/my/api/v1/access-log"] = Access.With(RepresentativeScopes.SeeSupport),
        // What the person does (ADR 0031).
        ["/my/plan"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/plan/write?part=about-me"] = Access.With(RepresentativeScopes.WritePlan),
        ["/my/plan/agree"] = Access.With(RepresentativeScopes.AgreeAndAsk),
        ["/my/requests"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/requests/review"] = Access.With(RepresentativeScopes.AgreeAndAsk),
        ["/my/requests/challenge"] = Access.With(RepresentativeScopes.AgreeAndAsk),
        ["/my/api/v1/plan"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/requests"] = Access.With(RepresentativeScopes.SeeSupport),
        // Before a review (ADR 0033): anyone who may see the support reads it; answering needs "agree and ask".
        ["/my/reviews/questionnaire"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/review/questionnaire"] = Access.With(RepresentativeScopes.SeeSupport),
        // The person's self-assessment (ADR 0031): anyone who may see the support reads it; writing it needs "write".
        ["/my/self-assessment"] = Access.With(RepresentativeScopes.SeeSupport),
        ["/my/api/v1/self-assessment"] = Access.With(RepresentativeScopes.SeeSupport),
    };

    /// <summary>GETs of one of the person's own records by id (SeeSupport): refused before anything looks the id up.</summary>
    private static readonly string[] PersonIdGets = ["/my/plan/versions/{id:guid}", "/my/api/v1/plan/versions/{id:guid}"];

    private static readonly string[] PersonGets = [.. PersonGetAccess.Keys, .. PersonIdGets];

    /// <summary>The person's API endpoints that only take a POST (ADR 0031): refused like the rest, sent as JSON.</summary>
    private static readonly string[] PersonApiPosts = ["/my/api/v1/plan/drafts", "/my/api/v1/plan/agreement", "/my/api/v1/requests", "/my/api/v1/review/questionnaire",
        "/my/api/v1/self-assessment", "/my/api/v1/self-assessment/send"];

    /// <summary>A pattern as an address: a route's id is any id (the refusal comes before anything looks it up).</summary>
    private static string Concrete(string pattern, Guid? id = null) =>
        pattern.Replace("{id:guid}", (id ?? Guid.NewGuid()).ToString(), StringComparison.Ordinal);

    /// <summary>POSTs that change something for the person (with a valid token): the person's own.</summary>
    private static readonly string[] PersonOnlyPosts = ["/my/representatives/add", "/my/representatives?handler=End", "/my/representatives/change"];

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly string[] PersonPosts = ["/my/sign-out", "/my/sign-out?handler=Everywhere", "/my/choose", .. PersonOnlyPosts,
        "/my/plan/write?part=about-me", "/my/plan/agree", "/my/requests/review", "/my/requests/challenge", "/my/reviews/questionnaire",
        "/my/self-assessment", "/my/self-assessment?handler=Send"];

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

    /// <summary>A representative's grant with each scope (every grant includes seeing the support), against every page and endpoint.</summary>
    public static TheoryData<DatabaseProvider, RepresentativeScopes> ProvidersAndScopes()
    {
        var data = new TheoryData<DatabaseProvider, RepresentativeScopes>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL })
        {
            foreach (var scope in new[] { RepresentativeScopes.SeeSupport, RepresentativeScopes.SeeMoney, RepresentativeScopes.WritePlan, RepresentativeScopes.AgreeAndAsk })
            {
                data.Add(provider, scope);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndScopes))]
    public async Task Representative_WithEachScope_ReachesExactlyWhatTheGrantAllows(DatabaseProvider provider, RepresentativeScopes scope)
    {
        var person = await app.NewPersonWithAccountAsync(provider);
        var other = await app.NewPersonWithAccountAsync(provider);
        var representative = await app.RepresentativeForAsync(provider, person.Person, scope);
        var granted = scope | RepresentativeScopes.SeeSupport;
        using var browser = await app.BrowserAsync(provider);
        var home = await browser.SignInAsPersonAsync(representative.Account);
        home.Heading.ShouldContain(person.Person.LegalLastName); // one grant: straight to the person

        var problems = new List<string>();
        foreach (var (path, access) in PersonGetAccess)
        {
            using var response = await browser.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var allowed = access.Allows(granted);
            if (allowed ? response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NoContent) : response.StatusCode != HttpStatusCode.Forbidden)
            {
                problems.Add($"GET {path}: {(int)response.StatusCode}, expected {(allowed ? "200" : "403")}");
            }

            if (body.Contains(other.Person.LegalLastName, StringComparison.Ordinal))
            {
                problems.Add($"GET {path} shows another person");
            }
        }

        var page = await browser.GetAsync(MyPaths.Account); // a form with a token for the account
        foreach (var path in PersonOnlyPosts)
        {
            var refused = await browser.PostAsync(path, [new("__RequestVerificationToken", page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), new("grantId", representative.GrantId.ToString())]);
            if (refused.Status != HttpStatusCode.Forbidden)
            {
                problems.Add($"POST {path}: {(int)refused.Status}, expected 403");
            }
        }

        problems.ShouldBeEmpty();
        (await app.QueryAsync(provider, db => db.RecordGrants.SingleAsync(g => g.Id == representative.GrantId))).EndedAt.ShouldBeNull();
    }

    public static TheoryData<DatabaseProvider, string> ProvidersAndDeadGrants()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL })
        {
            foreach (var kind in new[] { "expired", "not started", "ended" })
            {
                data.Add(provider, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndDeadGrants))]
    public async Task Representative_WhoseGrantIsExpiredNotStartedOrEnded_SeesNothing(DatabaseProvider provider, string kind)
    {
        var person = await app.NewPersonWithAccountAsync(provider);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var representative = kind switch
        {
            "expired" => await app.RepresentativeForAsync(provider, person.Person, RepresentativeScopes.All, today.AddDays(-30), today.AddDays(-1)),
            "not started" => await app.RepresentativeForAsync(provider, person.Person, RepresentativeScopes.All, today.AddDays(1), today.AddDays(30)),
            _ => await app.RepresentativeForAsync(provider, person.Person, RepresentativeScopes.All, ended: true),
        };
        using var browser = await app.BrowserAsync(provider);
        var signedIn = await browser.TryPersonPasswordAsync(representative.Account.Email, representative.Account.Password);
        var code = await browser.SubmitAsync(await browser.GetAsync(MyPaths.SignInCode), ("Code", Totp.Compute(representative.Account.Secret, DateTimeOffset.UtcNow)));
        code.Location.ShouldBe(MyPaths.Home, string.Join("; ", signedIn.ErrorSummary.Concat(code.ErrorSummary)));

        var problems = new List<string>();
        foreach (var (path, access) in PersonGetAccess)
        {
            using var response = await browser.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var refused = access.AnyAccount ? response.StatusCode == HttpStatusCode.OK
                : path.StartsWith(MyApi.Prefix, StringComparison.Ordinal) ? response.StatusCode == HttpStatusCode.Forbidden
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString == MyPaths.Choose;
            if (!refused || body.Contains(person.Person.LegalLastName, StringComparison.Ordinal))
            {
                problems.Add($"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        problems.ShouldBeEmpty();
        (await browser.GetAsync(MyPaths.Choose)).Heading.ShouldBe("You cannot see anyone's support right now");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task EndingAGrant_StopsTheRepresentativeOnTheirNextRequest(DatabaseProvider provider)
    {
        var person = await app.NewPersonWithAccountAsync(provider);
        var representative = await app.RepresentativeForAsync(provider, person.Person, RepresentativeScopes.SeeMoney);
        using var rep = await app.BrowserAsync(provider);
        await rep.SignInAsPersonAsync(representative.Account);
        (await rep.GetAsync(MyPaths.Budget)).Status.ShouldBe(HttpStatusCode.OK);
        using var owner = await app.BrowserAsync(provider);
        await owner.SignInAsPersonAsync(person);

        var list = await owner.GetAsync(MyPaths.Representatives);
        var ended = await owner.SubmitAsync(list, [], $"#grant-{representative.GrantId} form");

        ended.Location.ShouldBe(MyPaths.Representatives);
        var after = await owner.GetAsync(MyPaths.Representatives);
        HtmlPage.Text(after.Document.QuerySelector($"#grant-{representative.GrantId} .app-grant-state")).ShouldBe("Ended");
        var home = await rep.GetAsync(MyPaths.Home);
        home.Status.ShouldBe(HttpStatusCode.Redirect);
        home.Location.ShouldBe(MyPaths.Choose);
        using var api = await rep.Http.GetAsync(new Uri(MyApi.Prefix + "/me", UriKind.Relative), TestContext.Current.CancellationToken);
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.PersonId == person.Person.Id && a.Action == AuditAction.AccessEnded));
        audit.ActorKind.ShouldBe(ActorKind.Person);
        audit.UserId.ShouldBe(person.AccountId);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RepresentativeOfAnotherPerson_NeverSeesThisPerson_AndEveryUseIsAuditedForThePersonActedFor(DatabaseProvider provider)
    {
        var mine = await app.NewPersonWithAccountAsync(provider);
        var theirs = await app.NewPersonWithAccountAsync(provider);
        var representative = await app.RepresentativeForAsync(provider, theirs.Person, RepresentativeScopes.All);
        using var browser = await app.BrowserAsync(provider);
        await browser.SignInAsPersonAsync(representative.Account);

        var me = await browser.Http.GetFromJsonAsync<MeResponse>(MyApi.Prefix + "/me", Json, TestContext.Current.CancellationToken);
        me.ShouldNotBeNull().PersonId.ShouldBe(theirs.Person.Id);
        foreach (var path in PersonGetAccess.Keys)
        {
            using var response = await browser.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Forbidden], path);
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain(mine.Person.LegalLastName, Case.Sensitive, path);
        }

        var uses = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.UserId == representative.Account.AccountId && a.Action == AuditAction.Viewed).ToListAsync());
        uses.Count.ShouldBeGreaterThanOrEqualTo(4);
        uses.ShouldAllBe(a => a.ActorKind == ActorKind.Representative && a.PersonId == theirs.Person.Id && a.UserName == representative.Name);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.UserId == representative.Account.AccountId && a.PersonId == mine.Person.Id))).ShouldBe(0);

        // The person acted for sees the use.
        using var owner = await app.BrowserAsync(provider);
        await owner.SignInAsPersonAsync(theirs);
        var list = await owner.GetAsync(MyPaths.Representatives);
        list.TableRows("#uses").Count.ShouldBe(uses.Count);
        list.TableRows("#uses").ShouldAllBe(r => r[1] == representative.Name);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RepresentativeOfTwoPeople_ChoosesWhom_AndTheChoiceIsChecked(DatabaseProvider provider)
    {
        var first = await app.NewPersonWithAccountAsync(provider);
        var second = await app.NewPersonWithAccountAsync(provider);
        var representative = await app.RepresentativeForAsync(provider, first.Person, RepresentativeScopes.SeeSupport);
        var secondGrant = await app.RepresentativeForAsync(provider, second.Person, RepresentativeScopes.SeeMoney, existingAccountId: representative.Account.AccountId);
        using var browser = await app.BrowserAsync(provider);
        await browser.TryPersonPasswordAsync(representative.Account.Email, representative.Account.Password);
        var signedIn = await browser.SubmitAsync(await browser.GetAsync(MyPaths.SignInCode), ("Code", Totp.Compute(representative.Account.Secret, DateTimeOffset.UtcNow)));
        signedIn.Location.ShouldBe(MyPaths.Home);

        var home = await browser.GetAsync(MyPaths.Home);
        home.Location.ShouldBe(MyPaths.Choose);
        var choose = await browser.GetAsync(MyPaths.Choose);
        choose.Document.QuerySelectorAll("input[name=Choice]").Length.ShouldBe(2);
        var forged = await browser.SubmitAsync(choose, ("Choice", Guid.NewGuid().ToString()));
        forged.Status.ShouldBe(HttpStatusCode.BadRequest);
        forged.FieldError("Choice").ShouldBe("Select whose support you want to see");

        (await browser.SubmitAsync(choose, ("Choice", secondGrant.GrantId.ToString()))).Location.ShouldBe(MyPaths.Home);
        (await browser.GetAsync(MyPaths.Home)).Heading.ShouldContain(second.Person.LegalLastName);
        (await browser.GetAsync(MyPaths.Budget)).Status.ShouldBe(HttpStatusCode.OK); // the second grant's scope

        (await browser.SubmitAsync(await browser.GetAsync(MyPaths.Choose), ("Choice", representative.GrantId.ToString()))).Location.ShouldBe(MyPaths.Home);
        (await browser.GetAsync(MyPaths.Home)).Heading.ShouldContain(first.Person.LegalLastName);
        (await browser.GetAsync(MyPaths.Budget)).Status.ShouldBe(HttpStatusCode.Forbidden); // the first grant has no money scope
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
