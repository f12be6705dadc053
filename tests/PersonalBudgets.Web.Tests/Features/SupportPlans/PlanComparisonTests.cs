using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Features.SupportPlans;

namespace PersonalBudgets.Web.Tests.Features.SupportPlans;

/// <summary>The comparison of two plan versions, as plain C#.</summary>
public sealed class PlanComparisonTests
{
    private static readonly Actor Actor = new(Guid.NewGuid(), "Priya Shah");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static PlanElement Element(string what, decimal unitCost, decimal units, Guid? id = null) =>
        PlanElement.Create(id, what, ServiceCategory.Other, "Provider", unitCost, UnitType.Hour, units, new DateOnly(2026, 4, 1), null, Deployment.DirectPayment, null);

    /// <summary>Writes what submitting needs, so the plan can be approved and revised.</summary>
    private static void Approve(SupportPlan plan)
    {
        foreach (var section in Enum.GetValues<PlanSection>().Where(s => plan.SectionText(s) is null))
        {
            plan.SetSection(section, $"{section} text", PlanContributor.Person, plan.Revision, Actor, Now);
        }

        if (plan.Outcomes.Count == 0)
        {
            plan.SetOutcomes(["An outcome"], PlanContributor.Person, plan.Revision, Actor, Now);
        }

        plan.RecordAgreement(PlanAgreement.Agreed, null, new Core.Pathways.PersonsPart(Participation.InPerson, null), [], plan.Revision, Actor, Now);
        plan.Submit([], 100, false, plan.Revision, Actor, Now);
        plan.MarkApproved(Actor, Now);
    }

    [Fact]
    public void Compare_ReportsTextChangedOrNot_ElementsAddedRemovedAndChanged_AndTheWeeklyTotals()
    {
        var v1 = SupportPlan.Start(Guid.NewGuid(), null, null, 100m, Actor, Now);
        v1.SetSection(PlanSection.AboutMe, "About", PlanContributor.Person, v1.Revision, Actor, Now);
        v1.SetSection(PlanSection.WhatMatters, "Matters", PlanContributor.Person, v1.Revision, Actor, Now);
        v1.SetOutcomes(["Cook"], PlanContributor.Person, v1.Revision, Actor, Now);
        var kept = Element("Gardening", 10m, 2m);
        var changed = Element("Cooking", 12m, 3m);
        var removed = Element("Swimming", 5m, 1m);
        foreach (var e in new[] { kept, changed, removed })
        {
            v1.SaveElement(e, v1.Revision, Actor, Now);
        }

        v1.SetFunding(0m, 0m, null, false, false, v1.Revision, Actor, Now);
        v1.SetSection(PlanSection.Contingency, "Contingency", PlanContributor.Person, v1.Revision, Actor, Now);
        Approve(v1);

        var v2 = v1.NewVersion("After review", null, Actor, Now);
        v2.SetSection(PlanSection.AboutMe, "About me, rewritten", PlanContributor.Carer, v2.Revision, Actor, Now);
        v2.SetSection(PlanSection.Contingency, "Call my sister", PlanContributor.Person, v2.Revision, Actor, Now);
        v2.SetSection(PlanSection.WhatMatters, "Matters", PlanContributor.Carer, v2.Revision, Actor, Now);
        v2.SaveElement(Element("Cooking", 12m, 4m, changed.Id), v2.Revision, Actor, Now);
        v2.RemoveElement(removed.Id, v2.Revision, Actor, Now);
        v2.SaveElement(Element("Pottery", 15m, 1m), v2.Revision, Actor, Now);
        v2.SetFunding(5m, 0m, null, true, false, v2.Revision, Actor, Now);

        var c = PlanComparison.Compare(v1, v2);

        c.Sections.Single(s => s.What == "About me").Kind.ShouldBe(ChangeKind.Changed);
        c.Sections.Single(s => s.What == "What matters to me").Kind.ShouldBe(ChangeKind.Unchanged);
        c.Sections.Single(s => s.What == "Contingency and crisis plan").Kind.ShouldBe(ChangeKind.Changed);
        c.Sections.Single(s => s.What == "The outcomes I want").Kind.ShouldBe(ChangeKind.Unchanged);
        c.Elements.Single(e => e.What == "Gardening").Kind.ShouldBe(ChangeKind.Unchanged);
        var cooking = c.Elements.Single(e => e.What == "Cooking");
        cooking.Kind.ShouldBe(ChangeKind.Changed);
        cooking.Before.ShouldContain("£36.00 a week");
        cooking.After.ShouldContain("£48.00 a week");
        c.Elements.Single(e => e.What == "Swimming").Kind.ShouldBe(ChangeKind.Removed);
        c.Elements.Single(e => e.What == "Pottery").Kind.ShouldBe(ChangeKind.Added);
        c.WeeklyBefore.ShouldBe(61m);
        c.WeeklyAfter.ShouldBe(83m);
        c.Funding.Single(f => f.What == "The person's weekly contribution").ShouldBe(new PlanChange("The person's weekly contribution", ChangeKind.Changed, "£0.00", "£5.00"));
        c.Funding.Single(f => f.What == "Significant risks").Kind.ShouldBe(ChangeKind.Changed);
        c.Funding.Single(f => f.What == "NHS weekly share").Kind.ShouldBe(ChangeKind.Unchanged);
    }

    [Fact]
    public void Compare_OfAnUnchangedCopy_ReportsNoChanges()
    {
        var v1 = SupportPlan.Start(Guid.NewGuid(), null, null, null, Actor, Now);
        v1.SetNeed(SpecifiedOutcome.Nutrition, "Meals", PlanContributor.Practitioner, v1.Revision, Actor, Now);
        v1.SaveElement(Element("Gardening", 10m, 2m), v1.Revision, Actor, Now);
        v1.SetFunding(0m, 0m, null, false, false, v1.Revision, Actor, Now);
        Approve(v1);

        var c = PlanComparison.Compare(v1, v1.NewVersion("No change", null, Actor, Now));

        // A new version needs the person's agreement again; everything else is as it was.
        c.Sections.Single(s => s.What == "The person's agreement").Kind.ShouldBe(ChangeKind.Removed);
        c.Sections.Where(s => s.What != "The person's agreement").Concat(c.Elements).Concat(c.Funding).ShouldAllBe(x => x.Kind == ChangeKind.Unchanged);
    }
}
