using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PersonalBudgets.Bench.Load;

/// <summary>
/// One member of staff signed in to the service over plain HTTP, as if through a load balancer that ends TLS: every
/// request says X-Forwarded-Proto: https (outside Development the service refuses forms over plain HTTP). Cookies are
/// kept by hand because they are marked Secure and a cookie container would not send them over HTTP.
/// </summary>
public sealed partial class StaffClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    private StaffClient(Uri baseUrl)
    {
        http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>What a TLS-ending load balancer adds to each request (the service trusts it from loopback).</summary>
    public const string ForwardedProto = "X-Forwarded-Proto";

    public string Email { get; private init; } = "";

    /// <summary>The Cookie header that carries this member of staff's session.</summary>
    public string CookieHeader => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));

    public static async Task<StaffClient> SignInAsync(Uri baseUrl, string email, string password)
    {
        var client = new StaffClient(baseUrl) { Email = email };
        var form = await client.GetTextAsync("/Account/SignIn");
        using var response = await client.SendAsync(HttpMethod.Post, "/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = FormToken(form, "/Account/SignIn"),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || !client.cookies.ContainsKey("pb-session"))
        {
            throw new InvalidOperationException($"Could not sign in as {email}: the service answered {(int)response.StatusCode} without a session. Was the data generated with the benchmark accounts?");
        }

        return client;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", CookieHeader);
        }

        request.Headers.Add(ForwardedProto, "https");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(path.StartsWith("/api/", StringComparison.Ordinal) ? "application/json" : "text/html"));
        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    continue;
                }

                var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    cookies.Remove(name);
                }
                else
                {
                    cookies[name] = value;
                }
            }
        }

        return response;
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} as {(Email.Length > 0 ? Email : "nobody")} answered {(int)response.StatusCode}");
        }

        return text;
    }

    public async Task<JsonElement> GetJsonAsync(string path) => JsonDocument.Parse(await GetTextAsync(path)).RootElement;

    public async Task<(HttpStatusCode Status, string Body)> SendJsonAsync(HttpMethod method, string path, string json)
    {
        using var response = await SendAsync(method, path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form the way a browser would (with the page's antiforgery token) and returns where it redirects.</summary>
    public async Task<string> PostFormForRedirectAsync(string path, Dictionary<string, string> fields)
    {
        var page = await GetTextAsync(path);
        fields["__RequestVerificationToken"] = FormToken(page, path);
        using var response = await SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields));
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            ? location.OriginalString
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, not a redirect");
    }

    /// <summary>The antiforgery token of a page's form, which this session can use on any form of the service.</summary>
    public async Task<string> FormTokenAsync(string path) => FormToken(await GetTextAsync(path), path);

    /// <summary>Posts a form with a token already fetched and returns the status (a redirect is what a form does when it works).</summary>
    public async Task<HttpStatusCode> PostFormAsync(string path, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        using var response = await SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields));
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode;
    }

    private static string FormToken(string html, string path)
    {
        var input = TokenInput().Match(html);
        var value = input.Success ? ValueAttribute().Match(input.Value) : Match.Empty;
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : throw new InvalidOperationException($"{path} has no antiforgery token");
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    public void Dispose() => http.Dispose();
}
