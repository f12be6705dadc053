using System.Globalization;

namespace PersonalBudgets.Core.Security;

/// <summary>
/// The rule for staff passwords, after NCSC password guidance and NIST SP 800-63B: length rather than composition
/// (at least <see cref="MinLength"/> characters, any characters, spaces allowed so passphrases work), and no password
/// that is common or on a breached list, that contains the person's own name or email address, or that is a
/// trivial repeat or sequence. No rule asks for capitals, numbers or symbols: they make passwords harder to remember,
/// not harder to guess.
/// </summary>
public sealed class PasswordPolicy
{
    public const int MinLength = 12;

    /// <summary>Generous, so long passphrases fit; the limit only stops absurd inputs.</summary>
    public const int MaxLength = 256;

    public const string TooShort = "Password must be 12 characters or more";
    public const string TooLong = "Password must be 256 characters or fewer";
    public const string TooCommon = "Password is too common. Choose one that is harder to guess, for example 3 random words";
    public const string Personal = "Password must not include your name or email address";
    public const string Trivial = "Password must not be a repeated character, a repeated pattern or a sequence like 123456789012";

    /// <summary>Name parts shorter than this are not looked for in a password: too many ordinary words contain them.</summary>
    private const int NamePartMinLength = 4;

    private static readonly Lazy<PasswordPolicy> Shipped = new(() => new PasswordPolicy(LoadShippedList()));

    private readonly HashSet<string> common;

    public PasswordPolicy(IEnumerable<string> commonPasswords)
    {
        ArgumentNullException.ThrowIfNull(commonPasswords);
        common = new HashSet<string>(commonPasswords.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0), StringComparer.Ordinal);
    }

    /// <summary>The policy with the common-password list shipped in this assembly (see CommonPasswords.README.md).</summary>
    public static PasswordPolicy Default => Shipped.Value;

    public int CommonPasswordCount => common.Count;

    /// <summary>
    /// The problems with <paramref name="password"/> for the person with this email and name, in words for the person;
    /// none when it is acceptable. Only the most useful message is given for length, so the list stays short.
    /// </summary>
    public IReadOnlyList<string> Check(string? password, string? email = null, string? displayName = null)
    {
        password ??= "";
        // Length counts characters as people see them, so an accented letter or an emoji counts once.
        var length = new StringInfo(password.Normalize()).LengthInTextElements;
        if (length < MinLength || string.IsNullOrWhiteSpace(password))
        {
            return [TooShort];
        }

        if (length > MaxLength)
        {
            return [TooLong];
        }

        var problems = new List<string>();
        if (IsCommon(password))
        {
            problems.Add(TooCommon);
        }

        if (IsPersonal(password, email, displayName))
        {
            problems.Add(Personal);
        }

        if (IsTrivial(password))
        {
            problems.Add(Trivial);
        }

        return problems;
    }

    /// <summary>On the list as it is, or once the digits and symbols people add at either end are taken off.</summary>
    public bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim(NotALetter(lower));
        var noSpaces = string.Concat(lower.Where(c => !char.IsWhiteSpace(c)));
        return common.Contains(lower) || (core.Length > 0 && common.Contains(core)) || common.Contains(noSpaces)
            || (lower.TrimEnd(NotALetter(lower)) is { Length: > 0 } noTail && common.Contains(noTail))
            || (lower.TrimStart(NotALetter(lower)) is { Length: > 0 } noHead && common.Contains(noHead));
    }

    private static char[] NotALetter(string s) => s.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    private static bool IsPersonal(string password, string? email, string? displayName)
    {
        var lower = password.ToLowerInvariant();
        var squashed = string.Concat(lower.Where(char.IsLetterOrDigit));
        var words = new List<string>();
        var localPart = email?.Split('@')[0].Trim().ToLowerInvariant() ?? "";
        if (localPart.Length >= 3)
        {
            words.Add(localPart);
            words.AddRange(localPart.Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries));
        }

        var name = displayName?.Trim().ToLowerInvariant() ?? "";
        if (name.Length > 0)
        {
            var parts = name.Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries);
            words.AddRange(parts);
            if (parts.Length > 1)
            {
                words.Add(string.Concat(parts));
            }
        }

        return words.Where(w => w.Length >= NamePartMinLength).Any(w =>
            lower.Contains(w, StringComparison.Ordinal) || squashed.Contains(string.Concat(w.Where(char.IsLetterOrDigit)), StringComparison.Ordinal));
    }

    /// <summary>Three or fewer different characters (aaaa…, abab…), or a run where each character is one up or down from the last.</summary>
    private static bool IsTrivial(string password)
    {
        var lower = password.ToLowerInvariant();
        if (lower.Distinct().Count() <= 3)
        {
            return true;
        }

        static int Step(char a, char b) => char.IsDigit(a) && char.IsDigit(b) ? ((b - a) % 10 + 10) % 10 : b - a;
        var first = Step(lower[0], lower[1]);
        if (first is not (1 or -1 or 9))
        {
            return false;
        }

        for (var i = 2; i < lower.Length; i++)
        {
            if (Step(lower[i - 1], lower[i]) != first)
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> LoadShippedList()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("PersonalBudgets.Core.Security.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in PersonalBudgets.Core.");
        using var reader = new StreamReader(stream);
        var list = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith("#!comment:", StringComparison.Ordinal))
            {
                list.Add(line);
            }
        }

        return list;
    }
}
