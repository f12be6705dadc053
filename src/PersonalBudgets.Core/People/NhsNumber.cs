namespace PersonalBudgets.Core.People;

/// <summary>
/// An NHS number: ten digits whose last is a modulus 11 check digit. Spaces and hyphens are allowed on input
/// ("943 476 5919"); the stored form is the ten digits.
/// </summary>
public readonly record struct NhsNumber
{
    private NhsNumber(string digits) => Value = digits;

    /// <summary>The ten digits, no separators.</summary>
    public string Value { get; }

    public static bool TryParse(string? input, out NhsNumber nhsNumber)
    {
        nhsNumber = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit) || !HasValidCheckDigit(digits))
        {
            return false;
        }

        nhsNumber = new NhsNumber(digits);
        return true;
    }

    public static NhsNumber Parse(string input) =>
        TryParse(input, out var n) ? n : throw new FormatException("Not a valid NHS number.");

    /// <summary>Multiply the first nine digits by 10 down to 2, sum, take 11 − (sum mod 11); 11 means 0 and 10 is invalid.</summary>
    public static bool HasValidCheckDigit(string tenDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (tenDigits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == tenDigits[9] - '0';
    }

    /// <summary>The 3-3-4 display form, e.g. "943 476 5919".</summary>
    public string Formatted => Value is null ? "" : $"{Value[..3]} {Value[3..6]} {Value[6..]}";

    public override string ToString() => Formatted;
}
