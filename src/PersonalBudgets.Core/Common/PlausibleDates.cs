using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Common;

/// <summary>
/// The range of sense for each kind of date the service records, so that a slip of the keyboard (0001-01-01,
/// 9999-12-31) is refused with the field named instead of being stored and breaking the arithmetic on it later (a
/// support plan starting in 9999 made the approval's due dates overflow). Each rule returns the problem or null.
/// </summary>
public static class PlausibleDates
{
    /// <summary>Nobody the service supports was born before this.</summary>
    public static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    /// <summary>No referral, plan, aftercare or budget the service holds began before this.</summary>
    public static readonly DateOnly EarliestRecord = new(2000, 1, 1);

    /// <summary>How far ahead support, aftercare or a plan element may be arranged to start.</summary>
    public const int StartYearsAhead = 2;

    /// <summary>How far ahead an arrangement may be recorded as ending, or a piece of work be due.</summary>
    public const int EndYearsAhead = 10;

    public const int DueYearsAhead = 2;

    public static FieldError? DateOfBirth(DateOnly date, DateOnly today, string field = "DateOfBirth") =>
        date > today ? new(field, "Date of birth must be today or in the past")
        : date < EarliestBirth ? new(field, $"Date of birth must be after {UkFormat.Date(EarliestBirth)}")
        : null;

    /// <summary>A referral: not in the future, not before the person was born, not before the service's records.</summary>
    public static FieldError? Referral(DateOnly date, DateOnly today, DateOnly? dateOfBirth = null, string field = "ReferralDate") =>
        date > today ? new(field, "The referral date must be today or in the past")
        : dateOfBirth is { } birth && date < birth ? new(field, "The referral date must be on or after the person's date of birth")
        : date < EarliestRecord ? new(field, $"The referral date must be on or after {UkFormat.Date(EarliestRecord)}")
        : null;

    /// <summary>The start of something arranged (aftercare, a plan element): from the earliest record to a couple of years ahead.</summary>
    public static FieldError? Start(DateOnly date, DateOnly today, string label, string field) =>
        date < EarliestRecord ? new(field, $"{label} must be on or after {UkFormat.Date(EarliestRecord)}")
        : date > today.AddYears(StartYearsAhead) ? new(field, $"{label} must be no later than {UkFormat.Date(today.AddYears(StartYearsAhead))}")
        : null;

    /// <summary>The end of something arranged: from the earliest record to ten years ahead.</summary>
    public static FieldError? End(DateOnly date, DateOnly today, string label, string field) =>
        date < EarliestRecord ? new(field, $"{label} must be on or after {UkFormat.Date(EarliestRecord)}")
        : date > today.AddYears(EndYearsAhead) ? new(field, $"{label} must be no later than {UkFormat.Date(today.AddYears(EndYearsAhead))}")
        : null;

    /// <summary>A due date for a piece of work: today or later, within a couple of years.</summary>
    public static FieldError? Due(DateOnly date, DateOnly today, string field = "DueDate") =>
        date < today ? new(field, "The due date must be today or in the future")
        : date > today.AddYears(DueYearsAhead) ? new(field, $"The due date must be no later than {UkFormat.Date(today.AddYears(DueYearsAhead))}")
        : null;

    /// <summary>Throws the problems as one refusal, naming each field.</summary>
    public static void Ensure(params FieldError?[] problems)
    {
        var errors = problems.OfType<FieldError>().ToList();
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
