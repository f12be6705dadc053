using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.SupportPlans;

/// <summary>A costed part of the plan: what, who provides it, what it costs, when, and how it is paid for.</summary>
public sealed class PlanElement
{
    public const int DescriptionMaxLength = 300;
    public const int ProviderMaxLength = 200;

    public Guid Id { get; private set; }
    public string Description { get; private set; } = "";
    public ServiceCategory Category { get; private set; }
    public string Provider { get; private set; } = "";
    public decimal UnitCost { get; private set; }
    public UnitType UnitType { get; private set; }
    public decimal UnitsPerWeek { get; private set; }
    public decimal WeeklyCost { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public Deployment Deployment { get; private set; }

    /// <summary>The eligible need this element meets, when it meets one in particular.</summary>
    public EligibleNeed? MeetsNeed { get; private set; }

    private PlanElement()
    {
    }

    public bool IsInForceOn(DateOnly day) => StartDate <= day && (EndDate is null || day <= EndDate);

    /// <summary>Validates the answers; every problem is reported at once, by field.</summary>
    public static PlanElement Create(Guid? id, string? description, ServiceCategory? category, string? provider, decimal? unitCost, UnitType? unitType,
        decimal? unitsPerWeek, DateOnly? startDate, DateOnly? endDate, Deployment? deployment, EligibleNeed? meetsNeed, DateOnly? today = null)
    {
        var errors = new List<FieldError>();
        var what = Texts.Required(description, nameof(Description), "Enter what the support is", DescriptionMaxLength, errors);
        if (category is null || !Enum.IsDefined(category.Value))
        {
            errors.Add(new FieldError(nameof(Category), "Select the kind of support"));
        }

        var who = Texts.Required(provider, nameof(Provider), "Enter who provides it: a provider, a personal assistant or the person", ProviderMaxLength, errors);
        if (unitCost is null)
        {
            errors.Add(new FieldError(nameof(UnitCost), "Enter the cost of one unit, in pounds and pence"));
        }
        else if (unitCost < 0)
        {
            errors.Add(new FieldError(nameof(UnitCost), "The unit cost cannot be negative"));
        }
        else if (unitCost > 100_000m || decimal.Round(unitCost.Value, 2) != unitCost)
        {
            errors.Add(new FieldError(nameof(UnitCost), "Enter the unit cost in pounds and pence, up to £100,000"));
        }

        if (unitType is null || !Enum.IsDefined(unitType.Value))
        {
            errors.Add(new FieldError(nameof(UnitType), "Select what a unit is"));
        }

        if (unitsPerWeek is null)
        {
            errors.Add(new FieldError(nameof(UnitsPerWeek), "Enter how many units a week"));
        }
        else if (unitsPerWeek <= 0)
        {
            errors.Add(new FieldError(nameof(UnitsPerWeek), "Units a week must be more than 0"));
        }
        else if (unitsPerWeek > 168m || decimal.Round(unitsPerWeek.Value, 2) != unitsPerWeek)
        {
            errors.Add(new FieldError(nameof(UnitsPerWeek), "Units a week must be 168 or fewer, with at most 2 decimal places"));
        }

        if (startDate is null)
        {
            errors.Add(new FieldError(nameof(StartDate), "Enter the date the support starts"));
        }
        else if (endDate is { } end && end < startDate)
        {
            errors.Add(new FieldError(nameof(EndDate), "The end date must be the same as or after the start date"));
        }
        else if (today is { } day)
        {
            // A plan is for support from now on: its dates are refused outside the range of sense (PlausibleDates).
            if (PlausibleDates.Start(startDate.Value, day, "The start date", nameof(StartDate)) is { } startProblem)
            {
                errors.Add(startProblem);
            }

            if (endDate is { } finish && PlausibleDates.End(finish, day, "The end date", nameof(EndDate)) is { } endProblem)
            {
                errors.Add(endProblem);
            }
        }
        else if (startDate < PlausibleDates.EarliestRecord)
        {
            errors.Add(new FieldError(nameof(StartDate), $"The start date must be on or after {UkFormat.Date(PlausibleDates.EarliestRecord)}"));
        }

        if (deployment is null || !Enum.IsDefined(deployment.Value))
        {
            errors.Add(new FieldError(nameof(Deployment), "Select how this support is paid for"));
        }

        if (meetsNeed is { } need && EligibleNeed.Parse(need.Code) is null)
        {
            errors.Add(new FieldError(nameof(MeetsNeed), "Select a need from the list"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new PlanElement
        {
            Id = id ?? Guid.NewGuid(),
            Description = what!,
            Category = category!.Value,
            Provider = who!,
            UnitCost = unitCost!.Value,
            UnitType = unitType!.Value,
            UnitsPerWeek = unitsPerWeek!.Value,
            WeeklyCost = PlanCosting.WeeklyCost(unitCost.Value, unitsPerWeek.Value),
            StartDate = startDate!.Value,
            EndDate = endDate,
            Deployment = deployment!.Value,
            MeetsNeed = meetsNeed,
        };
    }

    internal PlanElement CopyForNewVersion() => (PlanElement)MemberwiseClone();
}

/// <summary>A risk, what will be done about it and who does it. Positive risks are ones the person chooses to take.</summary>
public sealed class PlanRisk
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; private set; }
    public string Description { get; private set; } = "";
    public RiskLevel Level { get; private set; }
    public bool IsPositiveRisk { get; private set; }
    public string WhatWillBeDone { get; private set; } = "";
    public string WhoDoesIt { get; private set; } = "";

    private PlanRisk()
    {
    }

    public static PlanRisk Create(Guid? id, string? description, RiskLevel? level, bool isPositiveRisk, string? whatWillBeDone, string? whoDoesIt)
    {
        var errors = new List<FieldError>();
        var d = Texts.Required(description, nameof(Description), "Describe the risk", TextMaxLength, errors);
        if (level is null || !Enum.IsDefined(level.Value))
        {
            errors.Add(new FieldError(nameof(Level), "Select how serious the risk is"));
        }

        var w = Texts.Required(whatWillBeDone, nameof(WhatWillBeDone), "Enter what will be done about the risk", TextMaxLength, errors);
        var who = Texts.Required(whoDoesIt, nameof(WhoDoesIt), "Enter who will do it", 200, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new PlanRisk { Id = id ?? Guid.NewGuid(), Description = d!, Level = level!.Value, IsPositiveRisk = isPositiveRisk, WhatWillBeDone = w!, WhoDoesIt = who! };
    }

    internal PlanRisk CopyForNewVersion() => (PlanRisk)MemberwiseClone();
}

/// <summary>An outcome the person wants, in their own words; reviews record whether it was achieved.</summary>
public sealed class PlanOutcome
{
    public const int TextMaxLength = 1000;

    public Guid Id { get; private set; }
    public int Order { get; private set; }
    public string Text { get; private set; } = "";
    public PlanContributor WrittenBy { get; private set; }

    /// <summary>The name of who wrote it, when the plan knows it (the person's own words taken from their area, ADR 0031).</summary>
    public string? WrittenByName { get; private set; }

    private PlanOutcome()
    {
    }

    public static PlanOutcome Create(Guid? id, int order, string text, PlanContributor writtenBy, string? writtenByName = null) =>
        new() { Id = id ?? Guid.NewGuid(), Order = order, Text = text, WrittenBy = writtenBy, WrittenByName = writtenByName };

    internal PlanOutcome CopyForNewVersion() => (PlanOutcome)MemberwiseClone();
}

/// <summary>How one eligible need will be met.</summary>
public sealed class PlanNeed
{
    public const int TextMaxLength = 2000;

    public EligibleNeed Need { get; private set; }
    public string HowMet { get; private set; } = "";
    public PlanContributor WrittenBy { get; private set; }

    private PlanNeed()
    {
    }

    public static PlanNeed Create(EligibleNeed need, string howMet, PlanContributor writtenBy) => new() { Need = need, HowMet = howMet, WrittenBy = writtenBy };

    internal PlanNeed CopyForNewVersion() => (PlanNeed)MemberwiseClone();
}

/// <summary>A written section (about me, what matters, contingency) and who wrote it.</summary>
public sealed class PlanSectionText
{
    public const int TextMaxLength = 4000;

    public PlanSection Section { get; private set; }
    public string Text { get; private set; } = "";
    public PlanContributor WrittenBy { get; private set; }

    /// <summary>The name of who wrote it, when the plan knows it (the person's own words taken from their area, ADR 0031).</summary>
    public string? WrittenByName { get; private set; }

    private PlanSectionText()
    {
    }

    public static PlanSectionText Create(PlanSection section, string text, PlanContributor writtenBy, string? writtenByName = null) =>
        new() { Section = section, Text = text, WrittenBy = writtenBy, WrittenByName = writtenByName };

    internal PlanSectionText CopyForNewVersion() => (PlanSectionText)MemberwiseClone();
}

/// <summary>
/// A care and support plan (Care Act s24–25), shaped after the PRSB Personalised Care and Support Plan. Versioned: a
/// revision makes a new version and the old one is kept, read-only. A plan is edited as a draft, submitted for
/// approval, and approved (or returned to draft when declined).
/// </summary>
public sealed class SupportPlan
{
    public const int ReasonMaxLength = 2000;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? EpisodeId { get; private set; }
    public int Number { get; private set; }
    public Guid? PreviousVersionId { get; private set; }
    public string? RevisionReason { get; private set; }
    public PlanStatus Status { get; private set; }
    public Guid? IndicativeBudgetId { get; private set; }
    public decimal? IndicativeWeekly { get; private set; }

    /// <summary>Why the cost differs from the indicative amount by more than the standard allows.</summary>
    public string? VarianceReason { get; private set; }

    /// <summary>The person's weekly contribution from their financial assessment (always zero under section 117).</summary>
    public decimal AssessedContributionWeekly { get; private set; }

    /// <summary>
    /// The completed financial assessment the contribution comes from (issue 14). Null while none exists: the contribution
    /// was typed in and is provisional.
    /// </summary>
    public Guid? ContributionAssessmentId { get; private set; }

    /// <summary>The NHS's weekly share, for an integrated budget (for example jointly funded section 117 aftercare).</summary>
    public decimal NhsShareWeekly { get; private set; }

    /// <summary>
    /// Whether the plan has significant risks and so goes to the risk enablement panel; null until the practitioner
    /// answers. Never assumed: a plan cannot be submitted without the answer.
    /// </summary>
    public bool? SignificantRisk { get; private set; }

    public PlanAgreement? Agreement { get; private set; }
    public string? AgreementInOwnWords { get; private set; }
    public DateTimeOffset? AgreementRecordedAt { get; private set; }

    /// <summary>Who recorded the agreement: the person themselves in their own area, or a member of staff with them.</summary>
    public ActorKind? AgreementByKind { get; private set; }

    public string? AgreementByName { get; private set; }
    public Participation? Participation { get; private set; }
    public string? BestInterestsConsulted { get; private set; }

    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public Guid? SubmittedById { get; private set; }
    public string? SubmittedByName { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    public List<PlanSectionText> Sections { get; private set; } = [];
    public List<PlanOutcome> Outcomes { get; private set; } = [];
    public List<PlanNeed> Needs { get; private set; } = [];
    public List<PlanElement> Elements { get; private set; } = [];
    public List<PlanRisk> Risks { get; private set; } = [];

    private SupportPlan()
    {
    }

    public bool IsEditable => Status == PlanStatus.Draft;

    /// <summary>How the person took part in the plan, once their agreement is recorded.</summary>
    public PersonsPart? PersonsPart => Participation is { } how ? new PersonsPart(how, BestInterestsConsulted) : null;

    public decimal WeeklyCost => PlanCosting.PeakWeekly(Elements);

    public decimal AnnualCost => Budgets.Money.Annual(WeeklyCost);

    public bool HasDirectPayment => Elements.Any(e => e.Deployment == Deployment.DirectPayment);

    public string? SectionText(PlanSection section) => Sections.FirstOrDefault(s => s.Section == section)?.Text;

    public static SupportPlan Start(Guid personId, Guid? episodeId, Guid? indicativeBudgetId, decimal? indicativeWeekly, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new SupportPlan
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            EpisodeId = episodeId,
            Number = 1,
            Status = PlanStatus.Draft,
            IndicativeBudgetId = indicativeBudgetId,
            IndicativeWeekly = indicativeWeekly,
            AuthorId = actor.UserId,
            AuthorName = actor.DisplayName,
            CreatedAt = now,
            Revision = 1,
            UpdatedAt = now,
            UpdatedByName = actor.DisplayName,
        };
    }

    /// <summary>A new draft version copied from this approved plan, for a revision after review. This plan stays as it was until the new one is approved.</summary>
    public SupportPlan NewVersion(string? reason, Guid? episodeId, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != PlanStatus.Approved)
        {
            throw new DomainException("plan-not-approved", "Only the approved plan can be revised: finish the draft that is already in progress");
        }

        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (text is null)
        {
            throw new ValidationFailedException([new FieldError("Reason", "Enter why the plan is being revised")]);
        }

        if (text.Length > ReasonMaxLength)
        {
            throw new ValidationFailedException([new FieldError("Reason", $"The reason must be {ReasonMaxLength} characters or fewer")]);
        }

        return new SupportPlan
        {
            Id = Guid.NewGuid(),
            PersonId = PersonId,
            EpisodeId = episodeId ?? EpisodeId,
            Number = Number + 1,
            PreviousVersionId = Id,
            RevisionReason = text,
            Status = PlanStatus.Draft,
            IndicativeBudgetId = IndicativeBudgetId,
            IndicativeWeekly = IndicativeWeekly,
            VarianceReason = VarianceReason,
            AssessedContributionWeekly = AssessedContributionWeekly,
            ContributionAssessmentId = ContributionAssessmentId,
            NhsShareWeekly = NhsShareWeekly,
            SignificantRisk = SignificantRisk,
            AuthorId = actor.UserId,
            AuthorName = actor.DisplayName,
            CreatedAt = now,
            Revision = 1,
            UpdatedAt = now,
            UpdatedByName = actor.DisplayName,
            Sections = Sections.Select(s => s.CopyForNewVersion()).ToList(),
            Outcomes = Outcomes.Select(o => o.CopyForNewVersion()).ToList(),
            Needs = Needs.Select(n => n.CopyForNewVersion()).ToList(),
            Elements = Elements.Select(e => e.CopyForNewVersion()).ToList(),
            Risks = Risks.Select(r => r.CopyForNewVersion()).ToList(),
        };
    }

    public void SetSection(PlanSection section, string? text, PlanContributor? writtenBy, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var value = Texts.Required(text, "Text", $"Enter {section.Label().ToLowerInvariant()}", PlanSectionText.TextMaxLength, errors);
        var by = WrittenBy(writtenBy, errors);
        Throw(errors);
        Sections.RemoveAll(s => s.Section == section);
        Sections.Add(PlanSectionText.Create(section, value!, by!.Value));
        Touch(actor, now);
    }

    /// <summary>
    /// Takes a section the person wrote in their own area into the plan, keeping who wrote it (ADR 0031). The plan's
    /// revision is checked as for any other change, so a practitioner's save in between is a conflict, not lost.
    /// </summary>
    public void TakePersonsSection(PlanSection section, string text, string authorName, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var value = Texts.Required(text, "Text", $"Enter {section.Label().ToLowerInvariant()}", PlanSectionText.TextMaxLength, errors);
        Throw(errors);
        Sections.RemoveAll(s => s.Section == section);
        Sections.Add(PlanSectionText.Create(section, value!, PlanContributor.Person, authorName));
        Touch(actor, now);
    }

    /// <summary>Adds an outcome the person wrote in their own area, after the others, keeping who wrote it (ADR 0031).</summary>
    public void AddPersonsOutcome(string text, string authorName, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var value = Texts.Required(text, "Outcomes", "Enter the outcome", PlanOutcome.TextMaxLength, errors);
        if (Outcomes.Count >= 10)
        {
            errors.Add(new FieldError("Outcomes", "The plan has 10 outcomes already: change one on the outcomes page first"));
        }

        Throw(errors);
        Outcomes.Add(PlanOutcome.Create(null, Outcomes.Count == 0 ? 1 : Outcomes.Max(o => o.Order) + 1, value!, PlanContributor.Person, authorName));
        Touch(actor, now);
    }

    /// <summary>Replaces the person's outcomes (blank lines are dropped); at least one is needed.</summary>
    public void SetOutcomes(IReadOnlyList<string?> outcomes, PlanContributor? writtenBy, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var texts = outcomes.Select(o => o?.Trim()).Where(o => !string.IsNullOrEmpty(o)).Cast<string>().ToList();
        if (texts.Count == 0)
        {
            errors.Add(new FieldError("Outcomes", "Enter at least one outcome the person wants, in their own words"));
        }
        else if (texts.Count > 10)
        {
            errors.Add(new FieldError("Outcomes", "Enter up to 10 outcomes"));
        }
        else if (texts.Any(t => t.Length > PlanOutcome.TextMaxLength))
        {
            errors.Add(new FieldError("Outcomes", $"Each outcome must be {PlanOutcome.TextMaxLength} characters or fewer"));
        }

        var by = WrittenBy(writtenBy, errors);
        Throw(errors);
        // Keep the identity of outcomes whose words did not change, so reviews still point at them. The same words
        // may appear twice: each earlier outcome's id is reused at most once.
        var kept = Outcomes.GroupBy(o => o.Text, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<Guid>(g.Select(o => o.Id)), StringComparer.Ordinal);
        Outcomes = texts.Select((t, i) => PlanOutcome.Create(kept.TryGetValue(t, out var ids) && ids.TryDequeue(out var id) ? id : null, i + 1, t, by!.Value)).ToList();
        Touch(actor, now);
    }

    public void SetNeed(EligibleNeed need, string? howMet, PlanContributor? writtenBy, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var text = Texts.Required(howMet, "HowMet", $"Enter how the need will be met: {need.Label().ToLowerInvariant()}", PlanNeed.TextMaxLength, errors);
        var by = WrittenBy(writtenBy, errors);
        Throw(errors);
        Needs.RemoveAll(n => n.Need == need);
        Needs.Add(PlanNeed.Create(need, text!, by!.Value));
        Touch(actor, now);
    }

    /// <summary>Adds or replaces an element, refusing one that would count the same support twice.</summary>
    public void SaveElement(PlanElement element, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureEditable(expectedRevision);
        if (Elements.Count(e => e.Id != element.Id) >= 50)
        {
            throw new DomainException("plan-too-many-elements", "A plan can have up to 50 costed elements");
        }

        if (PlanCosting.DoubleCounting(element, Elements) is { } clash)
        {
            throw new ValidationFailedException([clash]);
        }

        var index = Elements.FindIndex(e => e.Id == element.Id);
        if (index >= 0)
        {
            Elements[index] = element;
        }
        else
        {
            Elements.Add(element);
        }

        Touch(actor, now);
    }

    public void RemoveElement(Guid elementId, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        if (Elements.RemoveAll(e => e.Id == elementId) == 0)
        {
            throw new NotFoundException("The element");
        }

        Touch(actor, now);
    }

    public void SaveRisk(PlanRisk risk, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(risk);
        EnsureEditable(expectedRevision);
        var index = Risks.FindIndex(r => r.Id == risk.Id);
        if (index >= 0)
        {
            Risks[index] = risk;
        }
        else
        {
            if (Risks.Count >= 30)
            {
                throw new DomainException("plan-too-many-risks", "A plan can have up to 30 risks");
            }

            Risks.Add(risk);
        }

        Touch(actor, now);
    }

    public void RemoveRisk(Guid riskId, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        if (Risks.RemoveAll(r => r.Id == riskId) == 0)
        {
            throw new NotFoundException("The risk");
        }

        Touch(actor, now);
    }

    /// <summary>Records the funding: the assessed contribution (zero under section 117), the NHS share, any reason for a difference from the indicative amount, and whether the risks are significant.</summary>
    public void SetFunding(decimal? assessedContributionWeekly, decimal? nhsShareWeekly, string? varianceReason, bool? significantRisk, bool section117, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        // Once a financial assessment has fixed the contribution it is not typed in: the assessment's amount stands.
        var contribution = ContributionAssessmentId is null ? assessedContributionWeekly ?? 0m : AssessedContributionWeekly;
        var nhs = nhsShareWeekly ?? 0m;
        if (contribution < 0 || decimal.Round(contribution, 2) != contribution)
        {
            errors.Add(new FieldError("AssessedContributionWeekly", "Enter the contribution in pounds and pence, 0 or more"));
        }
        else if (section117 && contribution != 0)
        {
            errors.Add(new FieldError("AssessedContributionWeekly", "The person is entitled to section 117 aftercare, which is free: their contribution must be £0.00"));
        }

        if (nhs < 0 || decimal.Round(nhs, 2) != nhs)
        {
            errors.Add(new FieldError("NhsShareWeekly", "Enter the NHS share in pounds and pence, 0 or more"));
        }

        var reason = Texts.Optional(varianceReason, "VarianceReason", ReasonMaxLength, errors);
        if (significantRisk is null)
        {
            errors.Add(new FieldError("SignificantRisk", "Select whether the plan has significant risks"));
        }

        Throw(errors);
        AssessedContributionWeekly = contribution;
        NhsShareWeekly = nhs;
        VarianceReason = reason;
        SignificantRisk = significantRisk;
        Touch(actor, now);
    }

    /// <summary>
    /// Takes the contribution a completed financial assessment fixed (zero under section 117), while the plan is a draft
    /// or waiting for a decision is not changed (a submitted plan keeps what was submitted).
    /// </summary>
    public bool UseAssessedContribution(Guid financialAssessmentId, decimal weekly, bool section117, Actor actor, DateTimeOffset now)
    {
        if (Status != PlanStatus.Draft)
        {
            return false;
        }

        AssessedContributionWeekly = section117 ? 0m : weekly;
        ContributionAssessmentId = financialAssessmentId;
        Touch(actor, now);
        return true;
    }

    public void RecordAgreement(PlanAgreement? agreement, string? inOwnWords, PersonsPart? part, List<FieldError> partErrors, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(partErrors);
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>(partErrors);
        if (agreement is null || !Enum.IsDefined(agreement.Value))
        {
            errors.Add(new FieldError("Agreement", "Select whether the person agrees with the plan"));
        }

        var words = Texts.Optional(inOwnWords, "AgreementInOwnWords", ReasonMaxLength, errors);
        if (agreement is PlanAgreement.Disagreed or PlanAgreement.AgreedWithReservations && words is null)
        {
            errors.Add(new FieldError("AgreementInOwnWords", agreement == PlanAgreement.Disagreed
                ? "Enter why the person disagrees, in their own words"
                : "Enter the person's reservations, in their own words"));
        }

        Throw(errors);
        Agreement = agreement;
        AgreementInOwnWords = words;
        AgreementRecordedAt = now;
        AgreementByKind = actor.Kind;
        AgreementByName = actor.DisplayName;
        Participation = part!.Participation;
        BestInterestsConsulted = part.BestInterestsConsulted;
        Touch(actor, now);
    }

    /// <summary>What is missing before the plan can be submitted for approval, with the field each belongs to.</summary>
    public IReadOnlyList<FieldError> Gaps(IReadOnlyCollection<EligibleNeed> eligibleNeeds, int variancePercent, bool section117)
    {
        ArgumentNullException.ThrowIfNull(eligibleNeeds);
        // In the order of the plan's task list, so that the list of what is missing reads like the plan.
        var gaps = new List<FieldError>();
        void Section(PlanSection section)
        {
            if (SectionText(section) is null)
            {
                gaps.Add(new FieldError(section.ToString(), $"{section.Label()} is not written yet"));
            }
        }

        Section(PlanSection.AboutMe);
        Section(PlanSection.WhatMatters);

        if (Outcomes.Count == 0)
        {
            gaps.Add(new FieldError("Outcomes", "The outcomes the person wants are not recorded yet"));
        }

        foreach (var need in eligibleNeeds.Where(n => Needs.All(m => m.Need != n)))
        {
            gaps.Add(new FieldError($"Needs.{need}", $"How this eligible need will be met is not recorded: {need.Label().ToLowerInvariant()}"));
        }

        if (Elements.Count == 0)
        {
            gaps.Add(new FieldError("Elements", "The plan has no costed elements"));
        }

        if (PlanCosting.NeedsVarianceReason(WeeklyCost, IndicativeWeekly, variancePercent) && VarianceReason is null && Elements.Count > 0)
        {
            gaps.Add(new FieldError("VarianceReason",
                $"The weekly cost ({UkFormat.Money(WeeklyCost)}) differs from the indicative amount ({UkFormat.Money(IndicativeWeekly!.Value)}) by more than {variancePercent}%: give a reason"));
        }

        if (section117 && AssessedContributionWeekly != 0)
        {
            gaps.Add(new FieldError("AssessedContributionWeekly", "The person is entitled to section 117 aftercare, which is free: their contribution must be £0.00"));
        }

        if (AssessedContributionWeekly + NhsShareWeekly > WeeklyCost && Elements.Count > 0)
        {
            gaps.Add(new FieldError("NhsShareWeekly", "The person's contribution and the NHS share together are more than the plan's weekly cost"));
        }

        if (SignificantRisk is null)
        {
            gaps.Add(new FieldError("SignificantRisk", "Whether the plan has significant risks is not answered yet"));
        }

        Section(PlanSection.Contingency);

        if (Agreement is null)
        {
            gaps.Add(new FieldError("Agreement", "The person's agreement to the plan is not recorded yet"));
        }

        return gaps;
    }

    public void Submit(IReadOnlyCollection<EligibleNeed> eligibleNeeds, int variancePercent, bool section117, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureEditable(expectedRevision);
        var gaps = Gaps(eligibleNeeds, variancePercent, section117);
        if (gaps.Count > 0)
        {
            throw new ValidationFailedException(gaps);
        }

        Status = PlanStatus.AwaitingApproval;
        SubmittedAt = now;
        SubmittedById = actor.UserId;
        SubmittedByName = actor.DisplayName;
        Touch(actor, now);
    }

    /// <summary>Approval makes this the plan in force.</summary>
    public void MarkApproved(Actor actor, DateTimeOffset now)
    {
        EnsureStatus(PlanStatus.AwaitingApproval);
        Status = PlanStatus.Approved;
        ApprovedAt = now;
        Touch(actor, now);
    }

    /// <summary>A declined plan returns to support planning as a draft.</summary>
    public void ReturnToDraft(Actor actor, DateTimeOffset now)
    {
        EnsureStatus(PlanStatus.AwaitingApproval);
        Status = PlanStatus.Draft;
        Touch(actor, now);
    }

    public void MarkSuperseded(Actor actor, DateTimeOffset now)
    {
        EnsureStatus(PlanStatus.Approved);
        Status = PlanStatus.Superseded;
        Touch(actor, now);
    }

    private void EnsureStatus(PlanStatus expected)
    {
        if (Status != expected)
        {
            throw new ConflictException("plan-status", $"The plan is {Status.Label().ToLowerInvariant()}, not {expected.Label().ToLowerInvariant()}");
        }
    }

    private void EnsureEditable(int expectedRevision)
    {
        if (!IsEditable)
        {
            throw new ConflictException("plan-not-editable", Status == PlanStatus.AwaitingApproval
                ? "The plan is waiting for approval and cannot be changed"
                : $"Version {Number} of the plan is {Status.Label().ToLowerInvariant()} and cannot be changed: revise it to make a new version");
        }

        if (expectedRevision != Revision)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }
    }

    private static PlanContributor? WrittenBy(PlanContributor? writtenBy, List<FieldError> errors)
    {
        if (writtenBy is null || !Enum.IsDefined(writtenBy.Value))
        {
            errors.Add(new FieldError("WrittenBy", "Select who wrote this part"));
            return null;
        }

        return writtenBy;
    }

    private static void Throw(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private void Touch(Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Revision++;
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
    }
}
