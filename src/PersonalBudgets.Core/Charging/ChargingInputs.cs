using System.ComponentModel.DataAnnotations;

namespace PersonalBudgets.Core.Charging;

public enum FinancialAssessmentType
{
    [Display(Name = "Full financial assessment")] Full,
    [Display(Name = "Light-touch assessment")] LightTouch,
    [Display(Name = "Declined: pays the full cost")] Declined,
    [Display(Name = "No charge: section 117 aftercare")] NilSection117,
}

/// <summary>A light-touch assessment's conclusion: it is clear the person can pay the full cost, or cannot pay anything.</summary>
public enum LightTouchOutcome
{
    [Display(Name = "The person can clearly pay the full cost")] FullCost,
    [Display(Name = "The person clearly cannot pay anything")] NoCharge,
}

public enum MigAgeBand
{
    [Display(Name = "Aged 18 to 24")] Aged18To24,
    [Display(Name = "Aged 25 to pension credit age")] Aged25ToPensionCreditAge,
    [Display(Name = "Pension credit age or over")] PensionCreditAge,
}

public enum Household
{
    [Display(Name = "Single")] SinglePerson,
    [Display(Name = "Lone parent")] LoneParent,
    [Display(Name = "Member of a couple")] Couple,
}

public enum CapitalKind
{
    [Display(Name = "Savings or bank account")] Savings,
    [Display(Name = "Investments or shares")] Investments,
    [Display(Name = "Property other than the main home")] OtherProperty,
    [Display(Name = "The main home")] MainHome,
    [Display(Name = "Personal possessions")] PersonalPossessions,
    [Display(Name = "Surrender value of life insurance or annuities")] LifeInsurance,
    [Display(Name = "Personal injury payment held in trust")] PersonalInjuryTrust,
    [Display(Name = "Other capital")] Other,
}

public enum IncomeKind
{
    [Display(Name = "State Pension")] StatePension,
    [Display(Name = "Private or work pension")] PrivatePension,
    [Display(Name = "Pension Credit")] PensionCredit,
    [Display(Name = "Universal Credit")] UniversalCredit,
    [Display(Name = "Employment and Support Allowance")] EmploymentAndSupportAllowance,
    [Display(Name = "Income Support")] IncomeSupport,
    [Display(Name = "PIP daily living")] PipDailyLiving,
    [Display(Name = "PIP mobility")] PipMobility,
    [Display(Name = "DLA care")] DlaCare,
    [Display(Name = "DLA mobility")] DlaMobility,
    [Display(Name = "Attendance Allowance")] AttendanceAllowance,
    [Display(Name = "Carer's Allowance")] CarersAllowance,
    [Display(Name = "Earnings from work")] Earnings,
    [Display(Name = "Housing Benefit")] HousingBenefit,
    [Display(Name = "Child Benefit")] ChildBenefit,
    [Display(Name = "Other income (counted)")] OtherCounted,
    [Display(Name = "Other income (disregarded, give the reason)")] OtherDisregarded,
}

public enum HousingCostKind
{
    [Display(Name = "Rent")] Rent,
    [Display(Name = "Mortgage interest")] MortgageInterest,
    [Display(Name = "Council tax")] CouncilTax,
    [Display(Name = "Service or ground charges")] ServiceCharges,
}

/// <summary>The statutory guidance's examples of disability-related expenditure (annex C), and any other item with a reason.</summary>
public enum DreKind
{
    [Display(Name = "Community alarm")] CommunityAlarm,
    [Display(Name = "Privately arranged care")] PrivateCare,
    [Display(Name = "Specialist washing powders or laundry")] Laundry,
    [Display(Name = "Special dietary needs")] Diet,
    [Display(Name = "Special clothing or footwear, or extra wear")] Clothing,
    [Display(Name = "Additional bedding")] Bedding,
    [Display(Name = "Extra heating costs")] Heating,
    [Display(Name = "Garden maintenance, cleaning or domestic help")] DomesticHelp,
    [Display(Name = "Purchase, maintenance and repair of disability-related equipment")] Equipment,
    [Display(Name = "Transport costs above the mobility benefits")] Transport,
    [Display(Name = "Other (give the reason)")] Other,
}

public sealed record CapitalItem(CapitalKind Kind, string? Description, decimal Value, bool JointlyOwned = false, string? DisregardReason = null, bool EvidenceSeen = false, string? Evidence = null);

/// <param name="NightCareWeekly">The part of a disability benefit paid for night-time care (e.g. the difference between the higher and lower rate of Attendance Allowance).</param>
public sealed record IncomeItem(IncomeKind Kind, string? Description, decimal Weekly, decimal NightCareWeekly = 0m, string? DisregardReason = null, bool EvidenceSeen = false, string? Evidence = null);

/// <param name="BenefitWeekly">Housing Benefit, the housing element of Universal Credit or council tax reduction towards this cost.</param>
public sealed record HousingCost(HousingCostKind Kind, decimal Weekly, decimal BenefitWeekly = 0m, bool EvidenceSeen = false, string? Evidence = null);

public sealed record DreItem(DreKind Kind, string? Description, decimal Weekly, string? Reason = null, bool EvidenceSeen = false, string? Evidence = null);

/// <summary>
/// Everything a financial assessment records, for the calculation. Light-touch, declined and s117 assessments use only
/// their type (and a light-touch outcome); a full one uses the rest.
/// </summary>
public sealed record FinancialAssessmentInput(
    FinancialAssessmentType Type,
    decimal WeeklyCost,
    MigAgeBand AgeBand = MigAgeBand.Aged25ToPensionCreditAge,
    Household Household = Household.SinglePerson,
    int Children = 0,
    bool DisabilityPremium = false,
    bool EnhancedDisabilityPremium = false,
    bool CarerPremium = false,
    bool NightCareArranged = false,
    IReadOnlyList<CapitalItem>? Capital = null,
    IReadOnlyList<IncomeItem>? Income = null,
    IReadOnlyList<HousingCost>? Housing = null,
    bool UseStandardDreAllowance = false,
    IReadOnlyList<DreItem>? Dre = null,
    LightTouchOutcome? LightTouch = null,
    string? LightTouchReason = null)
{
    public IReadOnlyList<CapitalItem> CapitalItems => Capital ?? [];
    public IReadOnlyList<IncomeItem> IncomeItems => Income ?? [];
    public IReadOnlyList<HousingCost> HousingCosts => Housing ?? [];
    public IReadOnlyList<DreItem> DreItems => Dre ?? [];
}
