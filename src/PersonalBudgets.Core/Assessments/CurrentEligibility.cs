namespace PersonalBudgets.Core.Assessments;

/// <summary>One eligibility decision on the person's record, as much of it as the current eligibility needs.</summary>
public sealed record EligibilityDecisionRef(Guid AssessmentId, AssessmentKind Kind, bool Eligible, DateTimeOffset ConfirmedAt);

/// <summary>
/// The person's current eligibility: the latest decision on an adult's needs assessment decides, so a later "not
/// eligible" (for example on a corrected assessment) replaces an earlier "eligible", and the other way round. Carer's
/// decisions are about the carer and never count for the cared-for person. For a carer's own record (ADR 21) the
/// latest decision on the carer's assessments linked to it decides, the same way. The indicative budget, the support
/// plan's eligible needs, the written record and the API all ask this one rule.
/// </summary>
public sealed record CurrentEligibility(bool Eligible, Guid? AssessmentId, DateTimeOffset? DecidedAt)
{
    public static CurrentEligibility NotDecided { get; } = new(false, null, null);

    public bool IsDecided => AssessmentId is not null;

    /// <param name="decisions">The decisions on the person's record (for a carer's record: on the carer's assessments linked to it).</param>
    /// <param name="forCarer">The record is a carer's own: only carer's decisions count.</param>
    public static CurrentEligibility From(IEnumerable<EligibilityDecisionRef> decisions, bool forCarer = false)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var kind = forCarer ? AssessmentKind.Carer : AssessmentKind.Adult;
        var latest = decisions.Where(d => d.Kind == kind).OrderByDescending(d => d.ConfirmedAt).FirstOrDefault();
        return latest is null ? NotDecided : new CurrentEligibility(latest.Eligible, latest.AssessmentId, latest.ConfirmedAt);
    }

    /// <summary>
    /// The person's eligible needs: the outcomes they cannot achieve in the assessment behind the current decision,
    /// in the regulations' order; none while they are not (or not yet) eligible.
    /// </summary>
    public IReadOnlyList<SpecifiedOutcome> EligibleNeeds(Assessment? decidedAssessment) =>
        Needs(decidedAssessment).Select(n => Enum.Parse<SpecifiedOutcome>(n.Code)).ToList();

    /// <summary>
    /// The needs a support plan must meet: an adult's specified outcomes not achieved; for a carer, the carer's health
    /// when it is at risk and the carer outcomes not achieved (reg 3(3)); none while not (or not yet) eligible.
    /// </summary>
    public IReadOnlyList<EligibleNeed> Needs(Assessment? decidedAssessment)
    {
        if (!Eligible || decidedAssessment is null)
        {
            return [];
        }

        if (decidedAssessment.Id != AssessmentId)
        {
            throw new ArgumentException("The eligible needs come from the assessment behind the current decision.", nameof(decidedAssessment));
        }

        if (decidedAssessment.Kind == AssessmentKind.Carer)
        {
            var needs = new List<EligibleNeed>();
            if (decidedAssessment.CarerHealthAtRisk == true)
            {
                needs.Add(EligibleNeed.CarerHealth);
            }

            needs.AddRange(decidedAssessment.CarerOutcomesNotAchieved().Select(EligibleNeed.Of));
            return needs;
        }

        return decidedAssessment.OutcomesNotAchieved().Select(EligibleNeed.Of).ToList();
    }
}
