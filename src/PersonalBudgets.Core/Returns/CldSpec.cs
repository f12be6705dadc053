namespace PersonalBudgets.Core.Returns;

/// <summary>
/// The CLD Release 2 record layout and value lists, as far as public sources give them (the reference is
/// cld-spec.md, kept with the project's shared reference material; ADR 0028). Column headers are the file headers
/// "with spaces" in the order of the field table (§1.3). Every value the service writes is one of these strings, and
/// nothing else in the code spells them: <see cref="CldMapping"/> maps our records to them in one place.
/// </summary>
public static class CldSpec
{
    /// <summary>The file's columns in order (§1.3, #0 to #49). "LA Code" is the one header no public source shows.</summary>
    public static readonly IReadOnlyList<string> Headers =
    [
        "LA Code",
        "Reporting Period Start Date",
        "Reporting Period End Date",
        "NHS Number",
        "LA Person Unique Identifier",
        "First Name",
        "Last Name",
        "GP Practice Name",
        "GP Practice Code",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Date of Death",
        "Client Type",
        "Primary Support Reason",
        "Postcode",
        "Accommodation Status",
        "Employment Status",
        "Has Unpaid Carer",
        "Autism Spectrum Disorder (ASD)",
        "Visual Impairment",
        "Hearing Impairment",
        "Dementia",
        "Client Funding Status",
        "Event Type",
        "Event Reference",
        "Event Start Date",
        "Event End Date",
        "Event Description",
        "Event Outcome",
        "Request: Route of Access",
        "Assessment Type",
        "Eligible Needs Identified",
        "Method of Assessment",
        "Total Hrs Caring per week",
        "No. of adults being cared for",
        "Adult 1 Linked Person_ID",
        "Adult 2 Linked Person_ID",
        "Adult 3 Linked Person_ID",
        "Service Type",
        "Service Component",
        "Delivery Mechanism",
        "Provider CQC Location Name",
        "Provider CQC Location ID",
        "Review Reason",
        "Review Outcomes Achieved",
        "Method of Review",
        "Unit Cost",
        "Cost Frequency (Unit Type)",
        "Planned units per week",
    ];

    /// <summary>§2.3, Release 2.</summary>
    public static class ClientType
    {
        public const string ServiceUser = "Service user";
        public const string UnpaidCarer = "Unpaid carer";
        public const string UnpaidCarerKnownByAssociation = "Unpaid carer known by association";
        public static readonly IReadOnlyList<string> All = [ServiceUser, UnpaidCarer, UnpaidCarerKnownByAssociation];
    }

    /// <summary>§2.7.</summary>
    public static class YesNo
    {
        public const string Yes = "Yes";
        public const string No = "No";
        public const string Unknown = "Unknown";
        public static readonly IReadOnlyList<string> HasUnpaidCarer = [Yes, No, Unknown];
    }

    /// <summary>§2.9 (the three substantive values; "Unknown" from the unverified list).</summary>
    public static class FundingStatus
    {
        public const string FullySocialCareFunded = "Fully social care funded";
        public const string JointClientAndSocialCare = "Joint client and social care funded";
        public const string FullyClientFunded = "Fully client funded";
        public const string Unknown = "Unknown";
        public static readonly IReadOnlyList<string> All = [FullySocialCareFunded, JointClientAndSocialCare, FullyClientFunded, Unknown];
    }

    /// <summary>§2.10.</summary>
    public static class EventType
    {
        public const string Request = "Request";
        public const string Assessment = "Assessment";
        public const string Service = "Service";
        public const string Review = "Review";
        public static readonly IReadOnlyList<string> All = [Request, Assessment, Service, Review];
    }

    /// <summary>§2.11, Release 2 (complete, 16 values).</summary>
    public static class EventOutcome
    {
        public const string ProgressToReablement = "Progress to reablement/ST-Max";
        public const string ProgressToAssessment = "Progress to assessment, review or reassessment";
        public const string ProgressToSupportPlanning = "Progress to support planning or services";
        public const string Continuation = "Continuation of support or services";
        public const string AdmittedToHospital = "Admitted to hospital";
        public const string NfaMovedToAnotherLa = "NFA: Responsibility moved to another local authority";
        public const string NfaNhs = "NFA: Referral to NHS services or NHS funded social care";
        public const string NfaSelfFunded = "NFA: Self-funded client or under 12wk disregard";
        public const string NfaInformationAndAdvice = "NFA: Information and advice or signposting";
        public const string NfaOtherServiceInLa = "NFA: Referral to other service within the local authority";
        public const string NfaSupportDeclined = "NFA: Support declined";
        public const string NfaDeceased = "NFA: Deceased";
        public const string NfaSupportEndedAsPlanned = "NFA: Support ended as planned";
        public const string NfaSupportEndedOther = "NFA: Support ended for other reason";
        public const string NfaNoServicesOther = "NFA: No services offered for other reason";
        public const string NfaOther = "NFA: Other";

        public static readonly IReadOnlyList<string> All =
        [
            ProgressToReablement, ProgressToAssessment, ProgressToSupportPlanning, Continuation, AdmittedToHospital,
            NfaMovedToAnotherLa, NfaNhs, NfaSelfFunded, NfaInformationAndAdvice, NfaOtherServiceInLa, NfaSupportDeclined,
            NfaDeceased, NfaSupportEndedAsPlanned, NfaSupportEndedOther, NfaNoServicesOther, NfaOther,
        ];
    }

    /// <summary>§2.13, Release 2 (partial: the two values public sources show).</summary>
    public static class AssessmentType
    {
        public const string ShortTerm = "Short term assessment";
        public const string LongTerm = "Long term assessment";
        public static readonly IReadOnlyList<string> All = [ShortTerm, LongTerm];
    }

    /// <summary>§2.17, Release 2 (complete, 9 values).</summary>
    public static class ServiceType
    {
        public const string StMax = "Short term support: ST-Max";
        public const string OngoingLowLevel = "Short term support: Ongoing low level";
        public const string OtherShortTerm = "Short term support: Other short term";
        public const string Nursing = "Long term support: Nursing care";
        public const string Residential = "Long term support: Residential care";
        public const string Community = "Long term support: Community";
        public const string Prison = "Long term support: Prison";
        public const string DirectToCarer = "Unpaid carer support: Direct to unpaid carer";
        public const string InvolvingCaredFor = "Unpaid carer support: Support involving the person cared-for";

        public static readonly IReadOnlyList<string> All =
            [StMax, OngoingLowLevel, OtherShortTerm, Nursing, Residential, Community, Prison, DirectToCarer, InvolvingCaredFor];

        public static readonly IReadOnlyList<string> LongTerm = [Nursing, Residential, Community, Prison];
    }

    /// <summary>§2.18, Release 2 (the unverified full list; its 8 values DHSC confirms all match it).</summary>
    public static class ServiceComponent
    {
        public const string Reablement = "Reablement";
        public const string HomeSupport = "Home support or domiciliary care";
        public const string DaySupport = "Day support";
        public const string Transport = "Transport";
        public const string Equipment = "Equipment";
        public const string DirectPayment = "Direct payment";
        public const string LearningEducationEmployment = "Learning, education or employment support";
        public const string OtherLongTerm = "Other long term support";
        public const string CarerRespite = "Unpaid carer respite";
        public const string CarerSitting = "Unpaid carer sitting service";
        public const string OtherCarerSupport = "Other unpaid carer support";

        public static readonly IReadOnlyList<string> All =
        [
            "Reablement", "Short term nursing care", "Short term residential care", "Long term nursing care", "Long term residential care",
            HomeSupport, DaySupport, "Meals", Transport, Equipment, DirectPayment, "Shared Lives", "Community supported living", "Extra care housing",
            "Professional support: Social worker", "Professional support: Other", LearningEducationEmployment, "End of life care", "Emergency support",
            "Other short term support", OtherLongTerm, CarerRespite, CarerSitting, "Unpaid carer universal services", OtherCarerSupport,
        ];
    }

    /// <summary>§2.19, Release 2 (capitalisation changed from Release 1).</summary>
    public static class DeliveryMechanism
    {
        public const string DirectPayment = "Direct payment";
        public const string ManagedPersonalBudget = "CASSR managed personal budget";
        public const string CommissionedSupport = "CASSR commissioned support";
        public static readonly IReadOnlyList<string> All = [DirectPayment, ManagedPersonalBudget, CommissionedSupport];
    }

    /// <summary>§2.23 (the unverified list).</summary>
    public static class CostFrequency
    {
        public const string PerSession = "Per session";
        public const string Hourly = "Hourly";
        public const string Daily = "Daily";
        public const string Weekly = "Weekly";
        public static readonly IReadOnlyList<string> All =
            ["No charge to client", PerSession, Hourly, Daily, Weekly, "Fortnightly", "4-weekly", "Monthly", "Quarterly", "Annually", "One-off"];
    }

    /// <summary>
    /// Fields whose value lists no public source gives (§2.12, 2.14, 2.15, 2.20 R2, 2.21, 2.22 R2). The service writes
    /// the values below, in the Release 2 style; each must be checked against the official specification before the
    /// first submission (ADR 0028). They are kept here, together, so that check is one edit.
    /// </summary>
    public static class Unconfirmed
    {
        public const string EligibleYes = "Yes";
        public const string EligibleNo = "No";

        public const string MethodFaceToFace = "Face to face";
        public const string MethodSupportedSelfAssessment = "Supported self-assessment";
        public const string MethodTelephoneOrVideo = "Telephone or video";
        public const string MethodJointWithNhs = "Joint with NHS";
        public const string MethodInWriting = "In writing";

        public const string ReviewPlanned = "Planned";
        public const string ReviewUnplannedCarer = "Unplanned: Carer related";
        public const string ReviewUnplannedOther = "Unplanned: Other reason";

        public const string OutcomesFully = "Fully achieved";
        public const string OutcomesPartly = "Partially achieved";
        public const string OutcomesNot = "Not achieved";
    }
}
