using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Pathway;

/// <summary>
/// The carer's route (ADR 21) in Chromium: a practitioner assesses a carer, decides they are eligible, starts the carer's
/// own pathway (their own record, linked to the person they care for), records the offer, works out the carer's
/// indicative budget, writes the carer's support plan with support to the person cared for, and the team manager
/// approves it; the carer's budget statement follows. Every page is checked with axe-core, and the main pages of the
/// journey again at 375 px wide.
/// </summary>
public sealed partial class CarerRouteTests(AppServerFixture app) : EndToEndTest(app)
{
    // Demo person 14: North team; no other test uses them.
    private const int CaredForIndex = 14;
    private const int NarrowWidth = 375;
    private const string CarerFirstName = "Sam";
    private const string CarerLastName = "Carerjourney";
    private const string CarerName = $"{CarerFirstName} {CarerLastName}";

    /// <summary>The carer outcomes the carer cannot achieve, and how (reg 3(3)); every other outcome is managed without difficulty.</summary>
    private static readonly Dictionary<string, string> Unable = new()
    {
        ["Engaging in recreational activities"] = "Unable to achieve it without assistance",
        ["Developing and maintaining family or other personal relationships"] = "With significant pain, distress or anxiety",
    };

    private static readonly string[] WellbeingAreas =
    [
        "Personal dignity, including treatment with respect",
        "Physical and mental health and emotional wellbeing",
        "Protection from abuse and neglect",
        "Control over day-to-day life, including care and support",
        "Participation in work, education, training or recreation",
        "Social and economic wellbeing",
        "Domestic, family and personal relationships",
        "Suitability of living accommodation",
        "The person's contribution to society",
    ];

    [GeneratedRegex("^How this need will be met")]
    private static partial Regex NeedLink();

    [GeneratedRegex("/People/([0-9a-f-]{36})/")]
    private static partial Regex PersonInUrl();

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Practitioner_TakesACarerFromTheirAssessment_ToAnApprovedCarersBudget_AndItsStatement()
    {
        var caredForPath = DemoData.PersonPath(CaredForIndex);
        await SignInAsync(DemoData.Nurse);
        await GoToAsync(caredForPath);
        var caredForName = (await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Trim();

        // The carer's assessment, kept with the cared-for person's record.
        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Record sections" }).GetByRole(AriaRole.Link, new() { Name = "Assessments", Exact = true }));
        await FollowAsync(Button("Start a carer's assessment"));
        await Expect(Heading("Start a carer's assessment", 1)).ToBeVisibleAsync();
        var owner = Page.GetByLabel("Who owns the assessment?");
        await owner.SelectOptionAsync(await owner.Locator("option", new() { HasText = DemoData.NurseName }).GetAttributeAsync("value") ?? "");
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21);
        var dueDate = Page.GetByRole(AriaRole.Group, new() { Name = "When is it due?" });
        await dueDate.GetByLabel("Day").FillAsync(due.Day.ToString(CultureInfo.InvariantCulture));
        await dueDate.GetByLabel("Month").FillAsync(due.Month.ToString(CultureInfo.InvariantCulture));
        await dueDate.GetByLabel("Year").FillAsync(due.Year.ToString(CultureInfo.InvariantCulture));
        await FollowAsync(Button("Start assessment"));
        var overview = Page.Url;

        await FollowAsync(Link("About the assessment"));
        await Page.GetByLabel("Face to face", new() { Exact = true }).CheckAsync();
        await SaveAsync();

        await FollowAsync(Link("Who took part"));
        await Page.GetByLabel("Who took part in the assessment?").FillAsync($"{CarerName}, who cares for her son, and {DemoData.NurseName} (nurse).");
        await Page.GetByRole(AriaRole.Group, new() { Name = "How did the person take part?" }).GetByLabel("In person", new() { Exact = true }).CheckAsync();
        await SaveAsync();

        await FollowAsync(Link("What matters to the person"));
        await Page.GetByLabel("What matters to the person, in their own words").FillAsync("\"I want to keep caring for my son, but I need an evening to myself.\"");
        await Page.GetByLabel("The outcomes they want").FillAsync("Sing in my choir again; sleep.");
        await SaveAsync();

        // The carer's needs, then each carer outcome on its own page: how the carer manages it (reg 3(3)).
        await FollowAsync(Link("The carer's needs"));
        await Page.GetByLabel("The carer's name").FillAsync(CarerName);
        await Page.GetByLabel($"Their relationship to {caredForName}").FillAsync("Mother");
        await Page.GetByRole(AriaRole.Group, new() { Name = "Do the carer's needs arise from providing necessary care?" }).GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Is the carer's physical or mental health deteriorating, or at risk of doing so?" })
            .GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));
        for (var i = 1; i <= 8; i++)
        {
            await Expect(Page.GetByText($"Carer outcome {i} of 8", new() { Exact = true })).ToBeVisibleAsync();
            var outcome = (await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Trim();
            var howManaged = Page.GetByRole(AriaRole.Group, new() { Name = "How does the carer manage this outcome?" });
            await howManaged.GetByLabel(Unable.GetValueOrDefault(outcome, "Without difficulty"), new() { Exact = true }).CheckAsync();
            await FollowAsync(Button("Save and continue"));
        }

        await Expect(Page).ToHaveURLAsync(overview);
        await FollowAsync(Link("Fluctuating needs"));
        await Page.GetByRole(AriaRole.Group, new() { Name = "Do the person's needs fluctuate?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await SaveAsync();

        await FollowAsync(Link("Impact on wellbeing"));
        foreach (var area in WellbeingAreas)
        {
            var impact = area is "Physical and mental health and emotional wellbeing" or "Domestic, family and personal relationships" ? "Significant impact" : "No impact";
            await Page.GetByRole(AriaRole.Group, new() { Name = area, Exact = true }).GetByLabel(impact, new() { Exact = true }).CheckAsync();
        }

        await SaveAsync();
        await FollowAsync(Link("Independent advocacy"));
        await Page.GetByRole(AriaRole.Group, new() { Name = "Is an independent advocate needed?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await SaveAsync();

        await FollowAsync(Link("Check answers and complete"));
        await FollowAsync(Button("Complete assessment"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("completed");

        // Eligibility under reg 3: the carer is eligible.
        await FollowAsync(Button("Decide eligibility"));
        await Expect(Page.Locator("#person-caption")).ToContainTextAsync($"{CarerName}, carer of {caredForName}");
        await Page.GetByRole(AriaRole.Group, new() { Name = "Is there, or is there likely to be, a significant impact on the carer's wellbeing?" })
            .GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Reason for your judgement").FillAsync("Caring every evening is wearing down your health and has cut you off from your friends.");
        await FollowAsync(Button("Confirm eligibility decision"));

        // Straight on to the carer's own record, linked to the person they care for.
        await Expect(Heading("Start the carer's own pathway", 1)).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Legal first name")).ToHaveValueAsync(CarerFirstName);
        var dob = Page.GetByRole(AriaRole.Group, new() { Name = "Date of birth" });
        await dob.GetByLabel("Day").FillAsync("12");
        await dob.GetByLabel("Month").FillAsync("4");
        await dob.GetByLabel("Year").FillAsync("1961");
        await Page.GetByLabel("Council person identifier").FillAsync("NM900014");
        await Page.GetByRole(AriaRole.Group, new() { Name = "Gender" }).GetByLabel("Female", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Ethnicity").SelectOptionAsync(new SelectOptionValue { Label = "No data: Undeclared or not known" });
        await Page.GetByLabel("Accommodation status").SelectOptionAsync(new SelectOptionValue { Label = "Owner occupier or shared ownership scheme" });
        await Page.GetByLabel("Employment status").SelectOptionAsync(new SelectOptionValue { Label = "Paid: Less than 16 hours a week" });
        await Page.GetByRole(AriaRole.Group, new() { Name = "Is the person eligible for section 117 aftercare?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Create the carer's record and start their pathway"));

        // The offer at eligibility, on the carer's own record.
        await Expect(Heading("Record a personal budget offer", 1)).ToBeVisibleAsync();
        await Expect(Page.Locator("#person-caption")).ToContainTextAsync($"{CarerName}, carer of {caredForName}");
        var carerId = PersonInUrl().Match(Page.Url).Groups[1].Value;
        carerId.ShouldNotBeNullOrEmpty();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Did you explain and offer a personal budget and a direct payment?" }).GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "What was the carer's response?" }).GetByLabel("Interested in a direct payment", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save offer"));
        await Expect(Heading("Eligibility decision", 1)).ToBeVisibleAsync();

        // The carer's indicative budget, from the carers' resource allocation system.
        await FollowAsync(Link("Work out an indicative budget"));
        await Expect(Page.GetByText("Carers' support (example: calibrate locally before use)", new() { Exact = false })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Who completed the questionnaire?" })
            .GetByLabel("The practitioner, with the person", new() { Exact = true }).CheckAsync();
        var questions = Page.Locator("form fieldset");
        for (var i = 0; i < await questions.CountAsync(); i++)
        {
            if (await questions.Nth(i).Locator("input:checked").CountAsync() == 0)
            {
                await questions.Nth(i).GetByRole(AriaRole.Radio).Nth(1).CheckAsync();
            }
        }

        await FollowAsync(Button("Work out the amount"));
        await Expect(Heading("Indicative budget", 1)).ToBeVisibleAsync();

        // The carer's support plan: support to the person cared for (a sitter) meets the carer's need.
        await GoToAsync($"/People/{carerId}/Plans");
        await FollowAsync(Button("Start a support plan"));
        var plan = Page.Url;
        await WriteSectionAsync(plan, "About me", "I am Sam. I look after my son every evening and work two mornings a week.");
        await WriteSectionAsync(plan, "What matters to me", "Keeping my son well at home, my choir, and some sleep.");
        await GoToAsync(plan);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "The outcomes I want" }));
        await Page.GetByLabel("Outcome 1", new() { Exact = true }).FillAsync("To go to my choir every Thursday evening");
        await WrittenByAndSaveAsync("The person");

        await GoToAsync(plan);
        var needs = Page.GetByRole(AriaRole.Link, new() { NameRegex = NeedLink() });
        var count = await needs.CountAsync();
        count.ShouldBe(3, "the carer's health at risk, and the two carer outcomes not achieved");
        for (var i = 0; i < count; i++)
        {
            await GoToAsync(plan);
            await FollowAsync(needs.Nth(i));
            await Page.GetByLabel("How will this need be met?").FillAsync("A sitter for my son on Thursday evenings, paid by direct payment, so I can go out and rest.");
            await WrittenByAndSaveAsync("The person");
        }

        await GoToAsync(plan);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Costed support" }));
        if (await Heading("Add costed support", 1).CountAsync() == 0)
        {
            await FollowAsync(Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Add") }).First);
        }

        var today = DateTime.Today;
        await Page.GetByLabel("What is the support?").FillAsync("Sitter for my son on Thursday evenings");
        await Page.GetByLabel("Kind of support").SelectOptionAsync(new SelectOptionValue { Label = "Support to the person cared for, to meet the carer's needs (for example, replacement care)" });
        await Page.GetByLabel("Who provides it?").FillAsync("Northmoor Sitters");
        await Page.GetByLabel("Cost of one unit, in pounds").FillAsync("18.00");
        await Page.GetByRole(AriaRole.Group, new() { Name = "What is a unit?" }).GetByLabel("Hour", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Units a week").FillAsync("3");
        var start = Page.GetByRole(AriaRole.Group, new() { Name = "Start date" });
        await start.GetByLabel("Day").FillAsync(today.Day.ToString(CultureInfo.InvariantCulture));
        await start.GetByLabel("Month").FillAsync(today.Month.ToString(CultureInfo.InvariantCulture));
        await start.GetByLabel("Year").FillAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Group, new() { Name = "How is it paid for?" }).GetByLabel("Direct payment", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Which eligible need does it meet?" }).GetByLabel("Engaging in recreational activities", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));
        await Expect(Page.Locator(".govuk-error-summary")).ToHaveCountAsync(0);

        await GoToAsync(plan);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Funding" }));
        await Page.GetByLabel("The person's weekly contribution, in pounds").FillAsync("0");
        await Page.GetByLabel("The NHS's weekly share, in pounds (for an integrated budget)").FillAsync("0");
        await Page.GetByLabel("Why the weekly cost differs from the indicative amount").FillAsync("A sitter three hours a week is what the carer needs to get out one evening.");
        await Page.GetByRole(AriaRole.Group, new() { Name = "Does the plan have significant risks?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));
        await WriteSectionAsync(plan, "Contingency and crisis plan", "If my son is unwell on a Thursday, the sitter comes another evening.");

        await GoToAsync(plan);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "The person's agreement" }));
        await Page.GetByLabel("Agreed", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "How did the person take part in planning?" }).GetByLabel("In person", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));

        await GoToAsync(plan);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Check and submit" }));
        await FollowAsync(Button("Submit for approval"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"Team manager ({DemoData.NorthManagerName})");

        // The team manager of the cared-for person's team approves the carer's plan.
        await FollowAsync(Button("Sign out"));
        await SignInAsync(DemoData.NorthManager);
        await FollowAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Approvals" }));
        await FollowAsync(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = CarerName }).GetByRole(AriaRole.Link).First);
        await Page.GetByLabel("Approved", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Reasons for the decision").FillAsync("The plan meets the carer's eligible needs and she wrote it herself.");
        await FollowAsync(Button("Record the decision"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The personal budget starts on");

        // The carer's personal budget and its statement.
        var carerPath = $"/People/{carerId}";
        await GoToAsync($"{carerPath}/PersonalBudget");
        await Expect(Page.Locator("#carer-of")).ToContainTextAsync($"Carer of {caredForName}");
        await Expect(SummaryRow("Total weekly cost")).ToContainTextAsync("£54.00");
        await FollowAsync(Page.Locator("main a", new() { HasText = "Statement for the person" }));
        await Expect(Page.Locator("main")).ToContainTextAsync("£54.00");
        var statement = new Uri(Page.Url).PathAndQuery;

        await GoToAsync($"{carerPath}/Pathway");
        await Expect(Page.Locator("main")).ToContainTextAsync("Budget in place");

        // The cared-for person's record lists the carer, with the stage of her pathway.
        await GoToAsync(caredForPath);
        await Expect(SummaryRow(CarerName)).ToContainTextAsync("Mother · pathway: Budget in place");

        // The main pages of the journey on a phone: nothing overflows sideways, and each passes axe-core again.
        await Page.SetViewportSizeAsync(NarrowWidth, 800);
        var overflowing = new List<string>();
        foreach (var path in new[] { caredForPath, carerPath, $"{carerPath}/Assessments", $"{carerPath}/Budget", new Uri(plan).PathAndQuery, $"{carerPath}/PersonalBudget", statement, $"{carerPath}/Reviews" })
        {
            await GoToAsync(path);
            var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (widths[0] > NarrowWidth)
            {
                overflowing.Add($"{path} is {widths[0]} px wide");
            }
        }

        overflowing.ShouldBeEmpty();
    }

    private async Task SaveAsync()
    {
        await FollowAsync(Button("Save and continue"));
        await Expect(Page.Locator(".govuk-error-summary")).ToHaveCountAsync(0);
    }

    private async Task WriteSectionAsync(string plan, string task, string text)
    {
        await GoToAsync(plan);
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = task, Exact = true }));
        await Page.GetByLabel(task, new() { Exact = true }).FillAsync(text);
        await WrittenByAndSaveAsync("The person");
    }

    private async Task WrittenByAndSaveAsync(string writtenBy)
    {
        await Page.GetByRole(AriaRole.Group, new() { Name = "Who wrote this part?" }).GetByLabel(writtenBy, new() { Exact = true }).CheckAsync();
        await SaveAsync();
    }
}
