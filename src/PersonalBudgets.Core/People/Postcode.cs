using System.Text.RegularExpressions;

namespace PersonalBudgets.Core.People;

/// <summary>UK postcodes: normalised to upper case with one space before the inward code ("LS1 4AP").</summary>
public static partial class Postcode
{
    [GeneratedRegex("^(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$")]
    private static partial Regex Pattern();

    public static bool TryNormalise(string? input, out string normalised)
    {
        normalised = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var compact = new string(input.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (compact.Length < 5 || !Pattern().IsMatch(compact))
        {
            return false;
        }

        normalised = $"{compact[..^3]} {compact[^3..]}";
        return true;
    }
}
