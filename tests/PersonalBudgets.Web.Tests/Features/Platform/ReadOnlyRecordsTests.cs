using System.Net;
using System.Text.RegularExpressions;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Eligibility;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// Read-only records (a completed assessment, an approved plan, a completed review) have no "Change" or "Remove"
/// links on any of their pages, and say how to correct them instead; drafts keep their change links.
/// </summary>
public sealed partial class ReadOnlyRecordsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => ReviewArrange.Today;

    [GeneratedRegex(@"^(Change|Remove)\b")]
    private static partial Regex ChangeLink();

    /// <summary>
    /// Every page of the record reachable from <paramref name="start"/> (links under <paramref name="prefix"/>, two
    /// steps deep) and the <paramref name="extra"/> pages, with the change and remove links on each.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> ChangeLinksAsync(Browser browser, string start, string prefix, params string[] extra)
    {
        var found = new Dictionary<string, List<string>>();
        var queue = new Queue<(string Url, int Depth)>([(start, 0), .. extra.Select(e => (e, 1))]);
        var seen = new HashSet<string>();
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next.Url))
            {
                continue;
            }

            var page = await browser.GetAsync(next.Url);
            page.Status.ShouldBe(HttpStatusCode.OK, next.Url);
            var anchors = page.Document.QuerySelectorAll("main a").ToList();
            found[next.Url] = anchors.Select(HtmlPage.Text).Where(t => ChangeLink().IsMatch(t)).ToList();
            if (next.Depth < 2)
            {
                foreach (var href in anchors.Select(a => a.GetAttribute("href")).OfType<string>()
                    .Where(h => h.StartsWith(prefix, StringComparison.Ordinal) && !h.Contains("Print", StringComparison.Ordinal)))
                {
                    queue.Enqueue((href.Split('#')[0], next.Depth + 1));
                }
            }
        }

        return found;
    }

    private static void ShouldHaveNone(Dictionary<string, List<string>> links) =>
        links.Where(p => p.Value.Count > 0).Select(p => $"{p.Key}: {string.Join(", ", p.Value)}").ShouldBeEmpty();

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CompletedAssessment_HasNoChangeLinks_AndSaysHowToCorrectIt_WhileADraftHasThem(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var completed = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var links = await ChangeLinksAsync(nurse, $"/Assessments/{completed}", $"/Assessments/{completed}", $"/Assessments/{completed}/CheckAnswers");

        links.Count.ShouldBeGreaterThan(2);
        ShouldHaveNone(links);
        var overview = await nurse.GetAsync($"/Assessments/{completed}");
        HtmlPage.Text(overview.Document.GetElementById("how-to-correct")).ShouldBe("This assessment has been completed and cannot be changed. To correct it, start a correction.");
        overview.Document.QuerySelector("#how-to-correct a").ShouldNotBeNull().GetAttribute("href").ShouldBe($"/Assessments/{completed}/Correct");
        var check = await nurse.GetAsync($"/Assessments/{completed}/CheckAnswers");
        check.Document.QuerySelector("#how-to-correct a").ShouldNotBeNull().GetAttribute("href").ShouldBe($"/Assessments/{completed}/Correct");

        var other = await app.NewNorthPersonAsync(provider);
        var draft = await app.AdultAsync(provider, other.Id, outcomesNotAchieved: 2, complete: false);
        var draftCheck = await nurse.GetAsync($"/Assessments/{draft}/CheckAnswers");
        draftCheck.Document.QuerySelectorAll("main a").Select(HtmlPage.Text).Count(t => ChangeLink().IsMatch(t)).ShouldBeGreaterThan(20);
        draftCheck.Document.GetElementById("how-to-correct").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ApprovedPlan_HasNoChangeLinks_AndSaysToReviseIt_WhileADraftHasThem(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id, pathway: false);
        var planId = await app.DraftAsync(provider, ready);
        await app.CompleteAsync(provider, planId, 150m);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var draftCheck = await nurse.GetAsync($"/Plans/{planId}/Submit");
        draftCheck.Document.QuerySelectorAll("main a").Select(HtmlPage.Text).Count(t => ChangeLink().IsMatch(t)).ShouldBeGreaterThan(10);

        await app.ApproveAsync(provider, planId);
        var links = await ChangeLinksAsync(nurse, $"/Plans/{planId}", $"/Plans/{planId}", $"/Plans/{planId}/Submit");

        links.Count.ShouldBeGreaterThan(1);
        ShouldHaveNone(links);
        var check = await nurse.GetAsync($"/Plans/{planId}/Submit");
        HtmlPage.Text(check.Document.GetElementById("how-to-correct")).ShouldStartWith("This plan is approved and cannot be changed. To change it, revise the plan");
        check.Document.QuerySelector("#how-to-correct a").ShouldNotBeNull().GetAttribute("href").ShouldBe($"/Plans/{planId}/Revise");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CompletedReview_HasNoChangeLinks_AndSaysHowToChangeThePlan_WhileOneInProgressHasThem(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-1), budgetStart: Today.AddDays(-60));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var reviewId = await nurse.StartScheduledAsync(person.Id);
        await nurse.RecordFindingsAsync(reviewId);
        await nurse.RecordOutcomesAsync(reviewId, scenario);
        var inProgress = await nurse.GetAsync($"/Reviews/{reviewId}/Decision");
        inProgress.Document.QuerySelectorAll("main a").Select(HtmlPage.Text).Count(t => ChangeLink().IsMatch(t)).ShouldBeGreaterThan(3);

        (await nurse.DecideAsync(reviewId, nameof(ReviewDecision.Continue))).Status.ShouldBe(HttpStatusCode.Redirect);
        var links = await ChangeLinksAsync(nurse, $"/Reviews/{reviewId}", $"/Reviews/{reviewId}", $"/Reviews/{reviewId}/Decision", $"/Reviews/{reviewId}/Findings");

        links.Count.ShouldBeGreaterThan(2);
        ShouldHaveNone(links);
        var done = await nurse.GetAsync($"/Reviews/{reviewId}/Decision");
        var how = HtmlPage.Text(done.Document.GetElementById("how-to-correct"));
        how.ShouldContain("This review was completed on ");
        how.ShouldContain("record a request for another review, or revise their support plan");
        done.Document.QuerySelector("#how-to-correct a").ShouldNotBeNull().GetAttribute("href").ShouldBe($"/People/{person.Id}/Reviews/Request");
    }
}
