using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Pathway;

/// <summary>The back half of the pathway in the browser: a panel decides a plan above the limit, and a review that has come due is completed.</summary>
public sealed class PanelAndReviewTests(AppServerFixture app) : EndToEndTest(app)
{
    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task PanelMember_ApprovesAPlanAboveTheLimit_AndTheStatementShowsTheSplit()
    {
        await SignInAsync(DemoData.Panel);

        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Panels" }));
        await Expect(Heading("Panels", 1)).ToBeVisibleAsync();
        await FollowAsync(Page.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Link).First);
        await Expect(Page.Locator("h1")).ToContainTextAsync("Meeting on");

        var personId = DemoData.PersonId(DemoData.OnFundingPanelAgenda).ToString();
        var item = Page.Locator($"a[href*='/Items/']").First;
        await FollowAsync(item);
        await Expect(Page.Locator("h1")).ToContainTextAsync("Version 1 of the support plan");
        await Expect(Page.Locator("main")).ToContainTextAsync("£520.00");

        await Expect(Page.Locator("#plan-basis")).ToContainTextAsync("The whole plan, version 1");
        await Page.GetByLabel("Who attended the panel meeting").FillAsync("Ruth Campbell, chair (council); Dr Amir Khan, consultant psychiatrist (NHS trust)");
        await Page.GetByLabel("Approved", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Reasons for the decision").FillAsync("The plan meets the eligible needs and the personal assistant hours are justified by the assessment.");
        await FollowAsync(Button("Record the decision"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("approved");

        await GoToAsync($"/People/{personId}/PersonalBudget");
        await Expect(SummaryRow("Total weekly cost")).ToContainTextAsync("£520.00");
        await Expect(SummaryRow("Assessed contribution")).ToContainTextAsync("£40.00 a week");
        await Expect(SummaryRow("Council's share")).ToContainTextAsync("£480.00 a week");
        var split = Page.Locator("table.app-budget-split");
        await Expect(split.GetByRole(AriaRole.Row).Filter(new() { HasText = "Direct payment" })).ToContainTextAsync("£330.00");
        await Expect(split.GetByRole(AriaRole.Row).Filter(new() { HasText = "Council-commissioned service" })).ToContainTextAsync("£190.00");
        await Expect(split.GetByRole(AriaRole.Row).Filter(new() { HasText = "Total" })).ToContainTextAsync("£520.00");

        await FollowAsync(Button("Statement for the person"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Your personal budget is £520.00 a week");

        // The decision moved the pathway on: the budget is in place and the first review has an owner and a due date.
        await GoToAsync($"/People/{personId}/Pathway");
        await Expect(Page.Locator("main")).ToContainTextAsync("Budget in place");
    }

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Practitioner_CompletesAReviewThatHasComeDue_AndTheNextReviewIsScheduled()
    {
        await SignInAsync(DemoData.Nurse);

        // Before the review, the person answers the questionnaire in their own area, on a phone (ADR 0033): invited by letter first.
        await GoToAsync(DemoData.PersonPath(DemoData.ReviewOverdue, "OnlineAccount"));
        await Page.GetByLabel("Email address the person will sign in with").FillAsync("review.journey@example.com");
        await Page.GetByLabel("Letter").CheckAsync();
        await FollowAsync(Button("Invite"));
        var code = (await Page.Locator("#invitation-code").TextContentAsync())!.Trim();
        await Page.Context.ClearCookiesAsync();
        await Page.SetViewportSizeAsync(375, 800);
        await GoToAsync("/my/start");
        await Page.GetByLabel("Code from your letter or email").FillAsync(code);
        await FollowAsync(Button("Continue"));
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync("orange teapot meadow");
        await Page.GetByLabel("Type the password again").FillAsync("orange teapot meadow");
        await FollowAsync(Button("Continue"));
        var key = (await Page.Locator("#totp-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await Page.GetByLabel("Code from the app").FillAsync(Core.PersonAccounts.Totp.Compute(Core.PersonAccounts.Base32.Decode(key), DateTimeOffset.UtcNow));
        await FollowAsync(Button("Finish"));
        await FollowAsync(Link("See your support"));
        await GoToAsync("/my/reviews");
        await FollowAsync(Link("Before your review: tell us how your support has gone"));
        await Expect(Heading("Before your review", 1)).ToBeVisibleAsync();
        var outcomes = Page.GetByRole(AriaRole.Group).Filter(new() { HasText = "Did this happen:" });
        for (var i = 0; i < await outcomes.CountAsync(); i++)
        {
            await outcomes.Nth(i).GetByLabel("Mostly", new() { Exact = true }).CheckAsync();
        }

        await Page.GetByRole(AriaRole.Group, new() { Name = "Was it easy to get your budget?" }).GetByLabel("A little", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Did you feel in control of your support?" }).GetByLabel("Yes, very much", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Did your support help you live the life you want?" }).GetByLabel("Mostly", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Were you treated with respect?" }).GetByLabel("Yes, very much", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Anything else you want to tell us (you do not have to)").FillAsync("Waiting to hear back was the hardest part.");
        await FollowAsync(Button("Send my answers"));
        await Expect(Heading("Your reviews", 1)).ToBeVisibleAsync();
        await Page.Context.ClearCookiesAsync();
        await Page.SetViewportSizeAsync(1280, 800);
        await SignInAsync(DemoData.Nurse);

        // The review shows in My work, overdue, before anything else.
        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "My work" }));
        var personId = DemoData.PersonId(DemoData.ReviewOverdue).ToString();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.Locator($"a[href*='{personId}']") });
        // A budget in place is, as work, its coming review.
        await Expect(row).ToContainTextAsync("Review");
        await Expect(row).Not.ToContainTextAsync("Budget in place");
        await Expect(row).ToContainTextAsync("Overdue");

        await GoToAsync($"/People/{personId}/Reviews");
        await Expect(Page.Locator("main")).ToContainTextAsync("Overdue");
        await FollowAsync(Button("Start the scheduled review"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Scheduled review");
        // The reviewer reads what the person said before the review, beside their own findings.
        await Expect(Page.Locator("#persons-questionnaire")).ToContainTextAsync("Waiting to hear back was the hardest part.");

        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "How the person took part, and what is and is not working" }));
        await Page.GetByLabel("In person", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("What is working?").FillAsync("My personal assistant and I go to the allotment twice a week and I feel calmer.");
        await Page.GetByLabel("What is not working?").FillAsync("Finding work is slow; the employment support sessions clash with my appointments.");
        await Page.GetByRole(AriaRole.Group, new() { Name = "Were the direct payment arrangements reviewed?" }).GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));

        // Back at the task list: each of the plan's outcomes, in the person's words.
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Scheduled review");
        var tasks = Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Outcome: ") });
        (await tasks.CountAsync()).ShouldBe(2);
        await FollowAsync(tasks.First);
        for (var i = 0; i < 2; i++)
        {
            await Expect(Heading("Was the outcome achieved?", 1)).ToBeVisibleAsync();
            await Page.GetByLabel(i == 0 ? "Fully achieved" : "Partly achieved", new() { Exact = true }).CheckAsync();
            await Page.GetByLabel("What does the person say about it? (optional)").FillAsync(i == 0 ? "This has really helped." : "Getting there, slowly.");
            await FollowAsync(Button("Save and continue"));
        }

        if (await Heading("Check your answers and decide", 1).CountAsync() == 0)
        {
            await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Check answers and decide" }));
        }

        await Expect(Page.GetByText("You cannot complete the review yet")).ToHaveCountAsync(0);
        await Page.GetByLabel("Continue with the plan: it is meeting the person's needs").CheckAsync();
        await FollowAsync(Button("Complete the review"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Review completed");
        await Expect(Page.Locator("main")).ToContainTextAsync("What happens next");

        // Back at budget in place, with the next review due no later than 6 months after the direct payment started.
        await GoToAsync($"/People/{personId}/Reviews");
        var reviews = Page.GetByRole(AriaRole.Table).First;
        await Expect(reviews).ToContainTextAsync("Completed");
        await GoToAsync($"/People/{personId}/Pathway");
        await Expect(Page.Locator("main")).ToContainTextAsync("Review");
        await Expect(Page.Locator("main")).ToContainTextAsync("Budget in place");
    }
}
