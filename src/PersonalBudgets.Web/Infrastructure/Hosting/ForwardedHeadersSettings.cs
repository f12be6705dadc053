using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Infrastructure.Hosting;

/// <summary>
/// Which proxies (load balancers) in front of the service are trusted to say, in X-Forwarded-For and X-Forwarded-Proto,
/// who the client is and that it used https. Outside Development the session and antiforgery cookies are Secure and
/// antiforgery refuses a request that is not https, so a proxy that ends TLS must be trusted or no form works.
/// Loopback is always trusted (a proxy on the same machine). Add others with
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), each a
/// list or one comma-separated value (e.g. <c>ForwardedHeaders__KnownNetworks=10.0.0.0/8</c>), and
/// <c>ForwardedHeaders:ForwardLimit</c> for the number of proxies in a row (default 1).
/// </summary>
public sealed record ForwardedHeadersSettings(IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<System.Net.IPNetwork> KnownNetworks, int ForwardLimit)
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Reads and validates the settings, failing with a message that names the setting.</summary>
    public static ForwardedHeadersSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies")).Select(v => IPAddress.TryParse(v, out var address)
            ? address
            : throw new ConfigurationException($"The setting {Section}:KnownProxies has '{v}', which is not an IP address.")).ToList();
        var networks = Values(section.GetSection("KnownNetworks")).Select(v => System.Net.IPNetwork.TryParse(v, out var network)
            ? network
            : throw new ConfigurationException($"The setting {Section}:KnownNetworks has '{v}', which is not a network in CIDR form such as 10.0.0.0/8.")).ToList();
        var limitText = section["ForwardLimit"];
        var limit = 1;
        if (!string.IsNullOrWhiteSpace(limitText) && (!int.TryParse(limitText, out limit) || limit is < 1 or > 10))
        {
            throw new ConfigurationException($"The setting {Section}:ForwardLimit is '{limitText}'. Use the number of proxies in front of the service, 1 to 10.");
        }

        return new ForwardedHeadersSettings(proxies, networks, limit);
    }

    public void ApplyTo(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = ForwardLimit;
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    /// <summary>A list (Section:0, Section:1, …) or one comma-separated value.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? ""))
        .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
