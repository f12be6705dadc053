using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Assessments;

public sealed class AssessmentOutcome
{
    public SpecifiedOutcome Outcome { get; set; }

    /// <summary>
    /// "Without difficulty" was the answer to how the person manages the outcome. Null until the practitioner has
    /// considered the outcome; false with <see cref="Reasons"/> giving the ways of being unable.
    /// </summary>
    public bool? WithoutDifficulty { get; set; }

    public UnableReasons Reasons { get; set; }
    public string? Note { get; set; }

    /// <summary>
    /// The outcome as a finding the eligibility rules read, once it has been considered. A row that records no way of
    /// being unable and not "without difficulty" (possible only in data from before the question was asked as the law
    /// does) reads as not yet answered.
    /// </summary>
    public OutcomeFinding? Finding => WithoutDifficulty is { } without && OutcomeFinding.Problem(without, Reasons) is null
        ? new OutcomeFinding(Outcome, without, Reasons, Note)
        : null;

    /// <summary>Whether the person counts as unable to achieve it: <see cref="OutcomeFinding.CountsAsUnable"/>.</summary>
    public bool CountsAsUnable => Finding?.CountsAsUnable == true;
}

public sealed class WellbeingFinding
{
    public WellbeingArea Area { get; set; }
    public WellbeingImpact Impact { get; set; }
    public string? Note { get; set; }
}

public sealed class CarerOutcomeFinding
{
    public CarerOutcome Outcome { get; set; }

    /// <summary>
    /// "Without difficulty" was the answer to how the carer manages the outcome; false with <see cref="Reasons"/>
    /// giving the ways of reg 3(3). Null until the practitioner has considered it.
    /// </summary>
    public bool? WithoutDifficulty { get; set; }

    public CarerUnableReasons Reasons { get; set; }
    public string? Note { get; set; }

    /// <summary>The outcome as the eligibility rules read it, once answered without contradiction.</summary>
    public CarerOutcomeAnswer? Answer => WithoutDifficulty is { } without && CarerOutcomeAnswer.Problem(without, Reasons) is null
        ? new CarerOutcomeAnswer(Outcome, without, Reasons, Note)
        : null;

    /// <summary>Whether the carer counts as unable to achieve it (reg 3(3)).</summary>
    public bool CountsAsUnable => Answer?.CountsAsUnable == true;
}

/// <summary>A person's open (draft) needs assessment, as the one-open rule needs it.</summary>
public sealed record OpenAssessment(Guid Id, DateTimeOffset StartedAt, string StartedByName);

/// <summary>One thing still missing before an assessment can be completed.</summary>
public sealed record MissingItem(AssessmentSection Section, string Message);

/// <summary>
/// A needs assessment (Care Act s9) or a carer's assessment (s10). A draft is edited section by section; only a
/// complete assessment can be completed; a completed assessment is read-only and is corrected by a new version
/// that records why.
/// </summary>
public sealed class Assessment : AggregateRoot
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public AssessmentKind Kind { get; private set; }
    public AssessmentStatus Status { get; private set; }

    /// <summary>1 for the first assessment; each correction adds one.</summary>
    public int VersionNumber { get; private set; } = 1;

    public Guid? PreviousVersionId { get; private set; }
    public string? CorrectionReason { get; private set; }

    public Guid OwnerId { get; private set; }
    public DateOnly DueDate { get; private set; }
    public AssessmentType? Type { get; private set; }

    public string? WhoTookPart { get; private set; }
    public Participation? Participation { get; private set; }
    public string? BestInterestsConsulted { get; private set; }

    public string? WhatMattersInOwnWords { get; private set; }
    public string? OutcomesWanted { get; private set; }

    public bool? NeedsArisefromImpairmentOrIllness { get; private set; }

    /// <summary>The kinds of impairment or illness the needs arise from; none unless they do.</summary>
    public ImpairmentKinds ImpairmentKinds { get; private set; }

    /// <summary>What the "other" impairment or illness is, when <see cref="ImpairmentKinds.Other"/> is recorded.</summary>
    public string? ImpairmentOther { get; private set; }

    public const int ImpairmentOtherMaxLength = 500;

    /// <summary>The kinds of impairment or illness in words, e.g. "mental illness; other: acquired brain injury", or null.</summary>
    public string? ImpairmentDescription => DescribeImpairment(ImpairmentKinds, ImpairmentOther);

    public static string? DescribeImpairment(ImpairmentKinds kinds, string? other)
    {
        var parts = Enum.GetValues<ImpairmentKinds>().Where(k => k != ImpairmentKinds.None && kinds.HasFlag(k))
            .Select(k => k == ImpairmentKinds.Other && other is not null ? $"other: {other}" : k.Label().ToLowerInvariant())
            .ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    public bool? NeedsFluctuate { get; private set; }
    public string? FluctuationPeriodConsidered { get; private set; }
    public string? FluctuationDescription { get; private set; }

    public YesNoUnknown? HasUnpaidCarer { get; private set; }
    public Guid? LinkedCarerAssessmentId { get; private set; }

    public bool? AdvocateNeeded { get; private set; }
    public string? AdvocacyNote { get; private set; }

    // Carer's assessments (reg 3): the carer, the cared-for person is PersonId.
    public string? CarerName { get; private set; }

    /// <summary>
    /// The carer's own record, once an eligible carer's pathway has started (ADR 21): the carer's indicative budget,
    /// plan, approval, personal budget and reviews hang off it, and it is linked to the cared-for person.
    /// </summary>
    public Guid? CarerPersonId { get; private set; }
    public string? CarerRelationship { get; private set; }
    public bool? CarerNeedsArisefromProvidingCare { get; private set; }
    public bool? CarerHealthAtRisk { get; private set; }

    public List<AssessmentOutcome> Outcomes { get; private set; } = [];
    public List<WellbeingFinding> Wellbeing { get; private set; } = [];
    public List<CarerOutcomeFinding> CarerOutcomes { get; private set; } = [];

    public DateTimeOffset StartedAt { get; private set; }
    public string StartedByName { get; private set; } = "";
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedByName { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelledByName { get; private set; }
    public string? CancellationReason { get; private set; }

    /// <summary>Optimistic concurrency: incremented on every change.</summary>
    public int Revision { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private Assessment()
    {
    }

    public static Assessment Start(Guid personId, AssessmentKind kind, Guid ownerId, DateOnly dueDate, Actor actor, DateTimeOffset now)
    {
        if (dueDate < UkTime.DateOf(now))
        {
            throw new DomainException("assessment-due-date-past", "The due date must be today or in the future", "DueDate");
        }

        PlausibleDates.Ensure(PlausibleDates.Due(dueDate, UkTime.DateOf(now)));

        var a = new Assessment
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Kind = kind,
            Status = AssessmentStatus.Draft,
            OwnerId = ownerId,
            DueDate = dueDate,
            StartedAt = now,
            StartedByName = actor.DisplayName,
            Revision = 1,
        };
        a.Stamp(actor, now);
        a.AddDomainEvent(new AssessmentStarted(personId, a.Id, kind, ownerId, dueDate));
        return a;
    }

    public bool IsEditable => Status == AssessmentStatus.Draft;

    private void EnsureEditable(int expectedRevision)
    {
        if (!IsEditable)
        {
            throw new ConflictException("assessment-read-only", "This assessment has been completed and cannot be changed. Start a correction to change it");
        }

        if (expectedRevision != Revision)
        {
            throw new ConcurrencyConflictException(UpdatedByName, UpdatedAt);
        }
    }

    private void Changed(Actor actor, DateTimeOffset now)
    {
        Stamp(actor, now);
        Revision++;
    }

    private void Stamp(Actor actor, DateTimeOffset now)
    {
        UpdatedAt = now;
        UpdatedByName = actor.DisplayName;
    }

    private static string? Text(string? value, string field, string label, List<FieldError> errors, bool required = false, string? requiredMessage = null)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is null && required)
        {
            errors.Add(new FieldError(field, requiredMessage ?? $"Enter {label.ToLowerInvariant()}"));
        }
        else if (v is { Length: > TextMaxLength })
        {
            errors.Add(new FieldError(field, $"{label} must be {TextMaxLength} characters or fewer"));
        }

        return v;
    }

    private static void ThrowIfAny(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    public void UpdateAbout(AssessmentType type, Guid ownerId, DateOnly dueDate, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        if (dueDate != DueDate && dueDate > UkTime.DateOf(now))
        {
            PlausibleDates.Ensure(PlausibleDates.Due(dueDate, UkTime.DateOf(now)));
        }

        Type = type;
        OwnerId = ownerId;
        DueDate = dueDate;
        Changed(actor, now);
    }

    public void UpdateParticipation(string? whoTookPart, Participation participation, string? bestInterestsConsulted, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var who = Text(whoTookPart, nameof(WhoTookPart), "Who took part", errors, required: true, "Enter who took part in the assessment, including the person");
        var consulted = Text(bestInterestsConsulted, nameof(BestInterestsConsulted), "Who was consulted", errors,
            required: participation == Assessments.Participation.LackedCapacity, "Enter who was consulted for the best-interests decision");
        ThrowIfAny(errors);
        WhoTookPart = who;
        Participation = participation;
        BestInterestsConsulted = participation == Assessments.Participation.LackedCapacity ? consulted : null;
        Changed(actor, now);
    }

    public void UpdateWhatMatters(string? inOwnWords, string? outcomesWanted, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var words = Text(inOwnWords, nameof(WhatMattersInOwnWords), "What matters to the person", errors, required: true, "Enter what matters to the person, in their own words");
        var wanted = Text(outcomesWanted, nameof(OutcomesWanted), "The outcomes the person wants", errors, required: true, "Enter the outcomes the person wants");
        ThrowIfAny(errors);
        WhatMattersInOwnWords = words;
        OutcomesWanted = wanted;
        Changed(actor, now);
    }

    /// <summary>Whether the needs arise from an impairment or illness (reg 2(1)(a)) and, if so, of which kinds.</summary>
    public void UpdateNeedsOrigin(bool arisesFromImpairmentOrIllness, ImpairmentKinds kinds, string? other, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        string? otherText = null;
        if (arisesFromImpairmentOrIllness)
        {
            if (kinds == ImpairmentKinds.None)
            {
                errors.Add(new FieldError(nameof(ImpairmentKinds), "Select the kind of impairment or illness the needs arise from"));
            }

            if (kinds.HasFlag(ImpairmentKinds.Other))
            {
                otherText = string.IsNullOrWhiteSpace(other) ? null : other.Trim();
                if (otherText is null)
                {
                    errors.Add(new FieldError(nameof(ImpairmentOther), "Describe the other impairment or illness"));
                }
                else if (otherText.Length > ImpairmentOtherMaxLength)
                {
                    errors.Add(new FieldError(nameof(ImpairmentOther), $"The other impairment or illness must be {ImpairmentOtherMaxLength} characters or fewer"));
                }
            }
        }

        ThrowIfAny(errors);
        NeedsArisefromImpairmentOrIllness = arisesFromImpairmentOrIllness;
        ImpairmentKinds = arisesFromImpairmentOrIllness ? kinds : ImpairmentKinds.None;
        ImpairmentOther = otherText;
        Changed(actor, now);
    }

    /// <summary>Records how the person manages an outcome: without difficulty, or the ways they are unable to achieve it (reg 2(3)).</summary>
    public void SetOutcome(SpecifiedOutcome outcome, IReadOnlyCollection<HowManaged> howManaged, string? note, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(howManaged);
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var withoutDifficulty = howManaged.Contains(HowManaged.WithoutDifficulty);
        var reasons = OutcomeFinding.ToReasons(howManaged);
        if (OutcomeFinding.Problem(withoutDifficulty, reasons) is { } problem)
        {
            errors.Add(new FieldError(OutcomeFinding.Field, problem));
        }

        var n = Text(note, "Note", "Note", errors);
        ThrowIfAny(errors);
        var finding = Outcomes.SingleOrDefault(o => o.Outcome == outcome);
        if (finding is null)
        {
            finding = new AssessmentOutcome { Outcome = outcome };
            Outcomes.Add(finding);
        }

        finding.WithoutDifficulty = withoutDifficulty;
        finding.Reasons = reasons;
        finding.Note = n;
        Changed(actor, now);
    }

    /// <summary>
    /// Adds the person's own words (from their self-assessment, ADR 0031) to the note of an outcome, after what the
    /// practitioner wrote, leaving how they manage it for the practitioner to record. The words carry who wrote them.
    /// Copying the same words twice changes nothing.
    /// </summary>
    public void AddPersonsWords(SpecifiedOutcome outcome, string personsWords, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personsWords);
        EnsureEditable(expectedRevision);
        var finding = Outcomes.SingleOrDefault(o => o.Outcome == outcome);
        if (finding?.Note is { } existing && existing.Contains(personsWords, StringComparison.Ordinal))
        {
            return;
        }

        var note = finding?.Note is { } before ? before + "\n\n" + personsWords : personsWords;
        if (note.Length > TextMaxLength)
        {
            throw new ValidationFailedException([new FieldError("Note", $"The note would be longer than {TextMaxLength} characters. Shorten the note on the outcome's page first")]);
        }

        if (finding is null)
        {
            finding = new AssessmentOutcome { Outcome = outcome };
            Outcomes.Add(finding);
        }

        finding.Note = note;
        Changed(actor, now);
    }

    public void UpdateFluctuation(bool needsFluctuate, string? periodConsidered, string? description, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var period = Text(periodConsidered, nameof(FluctuationPeriodConsidered), "The period considered", errors, required: needsFluctuate, "Enter the period the assessment looked over, for example the last 6 months");
        var how = Text(description, nameof(FluctuationDescription), "How needs vary", errors, required: needsFluctuate, "Describe how the person's needs vary over that period");
        ThrowIfAny(errors);
        NeedsFluctuate = needsFluctuate;
        FluctuationPeriodConsidered = needsFluctuate ? period : null;
        FluctuationDescription = needsFluctuate ? how : null;
        Changed(actor, now);
    }

    public void SetWellbeing(IReadOnlyDictionary<WellbeingArea, (WellbeingImpact Impact, string? Note)> findings, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        foreach (var (area, (_, note)) in findings)
        {
            Text(note, $"Note_{area}", "Note", errors);
        }

        ThrowIfAny(errors);
        foreach (var (area, (impact, note)) in findings)
        {
            var finding = Wellbeing.SingleOrDefault(w => w.Area == area);
            if (finding is null)
            {
                finding = new WellbeingFinding { Area = area };
                Wellbeing.Add(finding);
            }

            finding.Impact = impact;
            finding.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        }

        Changed(actor, now);
    }

    public void UpdateCarer(YesNoUnknown hasUnpaidCarer, Guid? linkedCarerAssessmentId, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        HasUnpaidCarer = hasUnpaidCarer;
        LinkedCarerAssessmentId = hasUnpaidCarer == YesNoUnknown.Yes ? linkedCarerAssessmentId : null;
        Changed(actor, now);
    }

    public void UpdateAdvocacy(bool advocateNeeded, string? note, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var n = Text(note, nameof(AdvocacyNote), "Advocacy note", errors, required: advocateNeeded, "Enter why an advocate is needed and who will be asked");
        ThrowIfAny(errors);
        AdvocateNeeded = advocateNeeded;
        AdvocacyNote = n;
        Changed(actor, now);
    }

    public void UpdateCarerNeeds(string? carerName, string? relationship, bool needsFromProvidingCare, bool healthAtRisk, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        if (Kind != AssessmentKind.Carer)
        {
            throw new DomainException("assessment-not-carer", "Only a carer's assessment records the carer's needs");
        }

        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var name = Text(carerName, nameof(CarerName), "The carer's name", errors, required: true);
        var rel = Text(relationship, nameof(CarerRelationship), "Relationship", errors, required: true, "Enter the carer's relationship to the person they care for");
        ThrowIfAny(errors);
        CarerName = name;
        CarerRelationship = rel;
        CarerNeedsArisefromProvidingCare = needsFromProvidingCare;
        CarerHealthAtRisk = healthAtRisk;
        Changed(actor, now);
    }

    /// <summary>Records how the carer manages a carer outcome: without difficulty, or the ways of reg 3(3) they are unable to achieve it.</summary>
    public void SetCarerOutcome(CarerOutcome outcome, IReadOnlyCollection<CarerHowManaged> howManaged, string? note, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(howManaged);
        if (Kind != AssessmentKind.Carer)
        {
            throw new DomainException("assessment-not-carer", "Only a carer's assessment records the carer outcomes");
        }

        EnsureEditable(expectedRevision);
        var errors = new List<FieldError>();
        var withoutDifficulty = howManaged.Contains(CarerHowManaged.WithoutDifficulty);
        var reasons = CarerOutcomeAnswer.ToReasons(howManaged);
        if (CarerOutcomeAnswer.Problem(withoutDifficulty, reasons) is { } problem)
        {
            errors.Add(new FieldError(CarerOutcomeAnswer.Field, problem));
        }

        var n = Text(note, "Note", "Note", errors);
        ThrowIfAny(errors);
        var finding = CarerOutcomes.SingleOrDefault(o => o.Outcome == outcome);
        if (finding is null)
        {
            finding = new CarerOutcomeFinding { Outcome = outcome };
            CarerOutcomes.Add(finding);
        }

        finding.WithoutDifficulty = withoutDifficulty;
        finding.Reasons = reasons;
        finding.Note = n;
        Changed(actor, now);
    }

    /// <summary>The carer outcomes the carer counts as unable to achieve (reg 3(3)), in the regulation's order.</summary>
    public IReadOnlyList<CarerOutcome> CarerOutcomesNotAchieved() =>
        CarerOutcomes.Where(o => o.CountsAsUnable).Select(o => o.Outcome).Order().ToList();

    /// <summary>
    /// Links a completed, eligible carer's assessment to the carer's own record, once, and starts the carer's own
    /// pathway at the indicative budget with <paramref name="ownerId"/> owning it (ADR 21).
    /// </summary>
    public void StartCarerPathway(Guid carerPersonId, bool eligible, Guid ownerId, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Kind != AssessmentKind.Carer || Status != AssessmentStatus.Completed)
        {
            throw new DomainException("assessment-not-completed-carer", "Only a completed carer's assessment starts a carer's pathway");
        }

        if (CarerPersonId is not null)
        {
            throw new ConflictException("carer-pathway-already-started", "The carer's own pathway has already been started from this assessment");
        }

        if (!eligible)
        {
            throw new DomainException("carer-not-eligible", "Only a carer whose needs have been found eligible gets a carer's pathway. Decide eligibility first");
        }

        CarerPersonId = carerPersonId;
        Changed(actor, now);
        AddDomainEvent(new CarerPathwayStarted(carerPersonId, Id, ownerId));
    }

    /// <summary>The sections this kind of assessment has, in task-list order.</summary>
    public IReadOnlyList<AssessmentSection> Sections => Kind == AssessmentKind.Adult
        ? [AssessmentSection.About, AssessmentSection.Participation, AssessmentSection.WhatMatters, AssessmentSection.Outcomes, AssessmentSection.Fluctuation, AssessmentSection.Wellbeing, AssessmentSection.Carer, AssessmentSection.Advocacy]
        : [AssessmentSection.About, AssessmentSection.Participation, AssessmentSection.WhatMatters, AssessmentSection.CarerNeeds, AssessmentSection.Fluctuation, AssessmentSection.Wellbeing, AssessmentSection.Advocacy];

    /// <summary>Everything still missing, section by section, so check-answers can list it with links.</summary>
    public IReadOnlyList<MissingItem> Missing()
    {
        var m = new List<MissingItem>();
        if (Type is null) m.Add(new(AssessmentSection.About, "Select the type of assessment"));
        if (Participation is null || WhoTookPart is null) m.Add(new(AssessmentSection.Participation, "Record who took part and how the person took part"));
        if (WhatMattersInOwnWords is null || OutcomesWanted is null) m.Add(new(AssessmentSection.WhatMatters, "Record what matters to the person and the outcomes they want"));
        if (Kind == AssessmentKind.Adult)
        {
            if (NeedsArisefromImpairmentOrIllness is null) m.Add(new(AssessmentSection.Outcomes, "Record whether the needs arise from a physical or mental impairment or illness"));
            if (NeedsArisefromImpairmentOrIllness == true && ImpairmentKinds == ImpairmentKinds.None) m.Add(new(AssessmentSection.Outcomes, "Record the kind of impairment or illness the needs arise from"));
            foreach (var outcome in Enum.GetValues<SpecifiedOutcome>().Where(o => Outcomes.All(f => f.Outcome != o || f.Finding is null)))
            {
                m.Add(new(AssessmentSection.Outcomes, $"Record how the person manages: {outcome.Label().ToLowerInvariant()}"));
            }

            if (HasUnpaidCarer is null) m.Add(new(AssessmentSection.Carer, "Record whether the person has an unpaid carer"));
        }
        else
        {
            if (CarerName is null || CarerNeedsArisefromProvidingCare is null || CarerHealthAtRisk is null)
            {
                m.Add(new(AssessmentSection.CarerNeeds, "Record the carer's needs"));
            }

            foreach (var outcome in Enum.GetValues<CarerOutcome>().Where(o => CarerOutcomes.All(f => f.Outcome != o || f.Answer is null)))
            {
                m.Add(new(AssessmentSection.CarerNeeds, $"Record how the carer manages: {outcome.Label().ToLowerInvariant()}"));
            }
        }

        if (NeedsFluctuate is null) m.Add(new(AssessmentSection.Fluctuation, "Record whether the needs fluctuate"));
        foreach (var area in Enum.GetValues<WellbeingArea>().Where(a => Wellbeing.All(w => w.Area != a)))
        {
            m.Add(new(AssessmentSection.Wellbeing, $"Record the impact on {area.Label().ToLowerInvariant()}"));
        }

        if (AdvocateNeeded is null) m.Add(new(AssessmentSection.Advocacy, "Record whether an independent advocate is needed"));
        return m;
    }

    public bool IsSectionComplete(AssessmentSection section) => Missing().All(m => m.Section != section);

    public bool IsSectionStarted(AssessmentSection section) => section switch
    {
        AssessmentSection.About => Type is not null,
        AssessmentSection.Participation => Participation is not null,
        AssessmentSection.WhatMatters => WhatMattersInOwnWords is not null,
        AssessmentSection.Outcomes => NeedsArisefromImpairmentOrIllness is not null || Outcomes.Count > 0,
        AssessmentSection.Fluctuation => NeedsFluctuate is not null,
        AssessmentSection.Wellbeing => Wellbeing.Count > 0,
        AssessmentSection.Carer => HasUnpaidCarer is not null,
        AssessmentSection.Advocacy => AdvocateNeeded is not null,
        AssessmentSection.CarerNeeds => CarerName is not null,
        _ => false,
    };

    public void Complete(int expectedRevision, Actor actor, DateTimeOffset now)
    {
        EnsureEditable(expectedRevision);
        var missing = Missing();
        if (missing.Count > 0)
        {
            throw new DomainException("assessment-incomplete", $"The assessment is not complete: {missing.Count} {(missing.Count == 1 ? "thing is" : "things are")} missing");
        }

        Status = AssessmentStatus.Completed;
        CompletedAt = now;
        CompletedByName = actor.DisplayName;
        Changed(actor, now);
        AddDomainEvent(new AssessmentCompleted(PersonId, Id, Kind, PersonsPart));
    }

    /// <summary>How the person took part in the assessment, once recorded.</summary>
    public PersonsPart? PersonsPart => Participation is { } how ? new PersonsPart(how, BestInterestsConsulted) : null;

    /// <summary>The specified outcomes the person counts as unable to achieve, in the regulations' order.</summary>
    public IReadOnlyList<SpecifiedOutcome> OutcomesNotAchieved() =>
        Outcomes.Where(o => o.CountsAsUnable).Select(o => o.Outcome).Order().ToList();

    /// <summary>Starts a correction: a new draft version copying this one, which is marked as replaced once the correction is completed.</summary>
    public Assessment StartCorrection(string? reason, Actor actor, DateTimeOffset now)
    {
        if (Status != AssessmentStatus.Completed)
        {
            throw new DomainException("assessment-not-completed", "Only a completed assessment can be corrected. Change the draft instead");
        }

        var r = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (r is null)
        {
            throw new DomainException("assessment-correction-reason-required", "Enter the reason for the correction", "Reason");
        }

        if (r.Length > 1000)
        {
            throw new DomainException("assessment-correction-reason-too-long", "Reason must be 1000 characters or fewer", "Reason");
        }

        var copy = (Assessment)MemberwiseClone();
        copy.Id = Guid.NewGuid();
        copy.Status = AssessmentStatus.Draft;
        copy.VersionNumber = VersionNumber + 1;
        copy.PreviousVersionId = Id;
        copy.CorrectionReason = r;
        copy.CompletedAt = null;
        copy.CompletedByName = null;
        copy.CancelledAt = null;
        copy.CancelledByName = null;
        copy.CancellationReason = null;
        copy.StartedAt = now;
        copy.StartedByName = actor.DisplayName;
        copy.Revision = 1;
        copy.Outcomes = Outcomes.Select(o => new AssessmentOutcome { Outcome = o.Outcome, WithoutDifficulty = o.WithoutDifficulty, Reasons = o.Reasons, Note = o.Note }).ToList();
        copy.Wellbeing = Wellbeing.Select(w => new WellbeingFinding { Area = w.Area, Impact = w.Impact, Note = w.Note }).ToList();
        copy.CarerOutcomes = CarerOutcomes.Select(c => new CarerOutcomeFinding { Outcome = c.Outcome, WithoutDifficulty = c.WithoutDifficulty, Reasons = c.Reasons, Note = c.Note }).ToList();
        copy.Stamp(actor, now);
        return copy;
    }

    /// <summary>
    /// Cancels a draft with a reason (started in error, a duplicate, the person withdrew): it stays on the record, read
    /// only, and no longer counts as the person's open assessment.
    /// </summary>
    /// <param name="managesTeamWork">The actor is a team manager, who may cancel anyone's draft; others only their own.</param>
    public void Cancel(string? reason, bool managesTeamWork, int expectedRevision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != AssessmentStatus.Draft)
        {
            throw new ConflictException("assessment-not-draft", "Only a draft assessment can be cancelled. A completed assessment is corrected instead");
        }

        if (!managesTeamWork && actor.UserId != OwnerId)
        {
            throw new DomainException("assessment-cancel-not-allowed", "Only the assessment's owner or a team manager can cancel it");
        }

        EnsureEditable(expectedRevision);
        var r = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (r is null)
        {
            throw new ValidationFailedException([new FieldError("Reason", "Enter why the assessment is being cancelled")]);
        }

        if (r.Length > CancellationReasonMaxLength)
        {
            throw new ValidationFailedException([new FieldError("Reason", $"Reason must be {CancellationReasonMaxLength} characters or fewer")]);
        }

        Status = AssessmentStatus.Cancelled;
        CancelledAt = now;
        CancelledByName = actor.DisplayName;
        CancellationReason = r;
        Changed(actor, now);
        AddDomainEvent(new AssessmentCancelled(PersonId, Id, Kind, r));
    }

    public const int CancellationReasonMaxLength = 1000;

    /// <summary>
    /// One open needs assessment per person (a draft, including a correction in progress); carers' assessments are
    /// one per carer, so any number may be open. Refuses a new one while <paramref name="open"/> is a draft.
    /// </summary>
    public static void EnsureNoneOpen(AssessmentKind kind, OpenAssessment? open)
    {
        if (kind == AssessmentKind.Adult && open is not null)
        {
            throw new ConflictException(OneOpenCode,
                $"This person already has a draft needs assessment, started on {UkFormat.Date(UkTime.DateOf(open.StartedAt))} by {open.StartedByName}. Finish it, or cancel it with a reason, before starting another");
        }
    }

    public const string OneOpenCode = "assessment-already-open";

    /// <summary>Marks this version as replaced by a completed correction.</summary>
    public void Supersede(Actor actor, DateTimeOffset now)
    {
        if (Status != AssessmentStatus.Completed)
        {
            throw new DomainException("assessment-not-completed", "Only a completed assessment can be replaced");
        }

        Status = AssessmentStatus.Superseded;
        Changed(actor, now);
    }

    public EligibilityFacts ToEligibilityFacts(bool? significantImpact, string? reason) => new(
        NeedsArisefromImpairmentOrIllness == true,
        Outcomes.Select(o => o.Finding).OfType<OutcomeFinding>().ToList(),
        significantImpact,
        reason,
        ImpairmentDescription);

    public CarerEligibilityFacts ToCarerEligibilityFacts(bool? significantImpact, string? reason) => new(
        CarerNeedsArisefromProvidingCare == true,
        CarerHealthAtRisk == true,
        CarerOutcomes.Select(o => o.Answer).OfType<CarerOutcomeAnswer>().ToList(),
        significantImpact,
        reason);
}
