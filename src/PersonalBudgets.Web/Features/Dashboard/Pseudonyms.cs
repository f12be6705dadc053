using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PersonalBudgets.Web.Features.Dashboard;

public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>The secret behind the pseudonyms analysts see (ADR 0027). Required in Production; elsewhere a development key stands in.</summary>
    public string? PseudonymKey { get; set; }
}

/// <summary>
/// A stable pseudonym for a person (ADR 0027): an HMAC-SHA256 of the person's id under a key from configuration, so
/// the same person has the same pseudonym in every list and every download, and nobody without the key can go from the
/// pseudonym back to the person or guess it from their id.
/// </summary>
public sealed class Pseudonyms(IOptions<ReportingOptions> options, IHostEnvironment environment)
{
    private const string DevelopmentKey = "development only: set Reporting:PseudonymKey in production";

    // Read when first needed, so that pages which show no pseudonym work without the key; a list that needs one says
    // what to set, through the one place for errors, as a missing LA code does for the CLD return (ADR 0027).
    private readonly Lazy<byte[]> key = new(() => Encoding.UTF8.GetBytes(
        !string.IsNullOrWhiteSpace(options.Value.PseudonymKey) ? options.Value.PseudonymKey
        : !environment.IsProduction() ? DevelopmentKey
        : throw new Core.Common.DomainException("pseudonym-key-missing",
            "Lists under pseudonyms cannot be shown until an administrator sets the key behind them (Reporting:PseudonymKey, a long random secret).")));

    public string Of(Guid personId) => "P-" + Convert.ToHexString(HMACSHA256.HashData(key.Value, personId.ToByteArray()))[..10];

    /// <summary>
    /// The pseudonym of an identity that is not one record, such as ASCOF 3D's person (an NHS number or the council's
    /// identifier, which may join several records: ADR 0028), under the same key, marked apart from a record's.
    /// </summary>
    public string Of(string identity) => "P-" + Convert.ToHexString(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes("identity:" + identity)))[..10];
}
