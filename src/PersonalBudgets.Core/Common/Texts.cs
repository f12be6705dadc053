using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Common;

/// <summary>Trimming and length checks for free text, adding a field error where a rule is broken.</summary>
public static class Texts
{
    public static string? Required(string? value, string field, string missingMessage, int maxLength, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            errors.Add(new FieldError(field, missingMessage));
        }
        else if (text.Length > maxLength)
        {
            errors.Add(new FieldError(field, $"This must be {maxLength} characters or fewer"));
            return null;
        }

        return text;
    }

    public static string? Optional(string? value, string field, int maxLength, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is { } t && t.Length > maxLength)
        {
            errors.Add(new FieldError(field, $"This must be {maxLength} characters or fewer"));
            return null;
        }

        return text;
    }
}
