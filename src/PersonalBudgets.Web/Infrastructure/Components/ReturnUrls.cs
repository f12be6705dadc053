using Microsoft.AspNetCore.WebUtilities;

namespace PersonalBudgets.Web.Infrastructure.Components;

/// <summary>
/// "Back" goes back to where the user came from: a list that links to a page adds its own address as
/// <see cref="QueryKey"/>, and the page's back link uses it, but only when it is a path on this service (never another
/// site, a protocol-relative or a backslash address, so a link cannot send anyone elsewhere).
/// </summary>
public static class ReturnUrls
{
    public const string QueryKey = "returnUrl";

    /// <summary>True for a path on this service: starts with one "/", not "//" or "/\", and no control characters.</summary>
    public static bool IsSafeLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
        && url.Length <= 1000;

    /// <summary>The request's own address (path and query), to pass on as the return address.</summary>
    public static string Here(HttpRequest request) => request.Path + request.QueryString;

    /// <summary>The request's safe return address, or null.</summary>
    public static string? Of(HttpRequest request) =>
        request.Query[QueryKey].ToString() is { Length: > 0 } url && IsSafeLocal(url) ? url : null;

    /// <summary>A link to <paramref name="url"/> that says where to come back to (when that is a safe local address).</summary>
    public static string With(string url, string? returnUrl) =>
        IsSafeLocal(returnUrl) ? QueryHelpers.AddQueryString(url, QueryKey, returnUrl!) : url;
}
