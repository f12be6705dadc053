namespace PersonalBudgets.Core.Assessments;

/// <summary>One eligibility decision on the person's record, as much of it as the current eligibility needs.</summary>
public sealed record EligibilityDecisionRef(Guid AssessmentId, AssessmentKind Kind, bool Eligible, DateTimeOffset ConfirmedAt);

/// <summary>
/// The person's current eligibility: the latest decision on an adult's needs assessment decides, so a later "not
/// eligible" (for example on a corrected assessment) replaces an earlier "eligible", and the other way round. Carer's
/// decisions are about the carer and never count. The indicative budget, the support plan's eligible needs, the
/// written record and the API all ask this one rule.
/// </summary>
public sealed record CurrentEligibility(bool Eligible, Guid? AssessmentId, DateTimeOffset? DecidedAt)
{
    public static CurrentEligibility NotDecided { get; } = new(false, null, null);

    public bool IsDecided => AssessmentId is not null;

    public static CurrentEligibility From(IEnumerable<EligibilityDecisionRef> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var latest = decisions.Where(d => d.Kind == AssessmentKind.Adult).OrderByDescending(d => d.ConfirmedAt).FirstOrDefault();
        return latest is null ? NotDecided : new CurrentEligibility(latest.Eligible, latest.AssessmentId, latest.ConfirmedAt);
    }

    /// <summary>
    /// The person's eligible needs: the outcomes they cannot achieve in the assessment behind the current decision,
    /// in the regulations' order; none while they are not (or not yet) eligible.
    /// </summary>
    public IReadOnlyList<SpecifiedOutcome> EligibleNeeds(Assessment? decidedAssessment)
    {
        if (!Eligible || decidedAssessment is null)
        {
            return [];
        }

        if (decidedAssessment.Id != AssessmentId)
        {
            throw new ArgumentException("The eligible needs come from the assessment behind the current decision.", nameof(decidedAssessment));
        }

        return decidedAssessment.OutcomesNotAchieved();
    }
}
