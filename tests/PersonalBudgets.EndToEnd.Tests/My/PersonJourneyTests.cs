using Microsoft.Playwright;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.My;

/// <summary>
/// The person's own area at phone width (ADR 0029): a practitioner invites a demo person by letter; the person makes
/// their account with the code, a password and an authenticator code made by the product's own TOTP function, and
/// sees who has their next step and by when. Every page is checked with axe-core.
/// </summary>
[Collection(RepresentativeJourneyTests.DemoPersonAccount)]
public sealed class PersonJourneyTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task PractitionerInvites_PersonSignsUpAtPhoneWidth_AndSeesWhoOwnsTheNextStep()
    {
        await SignInAsync(DemoData.Nurse);
        await Page.SetViewportSizeAsync(375, 800);
        await GoToAsync(DemoData.PersonPath(DemoData.ReferralNoAccount));
        await Expect(SummaryRow("Their own online account")).ToContainTextAsync("No account");
        await GoToAsync(DemoData.PersonPath(DemoData.ReferralNoAccount, "OnlineAccount"));
        await Page.GetByLabel("Email address the person will sign in with").FillAsync("journey.person@example.com");
        await Page.GetByLabel("Letter").CheckAsync();
        await FollowAsync(Button("Invite"));
        await Expect(Heading("See your care and support online", 1)).ToBeVisibleAsync();
        var code = (await Page.Locator("#invitation-code").TextContentAsync())!.Trim();

        // The person, on their own phone: no staff session.
        await Page.Context.ClearCookiesAsync();
        await GoToAsync("/my/start");
        await Page.GetByLabel("Code from your letter or email").FillAsync(code);
        await FollowAsync(Button("Continue"));
        await Expect(Heading("Choose a password", 1)).ToBeVisibleAsync();
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync("purple kettle garden");
        await Page.GetByLabel("Type the password again").FillAsync("purple kettle garden");
        await FollowAsync(Button("Continue"));
        await Expect(Heading("Set up your authenticator app", 1)).ToBeVisibleAsync();
        var key = (await Page.Locator("#totp-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await Page.GetByLabel("Code from the app").FillAsync(Totp.Compute(Base32.Decode(key), DateTimeOffset.UtcNow));
        await FollowAsync(Button("Finish"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your account is ready" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#recovery-codes li")).ToHaveCountAsync(OneTimeCodes.RecoveryCodeCount);

        await FollowAsync(Link("See your support"));
        await Expect(SummaryRow("Next step")).ToContainTextAsync("Referral");
        await Expect(SummaryRow("Who is doing it")).ToContainTextAsync($"{DemoData.NurseName}, nurse");
        await Expect(SummaryRow("By when")).ToBeVisibleAsync();
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide in a {widths[1]} px window.");
        await GoToAsync("/my/account");
        await Expect(Heading("Your account", 1)).ToBeVisibleAsync();
    }

    /// <summary>
    /// The demo person (README): email, password, then a code from the documented demo secret; each part of their record
    /// at phone width, with the demo break-glass on "who looked" by job and team with its reason; then sign out.
    /// </summary>
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task DemoPerson_SignsInWithACode_AndSignsOut()
    {
        await Page.SetViewportSizeAsync(375, 800);
        await GoToAsync("/my");
        await Expect(Heading("Sign in to see your care and support", 1)).ToBeVisibleAsync();
        await Page.GetByLabel("Email address").FillAsync("person41@example.com");
        await Page.GetByLabel("Password").FillAsync(DemoPassword);
        await FollowAsync(Button("Continue"));
        await Page.GetByLabel("Enter the code from your authenticator app").FillAsync(Totp.Compute(Base32.Decode("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), DateTimeOffset.UtcNow));
        await FollowAsync(Button("Sign in"));
        await Expect(Page.Locator("#next-step")).ToBeVisibleAsync();
        await Expect(SummaryRow("Who is doing it")).ToBeVisibleAsync();

        // "Your personal budget", or "Your personal budget is £… a week" once another journey has approved NM100041's plan.
        await GoToAsync("/my/budget");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Your personal budget( is £[0-9,.]+ a week)?$"), Level = 1 })).ToBeVisibleAsync();
        // Each part of the record (issue 13, item 3 and 5) shows something for the demo person, fits the phone and passes axe-core.
        await GoToAsync("/my/record");
        await Expect(Heading("Your record", 1)).ToBeVisibleAsync();
        await FitsAsync();
        foreach (var (link, heading) in new (string Link, string? Heading)[]
        {
            ("Your assessment", "Your assessment"),
            ("If the council must help: the decision", "You have eligible needs"),
            ("The first amount of money", null),
            ("Your support plan", null),
            ("Your plan to print, and earlier plans", null),
            ("Your direct payment", "Your direct payment"),
            ("Your reviews", "Your reviews"),
            ("Who looked at your record", "Who looked at your record"),
        })
        {
            await GoToAsync("/my/record");
            await FollowAsync(Link(link));
            await Expect(heading is null ? Page.Locator("h1") : Heading(heading, 1)).ToBeVisibleAsync();
            await FitsAsync();
        }

        // Emergency access is listed at the top, however much other journeys have looked at the record since.
        await Expect(Page.Locator("#emergency-access")).ToContainTextAsync("An occupational therapist in South Community Mental Health Team");
        await Expect(Page.Locator("#emergency-access")).ToContainTextAsync("The reason they gave: Called the out-of-hours line in distress");
        await Expect(Page.Locator("#who-looked")).ToBeVisibleAsync();
        await GoToAsync("/my/indicative-budget");
        await Expect(Page.Locator("#working li").First).ToBeVisibleAsync();
        await Expect(Heading("How to question the amount", 2)).ToBeVisibleAsync();
        await GoToAsync("/my/sign-out");
        await FollowAsync(Page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }));
        await Expect(Heading("You have signed out", 1)).ToBeVisibleAsync();
        await GoToAsync("/my");
        await Expect(Heading("Sign in to see your care and support", 1)).ToBeVisibleAsync();
    }

    /// <summary>Fails when the page is wider than the phone's screen.</summary>
    private async Task FitsAsync()
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{Page.Url} is {widths[0]} px wide in a {widths[1]} px window.");
    }

    /// <summary>The development outbox shows the demo invitation's email to an administrator.</summary>
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Administrator_ReadsTheDemoInvitationInTheOutbox()
    {
        await SignInAsync("admin@northmoor.example");
        await GoToAsync("/Admin/Outbox");
        await Expect(Page.Locator(".app-outbox-email").Filter(new() { HasText = "person45@example.com" })).ToContainTextAsync("/my/start");
    }
}
