using System.Text;
using Microsoft.Playwright;
using PersonalBudgets.EndToEnd.Tests.Infrastructure;

namespace PersonalBudgets.EndToEnd.Tests.Assessments;

public sealed class AssessmentJourneyTests(AppServerFixture app) : EndToEndTest(app)
{
    // Demo person 12: North team, key worker Priya Shah (the nurse); no other test uses them.
    private const int PersonIndex = 12;

    private static readonly string[] OutcomeNames =
    [
        "Managing and maintaining nutrition",
        "Maintaining personal hygiene",
        "Managing toilet needs",
        "Being appropriately clothed",
        "Being able to make use of the home safely",
        "Maintaining a habitable home environment",
        "Developing and maintaining family or other personal relationships",
        "Accessing and engaging in work, training, education or volunteering",
        "Making use of necessary facilities or services in the local community, including public transport and recreational facilities or services",
        "Carrying out any caring responsibilities the adult has for a child",
    ];

    /// <summary>The outcomes the person cannot achieve, with the ways of being unable ticked for each.</summary>
    private static readonly Dictionary<string, string[]> NotAchieved = new()
    {
        ["Managing and maintaining nutrition"] = ["Only with assistance", "Taking significantly longer than would normally be expected"],
        ["Developing and maintaining family or other personal relationships"] = ["With significant pain, distress or anxiety"],
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

    /// <summary>The published example RAS: each question with the answer given (points in the comment).</summary>
    private static readonly (string Question, string Answer)[] RasAnswers =
    [
        ("How much support does the person need with their mental health and emotional wellbeing?", "Regular support every week"), // 10
        ("How much support does the person need with daily living: eating well, personal care and looking after their home?", "Some prompting"), // 4
        ("How much support does the person need to keep safe?", "Some planning for occasional risk"), // 5
        ("How much support does the person need with relationships and social contact?", "Regular support"), // 6
        ("How much support does the person need to take part in work, learning, volunteering or activities in the community?", "A little"), // 3
        ("How much support does the person need with money, bills and keeping their home?", "A little"), // 2
        ("How much support does the person already get from family, friends or neighbours that will continue?", "Some support each week"), // 0, less 10%
    ];

    private static readonly int[] RasPoints = [10, 4, 5, 6, 3, 2, 0];

    [Fact(Timeout = EndToEndTest.TestTimeout)]
    public async Task Practitioner_CompletesSupportedSelfAssessment_ConfirmsEligibility_AndSeesIndicativeBudgetWithItsWorking()
    {
        await SignInAsync(DemoData.Nurse);

        // The person's record, then their assessments.
        await GoToAsync(DemoData.PersonPath(PersonIndex));
        var personName = (await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Trim();
        personName.ShouldNotBeNullOrWhiteSpace();
        var sections = Page.GetByRole(AriaRole.Navigation, new() { Name = "Record sections" });
        await FollowAsync(sections.GetByRole(AriaRole.Link, new() { Name = "Assessments", Exact = true }));
        await Expect(Page.GetByText($"No assessments have been started for {personName}.")).ToBeVisibleAsync();

        // Start: the owner and the due date.
        await FollowAsync(Button("Start a needs assessment"));
        await Expect(Heading("Start a needs assessment", 1)).ToBeVisibleAsync();
        var owner = Page.GetByLabel("Who owns the assessment?");
        var priya = await owner.Locator("option", new() { HasText = DemoData.NurseName }).GetAttributeAsync("value");
        priya.ShouldNotBeNullOrEmpty();
        await owner.SelectOptionAsync(priya);
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21);
        var dueDate = Page.GetByRole(AriaRole.Group, new() { Name = "When is it due?" });
        await dueDate.GetByLabel("Day").FillAsync(due.Day.ToString());
        await dueDate.GetByLabel("Month").FillAsync(due.Month.ToString());
        await dueDate.GetByLabel("Year").FillAsync(due.Year.ToString());
        await FollowAsync(Button("Start assessment"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Needs assessment started");
        await Expect(Heading("Needs assessment", 1)).ToBeVisibleAsync();
        await Expect(SummaryRow("Owner")).ToContainTextAsync(DemoData.NurseName);
        await Expect(TaskStatus("About the assessment")).ToHaveTextAsync("Not yet started");
        await Expect(TaskStatus("Check answers and complete")).ToHaveTextAsync("Cannot complete yet");

        // About the assessment: a supported self-assessment.
        await FollowAsync(Link("About the assessment"));
        await Expect(Heading("About the assessment", 1)).ToBeVisibleAsync();
        await Page.GetByLabel("Supported self-assessment", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));
        await Expect(TaskStatus("About the assessment")).ToHaveTextAsync("Completed");

        // Who took part, and how the person took part.
        await FollowAsync(Link("Who took part"));
        await Page.GetByLabel("Who took part in the assessment?").FillAsync(
            $"{personName}, who completed the self-assessment form, and {DemoData.NurseName} (nurse), who went through it with them.");
        await Page.GetByRole(AriaRole.Group, new() { Name = "How did the person take part?" }).GetByLabel("In person", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));
        await Expect(TaskStatus("Who took part")).ToHaveTextAsync("Completed");

        // What matters, in the person's own words.
        await FollowAsync(Link("What matters to the person"));
        await Page.GetByLabel("What matters to the person, in their own words").FillAsync(
            "\"I want to cook for myself again and see my sister without panicking on the bus.\"");
        await Page.GetByLabel("The outcomes they want").FillAsync("Eat properly most days. Visit my sister every week.");
        await FollowAsync(Button("Save and continue"));
        await Expect(TaskStatus("What matters to the person")).ToHaveTextAsync("Completed");

        // Needs and the ten specified outcomes: the needs arise from illness; two outcomes not achievable.
        await FollowAsync(Link("Needs and the specified outcomes"));
        var origin = Page.GetByRole(AriaRole.Group, new() { Name = "Do the person's needs arise from or relate to a physical or mental impairment or illness?" });
        await Expect(origin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await origin.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "What kind of impairment or illness do they arise from?" }).GetByLabel("Mental illness", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));
        for (var i = 0; i < OutcomeNames.Length; i++)
        {
            var outcome = OutcomeNames[i];
            await Expect(Heading(outcome, 1)).ToBeVisibleAsync();
            await Expect(Page.GetByText($"Outcome {i + 1} of {OutcomeNames.Length}", new() { Exact = true })).ToBeVisibleAsync();
            var howManaged = Page.GetByRole(AriaRole.Group, new() { Name = "How does the person manage this outcome?" });
            if (NotAchieved.TryGetValue(outcome, out var ways))
            {
                foreach (var way in ways)
                {
                    await howManaged.GetByLabel(way, new() { Exact = true }).CheckAsync();
                }

                await Page.GetByLabel("Notes (optional)").FillAsync($"Noted for {outcome.ToLowerInvariant()}: needs a lot of support when unwell.");
            }
            else
            {
                await howManaged.GetByLabel("Without difficulty", new() { Exact = true }).CheckAsync();
            }

            await FollowAsync(Button("Save and continue"));
        }

        await Expect(TaskStatus("Needs and the specified outcomes")).ToHaveTextAsync("Completed");

        // Fluctuating needs.
        await FollowAsync(Link("Fluctuating needs"));
        await Page.GetByRole(AriaRole.Group, new() { Name = "Do the person's needs fluctuate?" }).GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("If they do: what period did the assessment look over?").FillAsync("The last 6 months");
        await Page.GetByLabel("If they do: how do the needs vary over that period?").FillAsync(
            "Most weeks are manageable; about one week a month is much harder, when they stop eating properly and do not go out.");
        await FollowAsync(Button("Save and continue"));
        await Expect(TaskStatus("Fluctuating needs")).ToHaveTextAsync("Completed");

        // Wellbeing: all nine areas, with a significant impact on two.
        await FollowAsync(Link("Impact on wellbeing"));
        await Expect(Heading("Impact on wellbeing", 1)).ToBeVisibleAsync();
        foreach (var area in WellbeingAreas)
        {
            var impact = area switch
            {
                "Physical and mental health and emotional wellbeing" or "Domestic, family and personal relationships" => "Significant impact",
                "Participation in work, education, training or recreation" or "Social and economic wellbeing" => "Some impact",
                _ => "No impact",
            };
            await Page.GetByRole(AriaRole.Group, new() { Name = area, Exact = true }).GetByLabel(impact, new() { Exact = true }).CheckAsync();
        }

        await Page.GetByLabel("Note on physical and mental health and emotional wellbeing (optional)").FillAsync("Low mood and panic attacks most weeks.");
        await FollowAsync(Button("Save and continue"));
        await Expect(TaskStatus("Impact on wellbeing")).ToHaveTextAsync("Completed");

        // Unpaid carer and advocacy.
        await FollowAsync(Link("Unpaid carer"));
        await Page.GetByRole(AriaRole.Group, new() { Name = "Does the person have an unpaid carer?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));
        await Expect(TaskStatus("Unpaid carer")).ToHaveTextAsync("Completed");

        await FollowAsync(Link("Independent advocacy"));
        await Page.GetByRole(AriaRole.Group, new() { Name = "Is an independent advocate needed?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save and continue"));
        await Expect(TaskStatus("Independent advocacy")).ToHaveTextAsync("Completed");
        await Expect(TaskStatus("Check answers and complete")).ToHaveTextAsync("Ready to complete");

        // Check answers, then complete.
        await FollowAsync(Link("Check answers and complete"));
        await Expect(Heading("Check your answers before completing the assessment", 1)).ToBeVisibleAsync();
        await Expect(Page.GetByText("You cannot complete the assessment yet")).ToHaveCountAsync(0);
        await Expect(Page.Locator("main")).ToContainTextAsync("Supported self-assessment");
        await Expect(Page.Locator("main")).ToContainTextAsync("I want to cook for myself again");
        await FollowAsync(Button("Complete assessment"));
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Needs assessment completed");
        await Expect(SummaryRow("Status")).ToContainTextAsync("Completed");

        // Eligibility: the rules are met so far; the practitioner records the wellbeing judgement and confirms.
        await FollowAsync(Button("Decide eligibility"));
        await Expect(Heading("Decide eligibility", 1)).ToBeVisibleAsync();
        await Expect(Page.Locator("#provisional-outcome")).ToContainTextAsync("The person meets these conditions");
        await Page.GetByRole(AriaRole.Group, new() { Name = "Is there, or is there likely to be, a significant impact on the person's wellbeing?" })
            .GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        const string wellbeingReason = "Not eating properly and avoiding your sister is making your mental health worse and leaving you alone most of the week.";
        await Page.GetByLabel("Reason for your judgement").FillAsync(wellbeingReason);
        await FollowAsync(Button("Confirm eligibility decision"));

        // The offer at eligibility.
        await Expect(Heading("Record a personal budget offer", 1)).ToBeVisibleAsync();
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Eligibility decision confirmed");
        await Expect(SummaryRow("When")).ToContainTextAsync("At eligibility");
        await Page.GetByRole(AriaRole.Group, new() { Name = "Did you explain and offer a personal budget and a direct payment?" })
            .GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Wants time to decide", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save offer"));

        await Expect(Heading("Eligibility decision", 1)).ToBeVisibleAsync();
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Personal budget offer recorded");
        await Expect(SummaryRow("Decision")).ToContainTextAsync("Eligible");
        await Expect(SummaryRow("Reason for the wellbeing judgement")).ToContainTextAsync(wellbeingReason);
        var eligibilityOffer = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "At eligibility" });
        await Expect(eligibilityOffer).ToHaveCountAsync(1);
        await Expect(eligibilityOffer).ToContainTextAsync("Wants time to decide");
        await Expect(eligibilityOffer).ToContainTextAsync(DemoData.NurseName);

        // The written record, in plain English.
        await FollowAsync(Link("View and print the written record"));
        await Expect(Heading("You have eligible needs", 1)).ToBeVisibleAsync();
        await Expect(SummaryRow("For")).ToContainTextAsync(personName);
        await Expect(SummaryRow("Decided by")).ToContainTextAsync(DemoData.NurseName);
        await Expect(Heading("Your eligible needs", 2)).ToBeVisibleAsync();
        var eligibleNeeds = new[] { "Getting and preparing food and drink, and eating well", "Keeping in touch with family and friends, and making and keeping relationships" };
        foreach (var need in eligibleNeeds)
        {
            await Expect(Heading(need, 3)).ToBeVisibleAsync();
        }

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveCountAsync(eligibleNeeds.Length);
        await Expect(Page.GetByText("You can only do this with help from someone else.")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Doing this takes you much longer than most people.")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Doing this causes you a lot of pain, distress or anxiety.")).ToBeVisibleAsync();
        await Expect(Page.Locator("#wellbeing-reason")).ToHaveTextAsync(wellbeingReason);
        await Expect(Heading("If you disagree with this decision", 2)).ToBeVisibleAsync();

        // It prints cleanly: no navigation, back link, buttons or screen-only text; the record itself is all there.
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        try
        {
            var screenOnly = Page.Locator(".app-no-print");
            (await screenOnly.CountAsync()).ShouldBeGreaterThan(0);
            for (var i = 0; i < await screenOnly.CountAsync(); i++)
            {
                await Expect(screenOnly.Nth(i)).ToBeHiddenAsync();
            }

            await Expect(Page.Locator(".govuk-service-navigation")).ToBeHiddenAsync();
            await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" })).ToBeHiddenAsync();
            await Expect(Button("Sign out")).ToBeHiddenAsync();
            await Expect(Page.Locator(".govuk-back-link")).ToBeHiddenAsync();
            await Expect(Page.Locator(".govuk-phase-banner")).ToBeHiddenAsync();
            await Expect(Page.Locator(".govuk-footer")).ToBeHiddenAsync();
            await Expect(Page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

            await Expect(Heading("You have eligible needs", 1)).ToBeVisibleAsync();
            await Expect(Heading("Your eligible needs", 2)).ToBeVisibleAsync();
            foreach (var need in eligibleNeeds)
            {
                await Expect(Heading(need, 3)).ToBeVisibleAsync();
            }

            await Expect(Page.Locator("#wellbeing-reason")).ToBeVisibleAsync();
            var pdf = await Page.PdfAsync(new() { Format = "A4", PrintBackground = true });
            pdf.Length.ShouldBeGreaterThan(1000);
            Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        }
        finally
        {
            await Page.EmulateMediaAsync(new() { Media = Media.Screen });
        }

        // Back to the record, then the indicative budget.
        await FollowAsync(Link("Back to the eligibility decision"));
        await FollowAsync(Link("Back to assessments"));
        await FollowAsync(sections.GetByRole(AriaRole.Link, new() { Name = "Indicative budget", Exact = true }));
        await Expect(Page.GetByText("No indicative budget has been worked out yet.")).ToBeVisibleAsync();
        await FollowAsync(Button("Work out an indicative budget"));
        await Expect(Heading("Work out an indicative budget", 1)).ToBeVisibleAsync();
        await Expect(Page.GetByText("This version is the example shipped with the service")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Group, new() { Name = "Who completed the questionnaire?" })
            .GetByLabel("The practitioner, with the person", new() { Exact = true }).CheckAsync();
        var questions = Page.Locator("form fieldset");
        await Expect(questions).ToHaveCountAsync(RasAnswers.Length + 1);
        foreach (var (question, answer) in RasAnswers)
        {
            await Page.GetByRole(AriaRole.Group, new() { Name = question, Exact = true }).GetByLabel(answer, new() { Exact = true }).CheckAsync();
        }

        await FollowAsync(Button("Work out the amount"));

        // The amount with its working, marked as a starting point.
        await Expect(Heading("Indicative budget", 1)).ToBeVisibleAsync();
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Indicative budget worked out");
        await Expect(Page.Locator(".govuk-warning-text")).ToContainTextAsync("This is a starting point, not an entitlement");
        await Expect(SummaryRow("Weekly amount")).ToContainTextAsync("£121.50");
        await Expect(SummaryRow("Annual amount")).ToContainTextAsync("£6,318.00 (52 weeks)");
        await Expect(SummaryRow("Questionnaire completed by")).ToContainTextAsync("The practitioner, with the person");
        await Expect(SummaryRow("Resource allocation system")).ToContainTextAsync("an example, not calibrated locally");

        var points = Page.GetByRole(AriaRole.Table, new() { Name = "Points for each answer" });
        await Expect(points).ToBeVisibleAsync();
        var rows = points.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(RasAnswers.Length + 1);
        for (var i = 0; i < RasAnswers.Length; i++)
        {
            var (question, answer) = RasAnswers[i];
            var shown = question.StartsWith("How much support does the person already get", StringComparison.Ordinal) ? $"{answer} (reduces the amount by 10%)" : answer;
            await Expect(rows.Nth(i).Locator("td")).ToHaveTextAsync([question, shown, RasPoints[i].ToString()]);
        }

        await Expect(rows.Last.Locator("th, td")).ToHaveTextAsync(["Total", "", "30"]);

        await Expect(Page.Locator("#working li")).ToHaveTextAsync(
        [
            "The answers add up to 30 points.",
            "30 points at £4.50 a point: £135.00 a week.",
            "Support the person already gets from family or friends reduces this by 10% (£13.50), leaving £121.50 a week.",
            "This is within the minimum and maximum, so the indicative amount is £121.50 a week.",
            "Over a year (52 weeks) that is £6,318.00.",
        ]);

        // The offer at the indicative budget.
        await FollowAsync(Link("Record the personal budget and direct payment offer at this stage"));
        await Expect(Heading("Record a personal budget offer", 1)).ToBeVisibleAsync();
        await Expect(SummaryRow("When")).ToContainTextAsync("At the indicative budget");
        await Page.GetByRole(AriaRole.Group, new() { Name = "Did you explain and offer a personal budget and a direct payment?" })
            .GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Interested in a direct payment", new() { Exact = true }).CheckAsync();
        await FollowAsync(Button("Save offer"));

        await Expect(Heading("Personal budget offers", 2)).ToBeVisibleAsync();
        await Expect(Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Personal budget offer recorded");
        var offers = Page.Locator("tbody tr");
        await Expect(offers).ToHaveCountAsync(2);
        await Expect(offers.Filter(new() { HasText = "At the indicative budget" })).ToContainTextAsync("Interested in a direct payment");
        await Expect(offers.Filter(new() { HasText = "At eligibility" })).ToContainTextAsync("Wants time to decide");

        // The budget tab lists the indicative budget.
        await FollowAsync(sections.GetByRole(AriaRole.Link, new() { Name = "Indicative budget", Exact = true }));
        var budgetRow = Page.Locator("tbody tr");
        await Expect(budgetRow).ToHaveCountAsync(1);
        await Expect(budgetRow).ToContainTextAsync("£121.50");
        await Expect(budgetRow).ToContainTextAsync("£6,318.00");
    }

    /// <summary>The status of a task in the assessment's task list.</summary>
    private ILocator TaskStatus(string task) =>
        Page.Locator(".govuk-task-list__item")
            .Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = task, Exact = true }) })
            .Locator(".govuk-task-list__status");
}
