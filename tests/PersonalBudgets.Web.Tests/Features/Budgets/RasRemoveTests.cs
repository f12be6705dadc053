using System.Net;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Budgets;

/// <summary>
/// Removing from a draft RAS (issue 11, item 13): "Remove" is a link beside "Change", leading to a page that asks first
/// with a warning button; nothing is removed until it is confirmed, and a stale confirmation page is a 409.
/// </summary>
public sealed class RasRemoveTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<RasDefinition> DefinitionAsync(DatabaseProvider provider, Guid id) =>
        app.QueryAsync(provider, async db => (await db.RasVersions.FindAsync(id))!.Definition);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RemoveQuestionAndBand_AskFirst_ThenRemove_AndAStalePageIsAConflict(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, DemoAccounts.Administrator);
        var index = await admin.GetAsync("/Admin/Ras");
        var draft = await admin.FollowAsync(await admin.SubmitAsync(index, ("Name", "Removals")));
        var id = Guid.Parse(draft.Url.Split('/')[^1]);
        var before = await DefinitionAsync(provider, id);

        // A band, to remove later.
        var conversion = await admin.GetAsync($"{draft.Url}/Conversion");
        var bandForm = conversion.Document.QuerySelector("form[action*='AddBand']")!;
        (await admin.PostAsync(bandForm.GetAttribute("action")!, [
            new("Revision", bandForm.QuerySelector("input[name=Revision]")!.GetAttribute("value")!),
            new("BandFrom", "0"), new("BandTo", "10"), new("BandAmount", "55"),
            new("__RequestVerificationToken", bandForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ])).Status.ShouldBe(HttpStatusCode.Redirect);

        draft = await admin.GetAsync(draft.Url);
        draft.Document.QuerySelectorAll("main form button").Select(HtmlPage.Text).ShouldNotContain(t => t.StartsWith("Remove", StringComparison.Ordinal));
        var removeQuestion = draft.Document.QuerySelectorAll("a").Single(a => HtmlPage.Text(a) == "Remove question 2");
        var confirm = await admin.GetAsync(removeQuestion.GetAttribute("href")!);
        confirm.Status.ShouldBe(HttpStatusCode.OK);
        confirm.Heading.ShouldBe("Are you sure you want to remove question 2?");
        confirm.SummaryValue("Question").ShouldBe(before.Questions[1].Text);
        confirm.Document.QuerySelectorAll("a").Select(HtmlPage.Text).ShouldContain("No, keep it");
        confirm.Document.QuerySelector("button.govuk-button--warning").ShouldNotBeNull().TextContent.Trim().ShouldBe("Yes, remove it");
        (await DefinitionAsync(provider, id)).Questions.Count.ShouldBe(before.Questions.Count);

        // Someone else changes the draft meanwhile: this page's confirmation is refused, nothing removed.
        var bandConfirm = await admin.GetAsync(draft.Document.QuerySelectorAll("a").Single(a => HtmlPage.Text(a) == "Remove band from 0 to 10 points").GetAttribute("href")!);
        bandConfirm.Heading.ShouldBe("Are you sure you want to remove the band from 0 to 10 points?");
        bandConfirm.SummaryValue("Weekly amount").ShouldBe("£55.00");
        var removed = await admin.FollowAsync(await admin.SubmitAsync(confirm));
        removed.BodyText.ShouldContain("Question 2 removed");
        (await DefinitionAsync(provider, id)).Questions.Select(q => q.Id).ShouldBe(before.Questions.Where((_, i) => i != 1).Select(q => q.Id));

        var stale = await admin.SubmitAsync(bandConfirm);
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        (await DefinitionAsync(provider, id)).Conversion.Bands.Count.ShouldBe(1);

        // Confirmed from the page as it is now, the band goes.
        var done = await admin.FollowAsync(await admin.SubmitAsync(stale));
        done.BodyText.ShouldContain("The band from 0 to 10 points removed");
        (await DefinitionAsync(provider, id)).Conversion.Bands.ShouldBeEmpty();

        // A question that is not there is not found.
        (await admin.GetAsync($"{draft.Url}/Remove?questionId=nope")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
