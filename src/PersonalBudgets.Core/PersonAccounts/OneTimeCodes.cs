using System.Security.Cryptography;
using System.Text;

namespace PersonalBudgets.Core.PersonAccounts;

/// <summary>
/// Invitation and recovery codes: cryptographically random, from an alphabet with no look-alike characters (no 0/O,
/// 1/I/L, U), grouped in fours so they are easy to type from a letter. Only a code's SHA-256 hash is stored: the codes
/// carry 80 bits (invitation) or 60 bits (recovery) of randomness, so a fast hash is enough and no salt is needed.
/// </summary>
public static class OneTimeCodes
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

    /// <summary>16 characters from 30: about 78 bits.</summary>
    public const int InvitationLength = 16;

    public const int RecoveryLength = 12;

    public const int RecoveryCodeCount = 10;

    public static string NewInvitationCode() => Group(Random(InvitationLength));

    public static IReadOnlyList<string> NewRecoveryCodes() =>
        Enumerable.Range(0, RecoveryCodeCount).Select(_ => Group(Random(RecoveryLength))).ToList();

    /// <summary>Upper case, without spaces or dashes; null when the text holds anything but the alphabet.</summary>
    public static string? Normalise(string? code)
    {
        var clean = new string((code ?? "").Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
        return clean.Length > 0 && clean.Length <= 64 && clean.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? clean : null;
    }

    /// <summary>The hash stored for a code (hex SHA-256 of the normalised code); null for text that cannot be a code.</summary>
    public static string? Hash(string? code) =>
        Normalise(code) is { } clean ? Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(clean))) : null;

    private static string Random(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Group(string code)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < code.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                sb.Append('-');
            }

            sb.Append(code[i]);
        }

        return sb.ToString();
    }
}
