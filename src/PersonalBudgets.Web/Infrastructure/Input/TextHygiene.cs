namespace PersonalBudgets.Web.Infrastructure.Input;

/// <summary>
/// The one rule for text sent to the service: no NUL or other C0 control characters (tab, CR and LF are text), no DEL,
/// and no half of a surrogate pair. PostgreSQL cannot store NUL or unpaired surrogates in text at all, and no person
/// means to type the others.
/// </summary>
public static class TextHygiene
{
    public static bool HasControlCharacters(string? text)
    {
        if (text is null)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsControl(c))
            {
                return true;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text without the refused characters, to show back in a form.</summary>
    public static string Cleaned(string text) => HasControlCharacters(text)
        ? new string(text.Where(c => !IsControl(c) && !char.IsSurrogate(c)).ToArray())
        : text;

    public static string Message(string field) => $"{field} must not contain control characters";

    private static bool IsControl(char c) => c is (< ' ' and not '\t' and not '\r' and not '\n') or '\u007f';
}
