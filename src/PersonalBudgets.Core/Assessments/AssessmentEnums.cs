using System.ComponentModel.DataAnnotations;

namespace PersonalBudgets.Core.Assessments;

public enum AssessmentKind
{
    [Display(Name = "Needs assessment")] Adult,
    [Display(Name = "Carer's assessment")] Carer,
}

public enum AssessmentType
{
    [Display(Name = "Face to face")] FaceToFace,
    [Display(Name = "Supported self-assessment")] SupportedSelfAssessment,
    [Display(Name = "Telephone or video")] TelephoneOrVideo,
    [Display(Name = "Joint with the NHS")] JointWithNhs,
}

/// <summary>How the person took part in a step. Recorded at every step of the pathway.</summary>
public enum Participation
{
    [Display(Name = "In person")] InPerson,
    [Display(Name = "By phone or video")] PhoneOrVideo,
    [Display(Name = "In writing")] InWriting,
    [Display(Name = "Through an advocate")] ThroughAdvocate,
    [Display(Name = "Declined to take part")] Declined,
    [Display(Name = "Lacked capacity for this decision: a best-interests decision was made")] LackedCapacity,
}

public enum AssessmentStatus
{
    [Display(Name = "Draft")] Draft,
    [Display(Name = "Completed")] Completed,
    [Display(Name = "Replaced by a correction")] Superseded,
    [Display(Name = "Cancelled")] Cancelled,
}

/// <summary>The nine wellbeing areas of Care Act 2014 s1(2).</summary>
public enum WellbeingArea
{
    [Display(Name = "Personal dignity, including treatment with respect")] PersonalDignity,
    [Display(Name = "Physical and mental health and emotional wellbeing")] HealthAndEmotionalWellbeing,
    [Display(Name = "Protection from abuse and neglect")] ProtectionFromAbuse,
    [Display(Name = "Control over day-to-day life, including care and support")] ControlOverDayToDayLife,
    [Display(Name = "Participation in work, education, training or recreation")] Participation,
    [Display(Name = "Social and economic wellbeing")] SocialAndEconomic,
    [Display(Name = "Domestic, family and personal relationships")] Relationships,
    [Display(Name = "Suitability of living accommodation")] Accommodation,
    [Display(Name = "The person's contribution to society")] ContributionToSociety,
}

public enum WellbeingImpact
{
    [Display(Name = "No impact")] None,
    [Display(Name = "Some impact")] Some,
    [Display(Name = "Significant impact")] Significant,
}

public enum YesNoUnknown
{
    [Display(Name = "Yes")] Yes,
    [Display(Name = "No")] No,
    [Display(Name = "Not known")] Unknown,
}

/// <summary>The sections of an assessment, in task-list order.</summary>
public enum AssessmentSection
{
    [Display(Name = "About the assessment")] About,
    [Display(Name = "Who took part")] Participation,
    [Display(Name = "What matters to the person")] WhatMatters,
    [Display(Name = "Needs and the specified outcomes")] Outcomes,
    [Display(Name = "Fluctuating needs")] Fluctuation,
    [Display(Name = "Impact on wellbeing")] Wellbeing,
    [Display(Name = "Unpaid carer")] Carer,
    [Display(Name = "Independent advocacy")] Advocacy,
    [Display(Name = "The carer's needs")] CarerNeeds,
}

/// <summary>
/// The kinds of impairment or illness the needs arise from or relate to (reg 2(1)(a)); more than one may apply.
/// Stored as flags.
/// </summary>
[Flags]
public enum ImpairmentKinds
{
    None = 0,
    [Display(Name = "Mental illness")] MentalIllness = 1,
    [Display(Name = "Learning disability")] LearningDisability = 2,
    [Display(Name = "Autism")] Autism = 4,
    [Display(Name = "Physical disability")] PhysicalDisability = 8,
    [Display(Name = "Sensory impairment")] SensoryImpairment = 16,
    [Display(Name = "Substance misuse")] SubstanceMisuse = 32,
    [Display(Name = "Dementia or memory problems")] DementiaOrMemory = 64,
    [Display(Name = "Other")] Other = 128,
}
