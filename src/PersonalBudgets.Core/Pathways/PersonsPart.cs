using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Pathways;

/// <summary>
/// How the person took part in a step: required before any step of the pathway is completed. Where they lacked
/// capacity for the decision, the best-interests decision and who was consulted must be recorded too.
/// </summary>
public sealed record PersonsPart(Participation Participation, string? BestInterestsConsulted)
{
    public const int ConsultedMaxLength = 1000;

    /// <summary>Validates the answers; errors name the fields <c>Participation</c> and <c>BestInterestsConsulted</c>.</summary>
    public static PersonsPart? From(Participation? participation, string? bestInterestsConsulted, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (participation is null || !Enum.IsDefined(participation.Value))
        {
            errors.Add(new FieldError(nameof(Participation), "Select how the person took part"));
            return null;
        }

        var consulted = string.IsNullOrWhiteSpace(bestInterestsConsulted) ? null : bestInterestsConsulted.Trim();
        if (participation == Participation.LackedCapacity)
        {
            if (consulted is null)
            {
                errors.Add(new FieldError(nameof(BestInterestsConsulted), "Enter the best-interests decision and who was consulted"));
                return null;
            }

            if (consulted.Length > ConsultedMaxLength)
            {
                errors.Add(new FieldError(nameof(BestInterestsConsulted), $"The best-interests decision must be {ConsultedMaxLength} characters or fewer"));
                return null;
            }
        }

        return new PersonsPart(participation.Value, participation == Participation.LackedCapacity ? consulted : null);
    }
}
