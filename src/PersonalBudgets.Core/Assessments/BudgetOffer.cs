using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Core.Assessments;

public enum OfferStage
{
    [Display(Name = "At eligibility")] Eligibility,
    [Display(Name = "At the indicative budget")] IndicativeBudget,
}

public enum OfferResponse
{
    [Display(Name = "Interested in a direct payment")] InterestedInDirectPayment,
    [Display(Name = "Prefers the council to arrange support")] PrefersCouncilArranged,
    [Display(Name = "Wants time to decide")] WantsTimeToDecide,
    [Display(Name = "Declined")] Declined,
}

public enum NotOfferedReason
{
    [Display(Name = "The person was too unwell at this time (offer to be made later)")] TooUnwellNow,
    [Display(Name = "The person lacks capacity and there is no suitable person to manage a direct payment")] NoSuitablePerson,
    [Display(Name = "Section 117 aftercare is arranged by the NHS")] Section117ArrangedByNhs,
    [Display(Name = "The person is not eligible")] NotEligible,
    [Display(Name = "Other reason")] Other,
}

/// <summary>
/// The record that a personal budget and a direct payment were explained and offered (or why not), and the person's
/// response. Recorded at set points; the recorder's profession and team are kept for reporting.
/// </summary>
public sealed class BudgetOffer
{
    public const int DetailMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public OfferStage Stage { get; private set; }
    public Guid? AssessmentId { get; private set; }
    public Guid? IndicativeBudgetId { get; private set; }
    public bool Offered { get; private set; }
    public OfferResponse? Response { get; private set; }
    public NotOfferedReason? NotOfferedReason { get; private set; }
    public string? Detail { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public Guid RecordedById { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public Profession RecordedByProfession { get; private set; }
    public Guid? TeamId { get; private set; }

    private BudgetOffer()
    {
    }

    public static BudgetOffer Record(
        Guid personId, OfferStage stage, Guid? assessmentId, Guid? indicativeBudgetId,
        bool? offered, OfferResponse? response, NotOfferedReason? notOfferedReason, string? detail,
        Actor actor, Profession profession, Guid? teamId, DateTimeOffset now)
    {
        var errors = new List<People.FieldError>();
        var text = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim();
        if (offered is null)
        {
            errors.Add(new("Offered", "Select whether a personal budget and a direct payment were explained and offered"));
        }
        else if (offered.Value && response is null)
        {
            errors.Add(new("Response", "Select the person's response"));
        }
        else if (!offered.Value)
        {
            if (notOfferedReason is null)
            {
                errors.Add(new("NotOfferedReason", "Select why a personal budget was not offered"));
            }

            if (text is null)
            {
                errors.Add(new("Detail", "Explain why a personal budget was not offered"));
            }
        }

        if (text is { Length: > DetailMaxLength })
        {
            errors.Add(new("Detail", $"Detail must be {DetailMaxLength} characters or fewer"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new BudgetOffer
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Stage = stage,
            AssessmentId = assessmentId,
            IndicativeBudgetId = indicativeBudgetId,
            Offered = offered!.Value,
            Response = offered.Value ? response : null,
            NotOfferedReason = offered.Value ? null : notOfferedReason,
            Detail = text,
            RecordedAt = now,
            RecordedById = actor.UserId,
            RecordedByName = actor.DisplayName,
            RecordedByProfession = profession,
            TeamId = teamId,
        };
    }
}
