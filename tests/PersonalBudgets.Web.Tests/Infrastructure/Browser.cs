using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PersonalBudgets.Web.Features.DemoData;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>
/// One person's browser over HTTP: keeps cookies, reads pages with AngleSharp, and submits forms the way a browser
/// does (every field as the page rendered it, including the antiforgery token, plus the changes the test makes).
/// </summary>
public sealed class Browser(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => client;

    /// <summary>GETs a page without following a redirect.</summary>
    public async Task<HtmlPage> GetAsync(string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        return await ReadAsync(response, url);
    }

    /// <summary>GETs a page, following redirects the way a browser would.</summary>
    public async Task<HtmlPage> OpenAsync(string url) => await FollowAsync(await GetAsync(url));

    /// <summary>Follows redirects (with GET) until a page that is not a redirect.</summary>
    public async Task<HtmlPage> FollowAsync(HtmlPage page)
    {
        for (var hops = 0; page.IsRedirect; hops++)
        {
            if (hops == 10)
            {
                throw new InvalidOperationException($"Too many redirects, last to {page.Location}.");
            }

            page = await GetAsync(page.Location!);
        }

        return page;
    }

    /// <summary>
    /// Submits a form on the page. The form is the first matching <paramref name="formSelector"/>, by default the first
    /// POST form in the main content. Each change replaces every value of that field; a null value removes the field;
    /// several changes with the same name send several values.
    /// </summary>
    public async Task<HtmlPage> SubmitAsync(HtmlPage page, IEnumerable<KeyValuePair<string, string?>> changes, string? formSelector = null)
    {
        var form = page.Document.QuerySelector(formSelector ?? "main form[method=post]") as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector ?? "main form[method=post]"}' on {page.Url} (status {(int)page.Status}).");
        var fields = FormFields(form);
        foreach (var group in changes.GroupBy(c => c.Key))
        {
            fields.RemoveAll(f => f.Key == group.Key);
            fields.AddRange(group.Where(c => c.Value is not null).Select(c => new KeyValuePair<string, string>(c.Key, c.Value!)));
        }

        var action = form.GetAttribute("action");
        return await PostAsync(string.IsNullOrEmpty(action) ? page.Url : action, fields);
    }

    public Task<HtmlPage> SubmitAsync(HtmlPage page, params (string Name, string? Value)[] changes) =>
        SubmitAsync(page, changes.Select(c => new KeyValuePair<string, string?>(c.Name, c.Value)));

    /// <summary>POSTs exactly these fields (no token is added).</summary>
    public async Task<HtmlPage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(url, UriKind.RelativeOrAbsolute), content);
        return await ReadAsync(response, url);
    }

    /// <summary>Signs in through the sign-in page as a person would; fails the test if it does not work.</summary>
    public async Task<HtmlPage> SignInAsync(string email, string password = DemoDataSeeder.DemoPassword)
    {
        var result = await TrySignInAsync(email, password);
        if (result.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} failed with {(int)result.Status}: {string.Join("; ", result.ErrorSummary)}");
        }

        return await FollowAsync(result);
    }

    /// <summary>Submits the sign-in form and returns the response without following it.</summary>
    public async Task<HtmlPage> TrySignInAsync(string email, string password)
    {
        var page = await GetAsync("/Account/SignIn");
        page.Status.ShouldBe(HttpStatusCode.OK);
        return await SubmitAsync(page, ("Email", email), ("Password", password));
    }

    /// <summary>The fields a browser would send for the form as rendered.</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "image" or "reset":
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    var options = select.Options.Where(o => o.IsSelected).ToList();
                    if (options.Count == 0 && select.Options.Length > 0)
                    {
                        options.Add(select.Options[0]!);
                    }

                    fields.AddRange(options.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
            }
        }

        return fields;
    }

    private static async Task<HtmlPage> ReadAsync(HttpResponseMessage response, string url)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await Parser.ParseDocumentAsync(html);
        var location = response.Headers.Location is { } l
            ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString)
            : null;
        var path = new Uri(new Uri("https://localhost"), url).PathAndQuery;
        return new HtmlPage(response.StatusCode, path, location, html, document);
    }

    public void Dispose() => client.Dispose();
}

/// <summary>A response as a person would see it.</summary>
public sealed record HtmlPage(HttpStatusCode Status, string Url, string? Location, string Html, IDocument Document)
{
    public bool IsRedirect => Status is HttpStatusCode.Redirect or HttpStatusCode.RedirectKeepVerb or HttpStatusCode.SeeOther
        or HttpStatusCode.MovedPermanently && Location is not null;

    public string Heading => Text(Document.QuerySelector("h1"));

    /// <summary>The messages in the GOV.UK error summary, in order.</summary>
    public IReadOnlyList<string> ErrorSummary => Document.QuerySelectorAll(".govuk-error-summary__list li").Select(Text).ToList();

    /// <summary>The message shown beside a field (by the field's id).</summary>
    public string? FieldError(string id) =>
        Document.GetElementById(id)?.Closest(".govuk-form-group--error")?.QuerySelector(".govuk-error-message") is { } e
            ? Text(e).Replace("Error:", "", StringComparison.Ordinal).Trim()
            : null;

    /// <summary>The value of an input by id, as the page shows it.</summary>
    public string? InputValue(string id) => (Document.GetElementById(id) as IHtmlInputElement)?.Value;

    /// <summary>The value in a summary list row, by its key.</summary>
    public string? SummaryValue(string key) => Document.QuerySelectorAll(".govuk-summary-list__row")
        .Where(r => Text(r.QuerySelector(".govuk-summary-list__key")) == key)
        .Select(r => Text(r.QuerySelector(".govuk-summary-list__value")))
        .FirstOrDefault();

    /// <summary>The rows of the first table, as the text of each cell.</summary>
    public IReadOnlyList<IReadOnlyList<string>> TableRows(string selector = "table") =>
        Document.QuerySelector(selector)?.QuerySelectorAll("tbody tr")
            .Select(r => (IReadOnlyList<string>)r.QuerySelectorAll("td, th").Select(Text).ToList()).ToList() ?? [];

    /// <summary>All the text on the page, whitespace collapsed.</summary>
    public string BodyText => Text(Document.Body);

    public static string Text(IElement? element) =>
        element is null ? "" : string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
