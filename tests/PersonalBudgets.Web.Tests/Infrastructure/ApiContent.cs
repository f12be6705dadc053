using System.Text;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>Request bodies for API calls.</summary>
public static class ApiContent
{
    /// <summary>
    /// A POST with nothing to send still declares JSON: the API refuses a cookie-authenticated change that neither
    /// declares JSON nor carries an antiforgery token, as a form from another site would.
    /// </summary>
    public static HttpContent JsonWithoutBody() => new StringContent("", Encoding.UTF8, "application/json");
}
