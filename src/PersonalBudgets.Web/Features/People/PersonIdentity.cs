using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Web.Features.People;

/// <summary>
/// How a person is told apart wherever they are named (issue 11, item 8): date of birth, the council's identifier and
/// the NHS number when known. Lists put this under the name; the person header shows the same facts.
/// </summary>
public static class PersonIdentity
{
    public static string Line(DateOnly dateOfBirth, string personIdentifier, string? nhsNumber) =>
        $"Born {UkFormat.Date(dateOfBirth)} · {personIdentifier}" + (nhsNumber is null ? "" : $" · NHS number {NhsNumber.Parse(nhsNumber).Formatted}");
}
