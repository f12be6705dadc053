using System.Net;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Budgets;

/// <summary>The questionnaire, the amount with its working, and challenges, as practitioners and managers see them.</summary>
public sealed class IndicativeBudgetTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string StartingPoint = "This is a starting point, not an entitlement: your final budget is the cost of your agreed support plan";

    /// <summary>Works out a budget through the pages and returns the result page.</summary>
    private static async Task<HtmlPage> WorkOutAsync(Browser browser, Guid personId, RasDefinition definition, int answerIndex)
    {
        var form = await browser.GetAsync($"/People/{personId}/Budget/New");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var redirect = await browser.SubmitAsync(form, BudgetArrange.AnswerAll(definition, answerIndex));
        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        redirect.Location.ShouldNotBeNull().ShouldStartWith($"/People/{personId}/Budget/");
        return await browser.FollowAsync(redirect);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Practitioner_CompletesTheQuestionnaire_AndSeesTheAmountsWithTheWorking(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, person.Id, eligible: true);
        var published = await app.PublishedRasAsync(provider);
        var expected = RasCalculator.Calculate(published.Definition, BudgetArrange.AnswerDictionary(published.Definition, 2));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var tab = await nurse.GetAsync($"/People/{person.Id}/Budget");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.Document.QuerySelector($"a[href='/People/{person.Id}/Budget/New']").ShouldNotBeNull().TextContent.ShouldBe("Work out an indicative budget");
        tab.BodyText.ShouldContain("No indicative budget has been worked out yet.");

        var result = await WorkOutAsync(nurse, person.Id, published.Definition, 2);

        result.Status.ShouldBe(HttpStatusCode.OK);
        result.BodyText.ShouldContain("Indicative budget worked out");
        result.SummaryValue("Weekly amount").ShouldBe(UkFormat.Money(expected.Weekly));
        result.SummaryValue("Annual amount").ShouldBe($"{UkFormat.Money(expected.Annual)} (52 weeks)");
        result.SummaryValue("Questionnaire completed by").ShouldBe(CompletedWith.PractitionerWithPerson.Label());
        result.SummaryValue("Resource allocation system").ShouldNotBeNull().ShouldStartWith($"Version {published.Number}: {published.Name}");
        result.BodyText.ShouldContain(StartingPoint);
        var rows = result.TableRows();
        result.Document.QuerySelector("table caption").ShouldNotBeNull().TextContent.ShouldBe("Points for each answer");
        foreach (var line in expected.Lines)
        {
            rows.ShouldContain(r => r[0] == line.Question && r[1].StartsWith(line.Answer, StringComparison.Ordinal) && r[2] == line.Points.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        rows[^1].ShouldBe(["Total", "", expected.TotalPoints.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        result.Document.QuerySelectorAll("#working li").Select(HtmlPage.Text).ShouldBe(expected.Steps());
        var budgetId = result.Url.Split('/')[^1];
        result.Document.QuerySelector($"a[href='/People/{person.Id}/Offers/New?stage=IndicativeBudget&indicativeBudgetId={budgetId}']").ShouldNotBeNull();

        var list = await nurse.GetAsync($"/People/{person.Id}/Budget");
        var row = list.TableRows().ShouldHaveSingleItem();
        row[1].ShouldBe(UkFormat.Money(expected.Weekly));
        row[2].ShouldBe(UkFormat.Money(expected.Annual));
        row[3].ShouldBe($"Version {published.Number}");
        row[4].ShouldBe(DemoAccounts.NorthNurseName);

        var history = await nurse.GetAsync($"/People/{person.Id}/History");
        history.BodyText.ShouldContain($"Indicative budget worked out: {UkFormat.Money(expected.Weekly)} a week");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Questionnaire_ForAPersonNotFoundEligible_IsRefusedWithAnExplanation(DatabaseProvider provider)
    {
        var notEligible = await app.NewNorthPersonAsync(provider);
        var undecided = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, notEligible.Id, eligible: false);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var tab = await nurse.GetAsync($"/People/{notEligible.Id}/Budget");
        tab.BodyText.ShouldContain("The latest eligibility decision found the needs not eligible.");
        tab.Document.QuerySelector($"a[href='/People/{notEligible.Id}/Budget/New']").ShouldBeNull();
        (await nurse.GetAsync($"/People/{undecided.Id}/Budget")).BodyText.ShouldContain("Eligibility has not been decided yet.");

        var form = await nurse.GetAsync($"/People/{notEligible.Id}/Budget/New");
        form.Status.ShouldBe(HttpStatusCode.BadRequest);
        form.BodyText.ShouldContain("An indicative budget can only be worked out for a person whose needs have been found eligible. Decide eligibility first");

        var undecidedForm = await nurse.GetAsync($"/People/{undecided.Id}/Budget/New");
        undecidedForm.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Questionnaire_WithMissingAnswers_Is400NamingTheQuestion_AndKeepsTheOtherAnswers(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, person.Id, eligible: true);
        var definition = (await app.PublishedRasAsync(provider)).Definition;
        var missing = definition.Questions[1];
        var kept = definition.Questions[0];
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await nurse.GetAsync($"/People/{person.Id}/Budget/New");

        var page = await nurse.SubmitAsync(form, BudgetArrange.AnswerAll(definition, 1, CompletedWith.PersonWithSupport).Where(f => f.Name != $"Answers[{missing.Id}]").ToArray());

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe([$"Answer: {missing.Text}"]);
        page.FieldError($"Answers_{missing.Id}_").ShouldBe($"Answer: {missing.Text}");
        page.Document.QuerySelector($"input[name='Answers[{kept.Id}]'][value='{kept.Answers[1].Id}']").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();
        page.Document.QuerySelector($"input[name='CompletedWith'][value='{nameof(CompletedWith.PersonWithSupport)}']").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();
        page.Document.QuerySelectorAll($"input[name='Answers[{missing.Id}]'][checked]").ShouldBeEmpty();

        var none = await nurse.SubmitAsync(form, [("CompletedWith", null)]);
        none.Status.ShouldBe(HttpStatusCode.BadRequest);
        none.ErrorSummary[0].ShouldBe("Select who completed the questionnaire");
        none.ErrorSummary.Count.ShouldBe(definition.Questions.Count + 1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Challenge_WithoutAReason_Is400_ThenAManagerUpholdsItWithARevisedAmount(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, person.Id, eligible: true);
        var definition = (await app.PublishedRasAsync(provider)).Definition;
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var result = await WorkOutAsync(nurse, person.Id, definition, 1);
        var original = result.SummaryValue("Weekly amount").ShouldNotBeNull();
        var challengeForm = await nurse.GetAsync(result.Document.QuerySelector("a.govuk-button[href$='/Challenge']").ShouldNotBeNull().GetAttribute("href")!);
        challengeForm.Status.ShouldBe(HttpStatusCode.OK);

        var refused = await nurse.SubmitAsync(challengeForm, ("Reason", "   "));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["Enter why the person disagrees with the amount"]);
        refused.FieldError("Reason").ShouldBe("Enter why the person disagrees with the amount");

        var raised = await nurse.FollowAsync(await nurse.SubmitAsync(refused, ("Reason", "The questions missed support needed at night")));
        raised.BodyText.ShouldContain("Challenge recorded");
        raised.SummaryValue("Status").ShouldBe("Waiting for a decision");
        raised.SummaryValue("Why the person disagrees").ShouldBe("The questions missed support needed at night");
        raised.Document.QuerySelector("a[href*='/Challenges/']").ShouldBeNull("practitioners cannot decide");
        var decideUrl = $"{raised.Url}/Challenges/" + await app.QueryAsync(provider, async db =>
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.BudgetChallenges, c => c.PersonId == person.Id)).Id);

        var denied = await nurse.GetAsync(decideUrl);
        denied.Status.ShouldBe(HttpStatusCode.Redirect);
        denied.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied");

        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var budgetPage = await manager.GetAsync(raised.Url);
        budgetPage.Document.QuerySelector($"a[href='{decideUrl}']").ShouldNotBeNull();
        var decide = await manager.GetAsync(decideUrl);
        decide.Status.ShouldBe(HttpStatusCode.OK);

        var incomplete = await manager.SubmitAsync(decide, ("Outcome", nameof(ChallengeOutcome.Upheld)), ("RevisedWeeklyAmount", "abc"), ("OutcomeReason", ""));
        incomplete.Status.ShouldBe(HttpStatusCode.BadRequest);
        incomplete.FieldError("RevisedWeeklyAmount").ShouldBe("Revised weekly amount must be an amount of money in pounds and pence, like 4.50");
        incomplete.FieldError("OutcomeReason").ShouldBe("Enter the reason for the outcome");
        incomplete.InputValue("RevisedWeeklyAmount").ShouldBe("abc");

        var decided = await manager.FollowAsync(await manager.SubmitAsync(incomplete, ("Outcome", nameof(ChallengeOutcome.Upheld)), ("RevisedWeeklyAmount", "£245.50"), ("OutcomeReason", "Night-time support was not covered")));

        decided.BodyText.ShouldContain("Challenge decided");
        decided.SummaryValue("Status").ShouldBe("Upheld");
        decided.SummaryValue("Revised weekly amount after a challenge").ShouldNotBeNull().ShouldStartWith($"£245.50 (originally {original})");
        decided.SummaryValue("Revised weekly amount").ShouldBe($"£245.50 (originally {original})");
        decided.SummaryValue("Weekly amount").ShouldBe(original, "the original amount is kept beside the revised one");
        decided.SummaryValue("Reason for the outcome").ShouldBe("Night-time support was not covered");
    }
}
