using System.Net;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

public sealed class SecurityHeadersTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Pages_SendSecurityHeadersAndNoStore()
    {
        using var browser = await app.SignedInAsync(DatabaseProvider.Sqlite, DemoAccounts.NorthNurse);

        using var response = await browser.Http.GetAsync(new Uri("/People", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("script-src 'self' 'nonce-");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task InlineScript_CarriesThePoliciesNonce()
    {
        using var browser = await app.BrowserAsync(DatabaseProvider.Sqlite);

        using var response = await browser.Http.GetAsync(new Uri("/Account/SignIn", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = csp.Split("'nonce-")[1].Split('\'')[0];

        html.ShouldContain($"<script nonce=\"{nonce}\">");
    }

    [Fact]
    public async Task SessionCookie_IsSecureHttpOnlyAndSameSite()
    {
        using var browser = await app.BrowserAsync(DatabaseProvider.Sqlite);
        var signIn = await browser.GetAsync("/Account/SignIn");
        var token = signIn.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await browser.Http.PostAsync(new Uri("/Account/SignIn", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("Email", DemoAccounts.NorthNurse), new("Password", PersonalBudgets.Web.Features.DemoData.DemoDataSeeder.DemoPassword), new("__RequestVerificationToken", token),
        ]), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pb-session=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("secure");
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
    }

    [Fact]
    public async Task PeopleSearch_KeepsSearchTermsOutOfTheUrl()
    {
        using var browser = await app.SignedInAsync(DatabaseProvider.Sqlite, DemoAccounts.NorthNurse);
        var page = await browser.GetAsync("/People");

        var result = await browser.SubmitAsync(page, ("Query", "Example"));

        result.Status.ShouldBe(HttpStatusCode.Redirect);
        result.Location!.ShouldNotContain("Example", Case.Insensitive);
        var results = await browser.FollowAsync(result);
        results.Status.ShouldBe(HttpStatusCode.OK);
        results.TableRows().ShouldNotBeEmpty();
        results.TableRows().ShouldAllBe(r => r[0].Contains("Example", StringComparison.Ordinal));
    }
}
