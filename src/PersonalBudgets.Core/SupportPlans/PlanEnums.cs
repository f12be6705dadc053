using System.ComponentModel.DataAnnotations;

namespace PersonalBudgets.Core.SupportPlans;

public enum PlanStatus
{
    [Display(Name = "Draft")] Draft,
    [Display(Name = "Waiting for approval")] AwaitingApproval,
    [Display(Name = "Approved")] Approved,
    [Display(Name = "Replaced by a newer version")] Superseded,
}

/// <summary>Who wrote a part of the plan: the person may write it themselves.</summary>
public enum PlanContributor
{
    [Display(Name = "The person")] Person,
    [Display(Name = "A carer")] Carer,
    [Display(Name = "An advocate")] Advocate,
    [Display(Name = "A peer supporter")] PeerSupporter,
    [Display(Name = "The practitioner")] Practitioner,
}

/// <summary>The written sections of a plan, after the PRSB Personalised Care and Support Plan.</summary>
public enum PlanSection
{
    [Display(Name = "About me")] AboutMe,
    [Display(Name = "What matters to me")] WhatMatters,
    [Display(Name = "Contingency and crisis plan")] Contingency,
}

/// <summary>How a costed element of the plan is paid for.</summary>
public enum Deployment
{
    [Display(Name = "Direct payment")] DirectPayment,
    [Display(Name = "Council-managed personal budget")] CouncilManaged,
    [Display(Name = "Individual service fund")] IndividualServiceFund,
    [Display(Name = "Council-commissioned service")] CouncilCommissioned,
}

public enum ServiceCategory
{
    [Display(Name = "Personal assistant")] PersonalAssistant,
    [Display(Name = "Support at home")] HomeSupport,
    [Display(Name = "Community activity or day opportunity")] CommunityActivity,
    [Display(Name = "Education or training")] Education,
    [Display(Name = "Employment support")] EmploymentSupport,
    [Display(Name = "Peer support")] PeerSupport,
    [Display(Name = "Health and wellbeing activity")] Wellbeing,
    [Display(Name = "Transport")] Transport,
    [Display(Name = "Short break or respite")] ShortBreak,
    [Display(Name = "Equipment or technology")] Equipment,
    [Display(Name = "Support to the person cared for, to meet the carer's needs (for example, replacement care)")] SupportToCaredForPerson,
    [Display(Name = "Other")] Other,
}

public enum UnitType
{
    [Display(Name = "Hour")] Hour,
    [Display(Name = "Session")] Session,
    [Display(Name = "Day")] Day,
    [Display(Name = "Night")] Night,
    [Display(Name = "Week")] Week,
    [Display(Name = "Item")] Item,
}

public enum RiskLevel
{
    [Display(Name = "Low")] Low,
    [Display(Name = "Medium")] Medium,
    [Display(Name = "High")] High,
}

/// <summary>The person's view of the plan.</summary>
public enum PlanAgreement
{
    [Display(Name = "Agreed")] Agreed,
    [Display(Name = "Agreed, with reservations")] AgreedWithReservations,
    [Display(Name = "Disagreed")] Disagreed,
}
