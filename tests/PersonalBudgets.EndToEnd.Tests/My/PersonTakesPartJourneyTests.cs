using Microsoft.Playwright;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.My;

/// <summary>
/// Issue 13's journey at phone width (ADR 0029 and 0031): the person's key worker starts their support plan and invites
/// them by letter; the person signs up with a password and an authenticator code made by the product's own TOTP
/// function, sees who owns their next step, and writes "what matters" and an outcome as drafts; the key worker puts both in
/// the plan; the person sees them there, agrees the plan in their own words and asks for a review with the reason; the
/// key worker sees the request in My work. axe-core checks every page.
/// </summary>
/// <remarks>
/// The demo person is <see cref="DemoData.SouthPlanningNoAccount"/> (South: support planning owned by Grace Lee, key
/// worker David Osei): no other journey uses them, so this one needs no collection. The only demo person with a plan
/// already being written (NM100030) belongs to the financial assessment journey, so the key worker starts this person's
/// plan here, as he would before writing it with them.
/// </remarks>
public sealed class PersonTakesPartJourneyTests(AppServerFixture app) : EndToEndTest(app)
{
    private const string WhatMatters = "Going to the allotment with my brother, and being able to cook for myself.";
    private const string Outcome = "To take the bus to the allotment on my own every Saturday";
    private const string InMyWords = "Yes. It says what I want, in my words.";
    private const string ReviewReason = "My brother is moving away, so I will need more help getting to the allotment.";

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task PersonSignsUp_WritesForTheirPlan_AgreesIt_AndAsksForAReview_AtPhoneWidth()
    {
        var personId = DemoData.PersonId(DemoData.SouthPlanningNoAccount);

        // The person's key worker (South's team manager), on his phone: starts the plan, then invites the person by
        // letter from their record. Grace Lee has the support planning step; what the person writes and asks goes to
        // their key worker.
        await SignInAsync(DemoData.SouthManager);
        await Page.SetViewportSizeAsync(375, 800);
        await GoToAsync(DemoData.PersonPath(DemoData.SouthPlanningNoAccount, "Plans"));
        await FollowAsync(Button("Start a support plan"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Care and support plan, version 1");
        var planOverview = new Uri(Page.Url).AbsolutePath;
        await GoToAsync(DemoData.PersonPath(DemoData.SouthPlanningNoAccount));
        await Expect(SummaryRow("Their own online account")).ToContainTextAsync("No account");
        await GoToAsync(DemoData.PersonPath(DemoData.SouthPlanningNoAccount, "OnlineAccount"));
        await Page.GetByLabel("Email address the person will sign in with").FillAsync("takes.part@example.com");
        await Page.GetByLabel("Letter").CheckAsync();
        await FollowAsync(Button("Invite"));
        await Expect(Heading("See your care and support online", 1)).ToBeVisibleAsync();
        var code = (await Page.Locator("#invitation-code").TextContentAsync())!.Trim();
        var staffCookies = await Page.Context.CookiesAsync();

        // The person, on their own phone: no staff session.
        await Page.Context.ClearCookiesAsync();
        await GoToAsync("/my/start");
        await Page.GetByLabel("Code from your letter or email").FillAsync(code);
        await FollowAsync(Button("Continue"));
        await Expect(Heading("Choose a password", 1)).ToBeVisibleAsync();
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync("orange bicycle harbour");
        await Page.GetByLabel("Type the password again").FillAsync("orange bicycle harbour");
        await FollowAsync(Button("Continue"));
        await Expect(Heading("Set up your authenticator app", 1)).ToBeVisibleAsync();
        var key = (await Page.Locator("#totp-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await Page.GetByLabel("Code from the app").FillAsync(Totp.Compute(Base32.Decode(key), DateTimeOffset.UtcNow));
        await FollowAsync(Button("Finish"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your account is ready" })).ToBeVisibleAsync();

        await FollowAsync(Link("See your support"));
        await Expect(SummaryRow("Next step")).ToContainTextAsync("Support planning");
        await Expect(SummaryRow("Who is doing it")).ToContainTextAsync(DemoData.OtName);
        await Expect(SummaryRow("By when")).ToBeVisibleAsync();
        await FitsAsync();

        // What matters, and an outcome, in their own words: drafts for the worker.
        await GoToAsync("/my/plan");
        await Expect(Heading("Your plan", 1)).ToBeVisibleAsync();
        await FollowAsync(Link("Write what matters to you"));
        await Page.GetByLabel("What matters to you", new() { Exact = true }).FillAsync(WhatMatters);
        await FollowAsync(Button("Send to my worker"));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync($"{DemoData.SouthManagerName} will look at what you wrote by");
        await FollowAsync(Link("Add an outcome you want"));
        await Page.GetByLabel("An outcome you want", new() { Exact = true }).FillAsync(Outcome);
        await FollowAsync(Button("Send to my worker"));
        await Expect(Page.Locator("#drafts tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#drafts")).ToContainTextAsync(WhatMatters);
        await Expect(Page.Locator("#drafts")).ToContainTextAsync(Outcome);
        await FitsAsync();
        var personCookies = await Page.Context.CookiesAsync();

        // The key worker, back at his desk, puts both into the plan.
        await Page.Context.ClearCookiesAsync();
        await Page.Context.AddCookiesAsync(staffCookies.Select(ToCookie));
        await Page.SetViewportSizeAsync(1280, 800);
        await GoToAsync(planOverview);
        await Expect(Page.Locator("#persons-words")).ToContainTextAsync("2 waiting for you");
        await FollowAsync(Page.Locator("#persons-words"));
        await Expect(Heading("What the person wrote for their plan", 1)).ToBeVisibleAsync();
        for (var i = 0; i < 2; i++)
        {
            await FollowAsync(Button("Put this in the plan").First);
            await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync("The person's words are in the plan");
        }

        await Expect(Button("Put this in the plan")).ToHaveCountAsync(0);

        // The person sees their words in the plan, agrees it in their own words, and asks for a review.
        await Page.Context.ClearCookiesAsync();
        await Page.Context.AddCookiesAsync(personCookies.Select(ToCookie));
        await Page.SetViewportSizeAsync(375, 800);
        await GoToAsync("/my/plan");
        await Expect(SummaryRow("What matters")).ToContainTextAsync(WhatMatters);
        await Expect(SummaryRow("What matters")).ToContainTextAsync("Written by you");
        await Expect(Page.Locator("#outcomes")).ToContainTextAsync(Outcome);
        await FollowAsync(Link("Say if you agree with your plan"));
        await Expect(Heading("Do you agree with your plan?", 1)).ToBeVisibleAsync();
        await Page.GetByLabel("Yes, I agree with my plan").CheckAsync();
        await Page.GetByLabel("In your own words").FillAsync(InMyWords);
        await FollowAsync(Button("Send my answer"));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync("What you said about your plan is saved");
        await Expect(SummaryRow("Do you agree")).ToContainTextAsync(InMyWords);
        await Expect(SummaryRow("Do you agree")).ToContainTextAsync("You said this yourself");
        await FitsAsync();

        await GoToAsync("/my/requests");
        await FollowAsync(Link("Ask for a review of your support"));
        await Expect(Heading("Ask for a review", 1)).ToBeVisibleAsync();
        await Page.GetByLabel("Why do you want a review?").FillAsync(ReviewReason);
        await FollowAsync(Button("Ask for a review"));
        await Expect(Page.Locator(".govuk-notification-banner")).ToContainTextAsync($"You asked for a review. {DemoData.SouthManagerName} will answer by");
        await Expect(SummaryRow("Why")).ToContainTextAsync(ReviewReason);
        await Expect(SummaryRow("Who will answer")).ToContainTextAsync(DemoData.SouthManagerName);
        await FitsAsync();

        // The key worker sees the request in My work, with its owner and due date.
        await Page.Context.ClearCookiesAsync();
        await Page.Context.AddCookiesAsync(staffCookies.Select(ToCookie));
        await Page.SetViewportSizeAsync(1280, 800);
        await GoToAsync("/");
        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "My work" }));
        var request = Page.Locator("#persons-waiting tbody tr").Filter(new() { Has = Page.Locator($"a[href*='{personId}']", new() { HasText = "Asked for a review" }) });
        await Expect(request).ToHaveCountAsync(1);
        await Expect(request).ToContainTextAsync(DemoData.SouthManagerName);
        await FollowAsync(request.GetByRole(AriaRole.Link, new() { Name = "Asked for a review" }));
        await Expect(Page.Locator("main")).ToContainTextAsync(ReviewReason);
    }

    private static Cookie ToCookie(BrowserContextCookiesResult c) => new()
    {
        Name = c.Name,
        Value = c.Value,
        Domain = c.Domain,
        Path = c.Path,
        Expires = c.Expires,
        HttpOnly = c.HttpOnly,
        Secure = c.Secure,
        SameSite = c.SameSite,
    };

    /// <summary>Fails when the page is wider than the phone's screen.</summary>
    private async Task FitsAsync()
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{Page.Url} is {widths[0]} px wide in a {widths[1]} px window.");
    }
}
