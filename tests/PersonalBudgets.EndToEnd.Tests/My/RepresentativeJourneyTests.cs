using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.My;

/// <summary>
/// Representatives at phone width (ADR 0030): the demo person gives a family member access; the family member signs up
/// with the emailed code (read from the development outbox) and sees the person's support. axe-core on every page.
/// </summary>
[Collection(DemoPersonAccount)]
public sealed partial class RepresentativeJourneyTests(AppServerFixture app) : EndToEndTest(app)
{
    /// <summary>Journeys that sign in to NM100041's account run one after another: its codes work once, and its row is saved at each sign-in.</summary>
    public const string DemoPersonAccount = "NM100041's account";

    [GeneratedRegex(@"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")]
    private static partial Regex CodePattern();

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task PersonGivesAccess_RepresentativeSignsUpAtPhoneWidth_AndSeesThePersonsSupport()
    {
        await Page.SetViewportSizeAsync(375, 800);
        await GoToAsync("/my/sign-in");
        await Page.GetByLabel("Email address").FillAsync("person41@example.com");
        await Page.GetByLabel("Password").FillAsync(DemoPassword);
        await FollowAsync(Button("Continue"));
        // A code works once: start in a step the other journey with this demo person cannot have used.
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        while (Totp.StepAt(DateTimeOffset.UtcNow) == step)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        var used = Totp.StepAt(DateTimeOffset.UtcNow);
        await Page.GetByLabel("Enter the code from your authenticator app").FillAsync(Totp.Compute(Base32.Decode("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), DateTimeOffset.UtcNow));
        await FollowAsync(Button("Sign in"));
        await Expect(Page.Locator("#next-step")).ToBeVisibleAsync();

        await GoToAsync("/my/representatives");
        await Expect(Heading("People who can see your support", 1)).ToBeVisibleAsync();
        await FollowAsync(Link("Let someone see your support"));
        await Page.GetByLabel("Their name").FillAsync("Robin Journey");
        await Page.GetByLabel("Family member").CheckAsync();
        await Page.GetByLabel("Their email address").FillAsync("journey.rep@example.com");
        await Page.GetByLabel("See the money: the budget and any direct payment").CheckAsync();
        var end = DateTime.UtcNow.AddMonths(3);
        await Page.Locator("#Input_EndsOn").FillAsync(end.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator("#Input_EndsOn-month").FillAsync(end.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator("#Input_EndsOn-year").FillAsync(end.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await FollowAsync(Button("Send the code"));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync("Robin Journey");

        await Page.Context.ClearCookiesAsync();
        await Page.SetViewportSizeAsync(1280, 800); // the administrator reads the outbox at a desk
        await SignInAsync("admin@northmoor.example");
        await GoToAsync("/Admin/Outbox");
        var email = Page.Locator(".app-outbox-email").Filter(new() { HasText = "journey.rep@example.com" }).First;
        var code = CodePattern().Match((await email.TextContentAsync())!).Value;
        Assert.False(string.IsNullOrEmpty(code));

        // The representative, on their own phone.
        await Page.Context.ClearCookiesAsync();
        await Page.SetViewportSizeAsync(375, 800);
        await GoToAsync("/my/start");
        await Page.GetByLabel("Code from your letter or email").FillAsync(code);
        await FollowAsync(Button("Continue"));
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync("amber lantern meadow");
        await Page.GetByLabel("Type the password again").FillAsync("amber lantern meadow");
        await FollowAsync(Button("Continue"));
        var key = (await Page.Locator("#totp-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await Page.GetByLabel("Code from the app").FillAsync(Totp.Compute(Base32.Decode(key), DateTimeOffset.UtcNow));
        await FollowAsync(Button("Finish"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your account is ready" })).ToBeVisibleAsync();

        await FollowAsync(Link("See your support"));
        await Expect(Page.Locator("#acting-for")).ToBeVisibleAsync();
        await Expect(Page.Locator("#now")).ToBeVisibleAsync();
        await Expect(SummaryRow("Who is doing it")).ToBeVisibleAsync();
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide in a {widths[1]} px window.");
        while (Totp.StepAt(DateTimeOffset.UtcNow) <= used)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken); // so a journey after this one signs in with a step not yet used
        }
    }
}
