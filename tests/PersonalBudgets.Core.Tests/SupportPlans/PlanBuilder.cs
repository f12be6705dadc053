using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.SupportPlans;

/// <summary>Plans and elements for the support plan, approval and budget tests.</summary>
public static class PlanBuilder
{
    public static readonly DateOnly Start = new(2027, 4, 1);
    public static readonly EligibleNeed[] EligibleNeeds = [SpecifiedOutcome.Nutrition, SpecifiedOutcome.CommunityFacilities];

    public static PlanElement Element(decimal unitCost, decimal unitsPerWeek, Deployment deployment = Deployment.DirectPayment, DateOnly? start = null, DateOnly? end = null,
        string description = "Personal assistant", string provider = "A personal assistant", ServiceCategory category = ServiceCategory.PersonalAssistant, Guid? id = null) =>
        PlanElement.Create(id, description, category, provider, unitCost, UnitType.Hour, unitsPerWeek, start ?? Start, end, deployment, SpecifiedOutcome.Nutrition);

    public static SupportPlan Draft(decimal? indicativeWeekly = 250m) =>
        SupportPlan.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), indicativeWeekly, Priya.Actor(), Now);

    /// <summary>A plan with every part written: £160 by direct payment and £90 commissioned, £250 a week.</summary>
    public static SupportPlan Complete(decimal? indicativeWeekly = 250m)
    {
        var a = Priya.Actor();
        var plan = Draft(indicativeWeekly);
        plan.SetSection(PlanSection.AboutMe, "I live on my own", PlanContributor.Person, plan.Revision, a, Now);
        plan.SetSection(PlanSection.WhatMatters, "Seeing my sister", PlanContributor.Person, plan.Revision, a, Now);
        plan.SetSection(PlanSection.Contingency, "Call the crisis line", PlanContributor.Person, plan.Revision, a, Now);
        plan.SetOutcomes(["Cook for myself", "Get out twice a week"], PlanContributor.Person, plan.Revision, a, Now);
        plan.SetNeed(SpecifiedOutcome.Nutrition, "The personal assistant cooks with me", PlanContributor.Practitioner, plan.Revision, a, Now);
        plan.SetNeed(SpecifiedOutcome.CommunityFacilities, "The day service", PlanContributor.Practitioner, plan.Revision, a, Now);
        plan.SaveElement(Element(16m, 10m), plan.Revision, a, Now);
        plan.SaveElement(Element(45m, 2m, Deployment.CouncilCommissioned, description: "Day service", provider: "Northmoor Day Opportunities", category: ServiceCategory.CommunityActivity), plan.Revision, a, Now);
        plan.SaveRisk(PlanRisk.Create(null, "Going out alone", RiskLevel.Medium, true, "Short trips first", "The person"), plan.Revision, a, Now);
        plan.SetFunding(20m, 0m, null, false, false, plan.Revision, a, Now);
        plan.RecordAgreement(PlanAgreement.Agreed, null, new PersonsPart(Participation.InPerson, null), [], plan.Revision, a, Now);
        return plan;
    }

    public static SupportPlan Submitted()
    {
        var plan = Complete();
        plan.Submit(EligibleNeeds, 10, false, plan.Revision, Priya.Actor(), Now);
        return plan;
    }

    public static SupportPlan Approved()
    {
        var plan = Submitted();
        plan.MarkApproved(Helen.Actor(), Now);
        return plan;
    }
}
