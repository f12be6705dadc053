using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Assessments;

/// <summary>
/// One eligible need a support plan meets: a specified outcome of reg 2(2) for an adult, or for a carer a carer outcome
/// of reg 3(2)(b) or the carer's health being at risk (reg 3(2)(a)). Stored by its code: an adult's is the outcome's
/// name (as stored before carers had plans), a carer's is "Carer" and the outcome's name, or "CarerHealth".
/// </summary>
public readonly record struct EligibleNeed : IComparable<EligibleNeed>
{
    public const string CarerPrefix = "Carer";
    public const string CarerHealthCode = "CarerHealth";

    public string Code { get; }

    private EligibleNeed(string code) => Code = code;

    public static EligibleNeed Of(SpecifiedOutcome outcome) => new(outcome.ToString());

    public static EligibleNeed Of(CarerOutcome outcome) => new(CarerPrefix + outcome);

    public static EligibleNeed CarerHealth { get; } = new(CarerHealthCode);

    public static implicit operator EligibleNeed(SpecifiedOutcome outcome) => Of(outcome);

    public static implicit operator EligibleNeed(CarerOutcome outcome) => Of(outcome);

    /// <summary>Reads a stored or posted code; null when it names no need.</summary>
    public static EligibleNeed? Parse(string? code)
    {
        if (string.IsNullOrEmpty(code) || int.TryParse(code, out _))
        {
            return null;
        }

        if (code == CarerHealthCode)
        {
            return CarerHealth;
        }

        if (code.StartsWith(CarerPrefix, StringComparison.Ordinal))
        {
            return Enum.TryParse<CarerOutcome>(code[CarerPrefix.Length..], ignoreCase: false, out var c) && Enum.IsDefined(c) ? Of(c) : null;
        }

        return Enum.TryParse<SpecifiedOutcome>(code, ignoreCase: false, out var o) && Enum.IsDefined(o) ? Of(o) : null;
    }

    public static EligibleNeed FromCode(string code) => Parse(code) ?? throw new ArgumentException($"Not an eligible need: {code}", nameof(code));

    public bool IsCarers => Code.StartsWith(CarerPrefix, StringComparison.Ordinal);

    /// <summary>The need in the regulations' words.</summary>
    public string Label() => Code == CarerHealthCode
        ? "The carer's physical or mental health, which is deteriorating or at risk"
        : IsCarers
            ? Enum.Parse<CarerOutcome>(Code[CarerPrefix.Length..]).Label()
            : Enum.Parse<SpecifiedOutcome>(Code).Label();

    /// <summary>The regulations' order: adults' outcomes, then the carer's health, then the carer outcomes.</summary>
    public int Order => Code == CarerHealthCode
        ? 100
        : IsCarers ? 101 + (int)Enum.Parse<CarerOutcome>(Code[CarerPrefix.Length..]) : (int)Enum.Parse<SpecifiedOutcome>(Code);

    /// <summary>In the regulations' order (<see cref="Order"/>), so lists of needs sort as the law lists them.</summary>
    public int CompareTo(EligibleNeed other)
    {
        var byOrder = Order.CompareTo(other.Order);
        return byOrder != 0 ? byOrder : string.CompareOrdinal(Code, other.Code);
    }

    public static bool operator <(EligibleNeed left, EligibleNeed right) => left.CompareTo(right) < 0;

    public static bool operator >(EligibleNeed left, EligibleNeed right) => left.CompareTo(right) > 0;

    public static bool operator <=(EligibleNeed left, EligibleNeed right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EligibleNeed left, EligibleNeed right) => left.CompareTo(right) >= 0;

    public override string ToString() => Code;
}
