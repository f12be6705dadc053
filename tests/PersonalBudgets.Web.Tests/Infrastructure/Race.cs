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
    public static async Task<RaceResult> FireAsync(Func<Task<HttpResponseMessage>> request, int runners = Runners)
    {
        ArgumentNullException.ThrowIfNull(request);
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
            return await request();
        })).ToList();
        await allReady.Task;
        gate.SetResult();
        return new RaceResult(await Task.WhenAll(calls));
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
