using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;
using static PersonalBudgets.Core.Tests.SupportPlans.PlanBuilder;

namespace PersonalBudgets.Core.Tests.SupportPlans;

public sealed class PlanElementTests
{
    [Fact]
    public void Create_WithNothingEntered_ReportsEveryMissingAnswer()
    {
        var ex = Should.Throw<ValidationFailedException>(() => PlanElement.Create(null, " ", null, null, null, null, null, null, null, null, null));

        ex.Errors.ShouldBe([
            new FieldError("Description", "Enter what the support is"),
            new FieldError("Category", "Select the kind of support"),
            new FieldError("Provider", "Enter who provides it: a provider, a personal assistant or the person"),
            new FieldError("UnitCost", "Enter the cost of one unit, in pounds and pence"),
            new FieldError("UnitType", "Select what a unit is"),
            new FieldError("UnitsPerWeek", "Enter how many units a week"),
            new FieldError("StartDate", "Enter the date the support starts"),
            new FieldError("Deployment", "Select how this support is paid for"),
        ]);
    }

    [Theory]
    [InlineData("-0.01", "10", "UnitCost", "The unit cost cannot be negative")]
    [InlineData("10.005", "10", "UnitCost", "Enter the unit cost in pounds and pence, up to £100,000")]
    [InlineData("100000.01", "1", "UnitCost", "Enter the unit cost in pounds and pence, up to £100,000")]
    [InlineData("10", "0", "UnitsPerWeek", "Units a week must be more than 0")]
    [InlineData("10", "-1", "UnitsPerWeek", "Units a week must be more than 0")]
    [InlineData("10", "168.01", "UnitsPerWeek", "Units a week must be 168 or fewer, with at most 2 decimal places")]
    [InlineData("10", "1.333", "UnitsPerWeek", "Units a week must be 168 or fewer, with at most 2 decimal places")]
    public void Create_WithABadAmount_SaysWhatIsWrong(string unitCost, string units, string field, string message)
    {
        var ex = Should.Throw<ValidationFailedException>(() =>
            PlanElement.Create(null, "PA", ServiceCategory.PersonalAssistant, "A PA", decimal.Parse(unitCost), UnitType.Hour, decimal.Parse(units), Start, null, Deployment.DirectPayment, null));

        ex.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError(field, message));
    }

    [Fact]
    public void Create_EndingBeforeItStarts_IsRefused()
    {
        var ex = Should.Throw<ValidationFailedException>(() =>
            PlanElement.Create(null, "PA", ServiceCategory.PersonalAssistant, "A PA", 10m, UnitType.Hour, 1m, Start, Start.AddDays(-1), Deployment.DirectPayment, null));

        ex.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("EndDate", "The end date must be the same as or after the start date"));
    }

    [Fact]
    public void Create_WithAnUnknownNeedOrTooLongText_IsRefused()
    {
        var ex = Should.Throw<ValidationFailedException>(() =>
            PlanElement.Create(null, new string('x', 301), ServiceCategory.PersonalAssistant, new string('y', 201), 10m, UnitType.Hour, 1m, Start, null, Deployment.DirectPayment, (SpecifiedOutcome)99));

        ex.Errors.Select(e => e.Field).ShouldBe(["Description", "Provider", "MeetsNeed"]);
    }

    [Fact]
    public void Create_OneDayElementAndAFreeOne_AreFine()
    {
        var element = PlanElement.Create(null, " Taster session ", ServiceCategory.Wellbeing, " Leisure centre ", 0m, UnitType.Session, 1m, Start, Start, Deployment.CouncilManaged, null);

        element.Description.ShouldBe("Taster session");
        element.Provider.ShouldBe("Leisure centre");
        element.WeeklyCost.ShouldBe(0m);
        element.IsInForceOn(Start).ShouldBeTrue();
        element.IsInForceOn(Start.AddDays(1)).ShouldBeFalse();
    }
}

public sealed class SupportPlanTests
{
    private static readonly Actor Author = Priya.Actor();

    [Fact]
    public void Gaps_OfANewPlan_ListEveryMissingPart()
    {
        var gaps = Draft().Gaps(EligibleNeeds, 10, section117: false);

        gaps.Select(g => g.Field).ShouldBe(["AboutMe", "WhatMatters", "Outcomes", "Needs.Nutrition", "Needs.CommunityFacilities", "Elements", "SignificantRisk", "Contingency", "Agreement"]);
        gaps[0].Message.ShouldBe("About me is not written yet");
        gaps[3].Message.ShouldBe("How this eligible need will be met is not recorded: managing and maintaining nutrition");
        gaps[5].Message.ShouldBe("The plan has no costed elements");
        gaps[6].Message.ShouldBe("Whether the plan has significant risks is not answered yet");
        gaps[8].Message.ShouldBe("The person's agreement to the plan is not recorded yet");
    }

    [Fact]
    public void Gaps_OfACompletePlan_AreNone() => Complete().Gaps(EligibleNeeds, 10, false).ShouldBeEmpty();

    [Fact]
    public void Gaps_AnEligibleNeedNotCovered_IsListed() =>
        Complete().Gaps([.. EligibleNeeds, SpecifiedOutcome.Relationships], 10, false).ShouldHaveSingleItem().Field.ShouldBe("Needs.Relationships");

    [Fact]
    public void Gaps_ACostFarFromTheIndicativeAmount_NeedsAReason()
    {
        var plan = Complete(indicativeWeekly: 200m);

        var gap = plan.Gaps(EligibleNeeds, 10, false).ShouldHaveSingleItem();

        gap.Field.ShouldBe("VarianceReason");
        gap.Message.ShouldBe("The weekly cost (£250.00) differs from the indicative amount (£200.00) by more than 10%: give a reason");
        plan.Gaps(EligibleNeeds, 25, false).ShouldBeEmpty();
        plan.SetFunding(20m, 0m, "More support for the first months", false, false, plan.Revision, Author, Now);
        plan.Gaps(EligibleNeeds, 10, false).ShouldBeEmpty();
    }

    [Fact]
    public void SignificantRisk_IsUnansweredUntilChosen_AndAPlanCannotBeSubmittedWithoutIt()
    {
        var draft = Draft();
        draft.SignificantRisk.ShouldBeNull();
        draft.Gaps(EligibleNeeds, 10, false).ShouldContain(new FieldError("SignificantRisk", "Whether the plan has significant risks is not answered yet"));

        var refused = Should.Throw<ValidationFailedException>(() => draft.SetFunding(0m, 0m, null, null, false, draft.Revision, Author, Now));
        refused.Errors.ShouldBe([new FieldError("SignificantRisk", "Select whether the plan has significant risks")]);
        draft.SetFunding(0m, 0m, null, true, false, draft.Revision, Author, Now);
        draft.SignificantRisk.ShouldBe(true);
        draft.Gaps(EligibleNeeds, 10, false).ShouldNotContain(g => g.Field == "SignificantRisk");
    }

    [Fact]
    public void Gaps_UnderSection117_AContributionIsNotAllowed()
    {
        var plan = Complete();

        plan.Gaps(EligibleNeeds, 10, section117: true).ShouldHaveSingleItem().Message
            .ShouldBe("The person is entitled to section 117 aftercare, which is free: their contribution must be £0.00");
    }

    [Fact]
    public void Gaps_AContributionAndNhsShareAboveTheCost_AreListed()
    {
        var plan = Complete();
        plan.SetFunding(200m, 50.01m, null, false, false, plan.Revision, Author, Now);

        plan.Gaps(EligibleNeeds, 10, false).ShouldHaveSingleItem()
            .ShouldBe(new FieldError("NhsShareWeekly", "The person's contribution and the NHS share together are more than the plan's weekly cost"));
        plan.SetFunding(200m, 50m, null, false, false, plan.Revision, Author, Now);
        plan.Gaps(EligibleNeeds, 10, false).ShouldBeEmpty();
    }

    [Fact]
    public void SetFunding_UnderSection117_RefusesAContribution()
    {
        var plan = Complete();

        var ex = Should.Throw<ValidationFailedException>(() => plan.SetFunding(5m, -1m, null, false, true, plan.Revision, Author, Now));

        ex.Errors.Select(e => e.Field).ShouldBe(["AssessedContributionWeekly", "NhsShareWeekly"]);
        plan.AssessedContributionWeekly.ShouldBe(20m);
    }

    [Fact]
    public void SaveElement_ThatWouldCountTheSameSupportTwice_IsRefused()
    {
        var plan = Complete();
        var revision = plan.Revision;

        var ex = Should.Throw<ValidationFailedException>(() => plan.SaveElement(Element(16m, 4m, start: Start.AddMonths(1)), plan.Revision, Author, Now));

        ex.Errors.ShouldHaveSingleItem().Field.ShouldBe("StartDate");
        plan.Elements.Count.ShouldBe(2);
        plan.Revision.ShouldBe(revision);
        plan.WeeklyCost.ShouldBe(250m);
    }

    [Fact]
    public void SaveElement_WithTheSameId_ReplacesIt()
    {
        var plan = Complete();
        var first = plan.Elements[0];

        plan.SaveElement(Element(20m, 10m, id: first.Id), plan.Revision, Author, Now);

        plan.Elements.Count.ShouldBe(2);
        plan.WeeklyCost.ShouldBe(290m);
    }

    [Fact]
    public void Submit_ACompletePlan_WaitsForApproval()
    {
        var plan = Complete();

        plan.Submit(EligibleNeeds, 10, false, plan.Revision, Tom.Actor(), Now.AddHours(1));

        plan.Status.ShouldBe(PlanStatus.AwaitingApproval);
        plan.IsEditable.ShouldBeFalse();
        plan.SubmittedById.ShouldBe(Tom.Id);
        plan.SubmittedByName.ShouldBe("Tom Okafor");
        plan.SubmittedAt.ShouldBe(Now.AddHours(1));
    }

    [Fact]
    public void Submit_WithGaps_IsRefusedWithEveryGap()
    {
        var plan = Draft();

        var ex = Should.Throw<ValidationFailedException>(() => plan.Submit(EligibleNeeds, 10, false, plan.Revision, Author, Now));

        ex.Errors.Count.ShouldBe(9);
        plan.Status.ShouldBe(PlanStatus.Draft);
    }

    [Fact]
    public void Edits_WhileWaitingForApproval_AreRefused()
    {
        var plan = Submitted();

        var ex = Should.Throw<ConflictException>(() => plan.SetSection(PlanSection.AboutMe, "changed", PlanContributor.Person, plan.Revision, Author, Now));

        ex.ErrorCode.ShouldBe("plan-not-editable");
        ex.Message.ShouldBe("The plan is waiting for approval and cannot be changed");
        Should.Throw<ConflictException>(() => plan.SaveElement(Element(1m, 1m, description: "New"), plan.Revision, Author, Now));
        Should.Throw<ConflictException>(() => plan.RemoveElement(plan.Elements[0].Id, plan.Revision, Author, Now));
        Should.Throw<ConflictException>(() => plan.SetOutcomes(["x"], PlanContributor.Person, plan.Revision, Author, Now));
        Should.Throw<ConflictException>(() => plan.Submit(EligibleNeeds, 10, false, plan.Revision, Author, Now));
        plan.SectionText(PlanSection.AboutMe).ShouldBe("I live on my own");
    }

    [Fact]
    public void Edits_OnAnApprovedPlan_SayToRevise()
    {
        var plan = Approved();

        Should.Throw<ConflictException>(() => plan.SetNeed(SpecifiedOutcome.Nutrition, "x", PlanContributor.Person, plan.Revision, Author, Now))
            .Message.ShouldBe("Version 1 of the plan is approved and cannot be changed: revise it to make a new version");
    }

    [Fact]
    public void Edits_FromAStaleRevision_AreAConcurrencyConflict()
    {
        var plan = Complete();
        var stale = plan.Revision;
        plan.SetSection(PlanSection.AboutMe, "Tom's change", PlanContributor.Practitioner, plan.Revision, Tom.Actor(), Now);

        var ex = Should.Throw<ConcurrencyConflictException>(() => plan.SetSection(PlanSection.AboutMe, "Priya's change", PlanContributor.Person, stale, Author, Now));

        ex.ChangedBy.ShouldBe("Tom Okafor");
        plan.SectionText(PlanSection.AboutMe).ShouldBe("Tom's change");
    }

    [Fact]
    public void MarkApproved_OnlyFromWaitingForApproval()
    {
        var draft = Complete();
        Should.Throw<ConflictException>(() => draft.MarkApproved(Helen.Actor(), Now)).Message.ShouldBe("The plan is draft, not waiting for approval");

        var plan = Submitted();
        plan.MarkApproved(Helen.Actor(), Now.AddDays(1));
        plan.Status.ShouldBe(PlanStatus.Approved);
        plan.ApprovedAt.ShouldBe(Now.AddDays(1));
        Should.Throw<ConflictException>(() => plan.MarkApproved(Helen.Actor(), Now)).ErrorCode.ShouldBe("plan-status");
    }

    [Fact]
    public void ReturnToDraft_MakesADeclinedPlanEditableAgain()
    {
        var plan = Submitted();

        plan.ReturnToDraft(Helen.Actor(), Now);

        plan.Status.ShouldBe(PlanStatus.Draft);
        plan.IsEditable.ShouldBeTrue();
        Should.NotThrow(() => plan.SetSection(PlanSection.AboutMe, "Changed after the panel", PlanContributor.Person, plan.Revision, Author, Now));
        Should.Throw<ConflictException>(() => plan.ReturnToDraft(Helen.Actor(), Now));
    }

    [Fact]
    public void MarkSuperseded_OnlyAnApprovedPlan()
    {
        Should.Throw<ConflictException>(() => Submitted().MarkSuperseded(Helen.Actor(), Now)).Message.ShouldBe("The plan is waiting for approval, not approved");

        var plan = Approved();
        plan.MarkSuperseded(Helen.Actor(), Now);
        plan.Status.ShouldBe(PlanStatus.Superseded);
        Should.Throw<ConflictException>(() => plan.SetSection(PlanSection.AboutMe, "x", PlanContributor.Person, plan.Revision, Author, Now))
            .Message.ShouldBe("Version 1 of the plan is replaced by a newer version and cannot be changed: revise it to make a new version");
    }

    [Fact]
    public void NewVersion_NeedsAReason()
    {
        var plan = Approved();

        Should.Throw<ValidationFailedException>(() => plan.NewVersion(" ", null, Tom.Actor(), Now)).Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("Reason", "Enter why the plan is being revised"));
    }

    [Fact]
    public void NewVersion_OnlyOfTheApprovedPlan() =>
        Should.Throw<DomainException>(() => Complete().NewVersion("Review", null, Tom.Actor(), Now)).ErrorCode.ShouldBe("plan-not-approved");

    [Fact]
    public void NewVersion_CopiesEverything_AndLeavesTheApprovedPlanAsItWas()
    {
        var plan = Approved();

        var next = plan.NewVersion(" Review found the gym helps more than the day service ", null, Tom.Actor(), Now.AddMonths(2));

        next.Id.ShouldNotBe(plan.Id);
        next.Number.ShouldBe(2);
        next.PreviousVersionId.ShouldBe(plan.Id);
        next.RevisionReason.ShouldBe("Review found the gym helps more than the day service");
        next.Status.ShouldBe(PlanStatus.Draft);
        next.AuthorName.ShouldBe("Tom Okafor");
        next.PersonId.ShouldBe(plan.PersonId);
        next.EpisodeId.ShouldBe(plan.EpisodeId);
        next.IndicativeWeekly.ShouldBe(plan.IndicativeWeekly);
        next.AssessedContributionWeekly.ShouldBe(20m);
        foreach (var section in Enum.GetValues<PlanSection>())
        {
            next.SectionText(section).ShouldBe(plan.SectionText(section));
        }

        next.Outcomes.Select(o => (o.Id, o.Text)).ShouldBe(plan.Outcomes.Select(o => (o.Id, o.Text)));
        next.Needs.Select(n => (n.Need, n.HowMet)).ShouldBe(plan.Needs.Select(n => (n.Need, n.HowMet)));
        next.Elements.Select(e => (e.Description, e.WeeklyCost, e.Deployment)).ShouldBe(plan.Elements.Select(e => (e.Description, e.WeeklyCost, e.Deployment)));
        next.Risks.Select(r => r.Description).ShouldBe(plan.Risks.Select(r => r.Description));
        next.WeeklyCost.ShouldBe(plan.WeeklyCost);

        // The person agrees to the new version afresh, and changing it leaves the approved plan alone.
        next.Agreement.ShouldBeNull();
        next.RemoveElement(next.Elements[1].Id, next.Revision, Tom.Actor(), Now);
        plan.Elements.Count.ShouldBe(2);
        plan.Status.ShouldBe(PlanStatus.Approved);
    }

    [Fact]
    public void SetOutcomes_KeepsTheIdsOfOutcomesWhoseWordsDidNotChange()
    {
        var plan = Draft();
        plan.SetOutcomes(["Cook for myself", "Get out twice a week"], PlanContributor.Person, plan.Revision, Author, Now);
        var cook = plan.Outcomes[0].Id;
        var getOut = plan.Outcomes[1].Id;

        plan.SetOutcomes(["  ", "See my sister", " Cook for myself "], PlanContributor.Carer, plan.Revision, Author, Now);

        plan.Outcomes.Select(o => (o.Order, o.Text)).ShouldBe([(1, "See my sister"), (2, "Cook for myself")]);
        plan.Outcomes[1].Id.ShouldBe(cook);
        plan.Outcomes[0].Id.ShouldNotBe(getOut);
        plan.Outcomes.ShouldAllBe(o => o.WrittenBy == PlanContributor.Carer);
    }

    [Fact]
    public void SetOutcomes_WithTheSameWordsTwice_KeepsEachOutcomeDistinct()
    {
        var plan = Draft();
        plan.SetOutcomes(["Feel less alone", "Feel less alone"], PlanContributor.Person, plan.Revision, Author, Now);
        var ids = plan.Outcomes.Select(o => o.Id).ToList();

        plan.SetOutcomes(["Feel less alone", "Feel less alone", "Cook"], PlanContributor.Person, plan.Revision, Author, Now);

        ids.Distinct().Count().ShouldBe(2);
        plan.Outcomes.Select(o => o.Id).Take(2).ShouldBe(ids);
        plan.Outcomes.Select(o => o.Id).Distinct().Count().ShouldBe(3);
    }

    [Theory]
    [InlineData(0, "Enter at least one outcome the person wants, in their own words")]
    [InlineData(11, "Enter up to 10 outcomes")]
    public void SetOutcomes_NeedsOneToTen(int count, string message)
    {
        var plan = Draft();

        var ex = Should.Throw<ValidationFailedException>(() =>
            plan.SetOutcomes(Enumerable.Range(1, count).Select(i => (string?)$"Outcome {i}").Append(" ").ToList(), PlanContributor.Person, plan.Revision, Author, Now));

        ex.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("Outcomes", message));
    }

    [Fact]
    public void SetSection_WithoutWhoWroteIt_IsRefused()
    {
        var plan = Draft();

        var ex = Should.Throw<ValidationFailedException>(() => plan.SetSection(PlanSection.Contingency, "", null, plan.Revision, Author, Now));

        ex.Errors.ShouldBe([new FieldError("Text", "Enter contingency and crisis plan"), new FieldError("WrittenBy", "Select who wrote this part")]);
    }

    [Theory]
    [InlineData(PlanAgreement.Disagreed, "Enter why the person disagrees, in their own words")]
    [InlineData(PlanAgreement.AgreedWithReservations, "Enter the person's reservations, in their own words")]
    public void RecordAgreement_NotFullyAgreed_NeedsThePersonsWords(PlanAgreement agreement, string message)
    {
        var plan = Draft();

        var ex = Should.Throw<ValidationFailedException>(() =>
            plan.RecordAgreement(agreement, null, new PersonsPart(Participation.InPerson, null), [], plan.Revision, Author, Now));

        ex.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("AgreementInOwnWords", message));
        plan.Agreement.ShouldBeNull();
    }
}
