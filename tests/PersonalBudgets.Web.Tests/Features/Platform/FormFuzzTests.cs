using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// A form fuzzer: signed in as a practitioner, a team manager, a panel member, a finance officer and an administrator, it walks the service from the start page the way
/// a person would (following links, a couple of pages of each kind), finds every form, and submits each form again and
/// again with one field at a time replaced by a hostile or malformed value (NUL and other control characters,
/// right-to-left marks, very long text, wrong types, impossible dates, a missing or repeated field). No answer may be a
/// server error; any that is fails the test with the request that caused it. The values come from a seeded generator,
/// so a run can be repeated exactly (the seed is in the failure message).
/// </summary>
public sealed partial class FormFuzzTests(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const int Seed = 20261206;

    /// <summary>Pages of one shape (the same path with other ids) visited at most this often.</summary>
    private const int PagesPerShape = 5;

    private const int MaxPages = 400;

    /// <summary>Hostile values tried in each field besides NUL (which is always tried).</summary>
    private const int ValuesPerField = 2;

    /// <summary>Forms whose submission would end the fuzzer's own session or change its own account.</summary>
    private static readonly string[] SkippedActions = ["/Account/"];

    private static readonly string[] Hostile =
    [
        "a\u0000b",
        "\u0001\u0002\u0007\u001b[31m",
        "\u202Eevil\u202C",
        "\uFEFF\u200B",
        new string('x', 20_000),
        "-1",
        "0",
        "99999999999999999999999999",
        "1e309",
        "NaN",
        "abc",
        "",
        "   ",
        "32",
        "13",
        "0001",
        "99999",
        "9999-12-31",
        "00000000-0000-0000-0000-000000000000",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00",
        "\r\n\r\n",
        "😀👩‍👩‍👧",
    ];

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task EveryForm_WithHostileValues_NeverAnswersAServerError(DatabaseProvider provider)
    {
        var findings = new List<string>();
        var random = new Random(Seed);
        var requests = 0;
        // Each kind of form is fuzzed once, by the first role that reaches it.
        var done = new HashSet<string>(StringComparer.Ordinal);

        using (var anonymous = await app.BrowserAsync(provider))
        {
            var signIn = await anonymous.GetAsync("/Account/SignIn");
            requests += await FuzzFormsAsync(anonymous, [signIn], random, findings, done, allowAccount: true);
        }

        foreach (var email in new[] { DemoAccounts.NorthNurse, DemoAccounts.NorthManager, DemoAccounts.Panel, DemoAccounts.Finance, DemoAccounts.Administrator })
        {
            using var browser = await app.SignedInAsync(provider, email);
            var pages = await CrawlAsync(browser);
            output.WriteLine($"{provider} {email}: {pages.Count} pages, {pages.Sum(p => Forms(p).Count())} forms");
            pages.Count.ShouldBeGreaterThan(email == DemoAccounts.Finance ? 5 : 20, "The crawl should reach the service's pages; did sign-in or the navigation change?");
            requests += await FuzzFormsAsync(browser, pages, random, findings, done, allowAccount: false);
        }

        output.WriteLine($"{provider}: {requests} form submissions, {findings.Count} findings (seed {Seed})");
        findings.ShouldBeEmpty($"seed {Seed}; the first findings:{Environment.NewLine}{string.Join(Environment.NewLine, findings.Take(200))}");
    }

    /// <summary>Breadth-first over the links a person can follow, a few pages of each shape.</summary>
    private static async Task<List<HtmlPage>> CrawlAsync(Browser browser)
    {
        var queue = new Queue<string>(["/Work", "/Approvals", "/Work/Team", "/Panels", "/", "/People", "/Notifications"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new List<HtmlPage>();
        while (queue.Count > 0 && pages.Count < MaxPages)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url))
            {
                continue;
            }

            var shape = Shape(url);
            shapes.TryGetValue(shape, out var count);
            if (count >= PagesPerShape)
            {
                continue;
            }

            shapes[shape] = count + 1;
            var page = await browser.GetAsync(url);
            if (page.Status != HttpStatusCode.OK)
            {
                continue;
            }

            pages.Add(page);
            foreach (var link in page.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.Contains("SignOut", StringComparison.OrdinalIgnoreCase)
                    && !link.Contains('#', StringComparison.Ordinal) && !link.StartsWith("/api/", StringComparison.Ordinal) && !link.StartsWith("/lib/", StringComparison.Ordinal))
                {
                    queue.Enqueue(link);
                }
            }
        }

        return pages;
    }

    private static async Task<int> FuzzFormsAsync(Browser browser, IReadOnlyList<HtmlPage> pages, Random random, List<string> findings, HashSet<string> done, bool allowAccount)
    {
        var requests = 0;
        foreach (var page in pages)
        {
            foreach (var form in Forms(page))
            {
                var method = (form.GetAttribute("method") ?? "get").ToUpperInvariant();
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Url;
                if (!allowAccount && SkippedActions.Any(s => action.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var fields = Browser.FormFields(form);
                var names = fields.Select(f => f.Key).Where(n => n != "__RequestVerificationToken").Distinct().ToList();
                // Each kind of form once: the same action shape with the same fields.
                if (!done.Add($"{method} {Shape(action)} {string.Join(",", names.Order(StringComparer.Ordinal))}"))
                {
                    continue;
                }

                foreach (var name in names)
                {
                    var values = new List<string?> { "\u0000" };
                    values.AddRange(Enumerable.Range(0, ValuesPerField).Select(_ => Hostile[random.Next(Hostile.Length)]));
                    if (random.Next(4) == 0)
                    {
                        values.Add(null); // the field left out
                    }

                    foreach (var value in values)
                    {
                        var sent = fields.Where(f => f.Key != name).ToList();
                        if (value is not null)
                        {
                            sent.Add(new(name, value));
                            if (random.Next(6) == 0)
                            {
                                sent.Add(new(name, value)); // the field repeated
                            }
                        }

                        var answer = await SendAsync(browser, method, action, sent);
                        requests++;
                        if ((int)answer.Status >= 500)
                        {
                            findings.Add($"{method} {action} with {name}={Describe(value)} answered {(int)answer.Status}");
                        }
                        else if (answer.Status == HttpStatusCode.BadRequest && answer.ErrorSummary.Count == 0)
                        {
                            findings.Add($"{method} {action} with {name}={Describe(value)} answered 400 without saying what is wrong");
                        }
                    }
                }
            }
        }

        return requests;
    }

    private static async Task<HtmlPage> SendAsync(Browser browser, string method, string action, List<KeyValuePair<string, string>> fields)
    {
        if (method == "POST")
        {
            return await browser.PostAsync(action, fields);
        }

        var query = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        var path = action.Split('?')[0];
        return await browser.GetAsync($"{path}?{query}");
    }

    private static IEnumerable<IHtmlFormElement> Forms(HtmlPage page) =>
        page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>();

    /// <summary>A path with its ids and numbers replaced, so pages of one kind count as one shape.</summary>
    private static string Shape(string url) => IdPattern().Replace(url.Split('?')[0], "{id}");

    private static string Describe(string? value) => value switch
    {
        null => "(left out)",
        { Length: > 40 } => $"({value.Length} characters of '{value[0]}')",
        _ => "\"" + string.Concat(value.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? $"\\u{(int)c:x4}" : c.ToString())) + "\"",
    };

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\\d+")]
    private static partial Regex IdPattern();
}
