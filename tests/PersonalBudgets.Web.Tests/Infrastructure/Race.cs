using System.Net;
using System.Text;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>
/// Fires the same request many times at once, the way a double-click, a retrying client or two colleagues do, so a
/// test can check that an "only one" rule holds under a race and not only one request after another.
/// </summary>
public static class Race
{
    /// <summary>How many identical requests a race test fires.</summary>
    public const int Runners = 20;

    /// <summary>
    /// Starts <paramref name="runners"/> calls of <paramref name="request"/> together: every call is made ready first and
    /// waits at one gate, which opens once they all are, so none has a head start. Returns every response.
    /// </summary>
    public static async Task<RaceResult> FireAsync(Func<Task<HttpResponseMessage>> request, int runners = Runners) =>
        new(await TogetherAsync(request, runners));

    /// <summary>
    /// Submits a form <paramref name="runners"/> times at once (each call of <paramref name="submit"/> is one submission,
    /// as <see cref="Browser.SubmitAsync(HtmlPage, (string Name, string? Value)[])"/> makes it) and returns every page.
    /// </summary>
    public static async Task<PageRaceResult> SubmitAsync(Func<Task<HtmlPage>> submit, int runners = Runners) =>
        new(await TogetherAsync(submit, runners));

    private static async Task<T[]> TogetherAsync<T>(Func<Task<T>> call, int runners)
    {
        ArgumentNullException.ThrowIfNull(call);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = runners;
        var calls = Enumerable.Range(0, runners).Select(_ => Task.Run(async () =>
        {
            if (Interlocked.Decrement(ref waiting) == 0)
            {
                allReady.SetResult();
            }

            await gate.Task;
            return await call();
        })).ToList();
        await allReady.Task;
        gate.SetResult();
        return await Task.WhenAll(calls);
    }
}

/// <summary>The pages one race of form submissions answered with.</summary>
public sealed class PageRaceResult(IReadOnlyList<HtmlPage> pages)
{
    public IReadOnlyList<HtmlPage> Pages => pages;

    /// <summary>The pages that lost (409, the form shown again with the conflict).</summary>
    public IEnumerable<HtmlPage> Losers => pages.Where(p => p.Status == HttpStatusCode.Conflict);

    /// <summary>Exactly one submission was saved (a redirect) and every other one got the form back with 409.</summary>
    public void ShouldHaveOneWinner()
    {
        var wins = pages.Count(p => p.IsRedirect);
        var conflicts = Losers.Count();
        if (wins == 1 && conflicts == pages.Count - 1)
        {
            return;
        }

        var report = new StringBuilder($"Expected 1 redirect and {pages.Count - 1} conflicts; got {wins} redirect(s) and {conflicts} conflict(s):");
        foreach (var group in pages.GroupBy(p => p.Status))
        {
            report.Append($"\n  {(int)group.Key} x{group.Count()}");
        }

        foreach (var odd in pages.Where(p => !p.IsRedirect && p.Status != HttpStatusCode.Conflict).Take(3))
        {
            report.Append($"\n  {(int)odd.Status}: {string.Join("; ", odd.ErrorSummary)} {odd.Heading}");
        }

        throw new ShouldAssertException(report.ToString());
    }
}

/// <summary>The responses of one race; dispose to release them.</summary>
public sealed class RaceResult(IReadOnlyList<HttpResponseMessage> responses) : IDisposable
{
    public IReadOnlyList<HttpResponseMessage> Responses => responses;

    /// <summary>The one response that won.</summary>
    public HttpResponseMessage Winner => responses.Single(IsWin);

    /// <summary>The responses that lost (409).</summary>
    public IEnumerable<HttpResponseMessage> Losers => responses.Where(r => r.StatusCode == HttpStatusCode.Conflict);

    /// <summary>
    /// Exactly one request succeeded (2xx, or a redirect after a form post) and every other one got 409 Conflict:
    /// nothing else, in particular no 500 and no second success.
    /// </summary>
    public async Task ShouldHaveOneWinnerAsync()
    {
        var wins = responses.Count(IsWin);
        var conflicts = responses.Count(r => r.StatusCode == HttpStatusCode.Conflict);
        if (wins == 1 && conflicts == responses.Count - 1)
        {
            return;
        }

        var report = new StringBuilder($"Expected 1 success and {responses.Count - 1} conflicts; got {wins} success(es) and {conflicts} conflict(s):");
        foreach (var group in responses.GroupBy(r => r.StatusCode))
        {
            report.Append($"\n  {(int)group.Key} x{group.Count()}");
        }

        foreach (var odd in responses.Where(r => !IsWin(r) && r.StatusCode != HttpStatusCode.Conflict).Take(3))
        {
            var body = await odd.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            report.Append($"\n  {(int)odd.StatusCode}: {body[..Math.Min(body.Length, 600)]}");
        }

        throw new ShouldAssertException(report.ToString());
    }

    private static bool IsWin(HttpResponseMessage r) => (int)r.StatusCode is >= 200 and < 400;

    public void Dispose()
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
