using System.ComponentModel.DataAnnotations;

namespace PersonalBudgets.Core.People;

// Value lists from the Adult Social Care Client Level Data (CLD) Release 2 specification. The Display name is the
// exact R2 string (validation is case-sensitive), so the statutory return needs no re-coding. Stored by enum name.

public enum Gender
{
    [Display(Name = "Male")] Male,
    [Display(Name = "Female")] Female,
    [Display(Name = "Other")] Other,
    [Display(Name = "Unknown")] Unknown,
}

public enum Ethnicity
{
    [Display(Name = "White: English, Welsh, Scottish, Northern Irish or British")] WhiteBritish,
    [Display(Name = "White: Irish")] WhiteIrish,
    [Display(Name = "White: Gypsy or Irish Traveller")] WhiteGypsyOrIrishTraveller,
    [Display(Name = "White: Roma")] WhiteRoma,
    [Display(Name = "White: Any other White background")] WhiteOther,
    [Display(Name = "Mixed or multiple ethnic groups: White and Black Caribbean")] MixedWhiteAndBlackCaribbean,
    [Display(Name = "Mixed or multiple ethnic groups: White and Black African")] MixedWhiteAndBlackAfrican,
    [Display(Name = "Mixed or multiple ethnic groups: White and Asian")] MixedWhiteAndAsian,
    [Display(Name = "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background")] MixedOther,
    [Display(Name = "Asian or Asian British: Indian")] AsianIndian,
    [Display(Name = "Asian or Asian British: Pakistani")] AsianPakistani,
    [Display(Name = "Asian or Asian British: Bangladeshi")] AsianBangladeshi,
    [Display(Name = "Asian or Asian British: Chinese")] AsianChinese,
    [Display(Name = "Asian or Asian British: Any other Asian background")] AsianOther,
    [Display(Name = "Black, Black British, Caribbean or African: African")] BlackAfrican,
    [Display(Name = "Black, Black British, Caribbean or African: Caribbean")] BlackCaribbean,
    [Display(Name = "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background")] BlackOther,
    [Display(Name = "Other ethnic group: Arab")] OtherArab,
    [Display(Name = "Other ethnic group: Any other ethnic group")] OtherAny,
    [Display(Name = "No data: Refused")] Refused,
    [Display(Name = "No data: Undeclared or not known")] NotKnown,
}

public enum AccommodationStatus
{
    [Display(Name = "Owner occupier or shared ownership scheme")] OwnerOccupier,
    [Display(Name = "Tenant: Local authority or other social housing provider")] TenantSocialHousing,
    [Display(Name = "Tenant: Private landlord")] TenantPrivateLandlord,
    [Display(Name = "Settled mainstream housing with family or friends")] SettledWithFamilyOrFriends,
    [Display(Name = "Supported accommodation, supported lodgings or supported group home")] SupportedAccommodation,
    [Display(Name = "Shared Lives scheme")] SharedLives,
    [Display(Name = "Approved premises for offenders released from prison or under probation supervision")] ApprovedPremises,
    [Display(Name = "Sheltered housing, extra care housing or other sheltered housing")] ShelteredHousing,
    [Display(Name = "Mobile accommodation for Gypsy, Roma and Traveller communities")] MobileAccommodation,
    [Display(Name = "Rough sleeper or squatting")] RoughSleeper,
    [Display(Name = "Night shelter, emergency hostel or direct access hostel")] NightShelter,
    [Display(Name = "Refuge")] Refuge,
    [Display(Name = "Placed in temporary accommodation by the council (inc. homelessness resettlement)")] CouncilTemporaryAccommodation,
    [Display(Name = "Staying with family or friends as a short term guest")] ShortTermGuest,
    [Display(Name = "Acute hospital or long term healthcare residential facility")] Hospital,
    [Display(Name = "Registered care home")] CareHome,
    [Display(Name = "Registered nursing home")] NursingHome,
    [Display(Name = "Prison, young offenders institution or detention centre")] Prison,
    [Display(Name = "Other temporary accommodation")] OtherTemporary,
    [Display(Name = "Unknown")] Unknown,
}

public enum EmploymentStatus
{
    [Display(Name = "Paid: Less than 16 hours a week")] PaidUnder16Hours,
    [Display(Name = "Paid: 16 or more hours a week")] Paid16HoursOrMore,
    [Display(Name = "Paid: Hours per week unknown")] PaidHoursUnknown,
    [Display(Name = "Not in paid employment: Seeking work")] NotPaidSeekingWork,
    [Display(Name = "Not in paid employment: Not actively seeking work or retired")] NotPaidNotSeekingOrRetired,
    [Display(Name = "Not in paid employment: Voluntary work only")] NotPaidVoluntaryOnly,
    [Display(Name = "Unknown")] Unknown,
}

/// <remarks>
/// Only "Social support: Support to unpaid carer" is confirmed as a Release 2 string by public sources; the others
/// follow the Release 2 style and must be checked against the official specification before the first return
/// (see docs/adr/0004-cld-value-lists.md).
/// </remarks>
public enum PrimarySupportReason
{
    [Display(Name = "Mental health support")] MentalHealthSupport,
    [Display(Name = "Physical support: Access and mobility only")] PhysicalAccessAndMobility,
    [Display(Name = "Physical support: Personal care support")] PhysicalPersonalCare,
    [Display(Name = "Sensory support: Support for visual impairment")] SensoryVisual,
    [Display(Name = "Sensory support: Support for hearing impairment")] SensoryHearing,
    [Display(Name = "Sensory support: Support for dual impairment")] SensoryDual,
    [Display(Name = "Support with memory and cognition")] MemoryAndCognition,
    [Display(Name = "Learning disability support")] LearningDisability,
    [Display(Name = "Social support: Substance misuse support")] SubstanceMisuse,
    [Display(Name = "Social support: Asylum seeker support")] AsylumSeeker,
    [Display(Name = "Social support: Support for social isolation or other reason")] SocialIsolationOrOther,
    [Display(Name = "Social support: Support to unpaid carer")] SupportToUnpaidCarer,
    [Display(Name = "Unknown")] Unknown,
}
