using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using Shouldly;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>The carer's own route (ADR 21): eligibility on the carer's record, their eligible needs, their pathway and RAS.</summary>
public sealed class CarerRouteTests
{
    private static readonly Actor Practitioner = new(Guid.NewGuid(), "Sam Practitioner");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static Assessment CompletedCarersAssessment(bool healthAtRisk, params CarerOutcome[] unable)
    {
        var a = Assessment.Start(Guid.NewGuid(), AssessmentKind.Carer, Practitioner.UserId, UkTime.DateOf(Now).AddDays(10), Practitioner, Now);
        a.UpdateAbout(AssessmentType.FaceToFace, Practitioner.UserId, a.DueDate, a.Revision, Practitioner, Now);
        a.UpdateParticipation("The carer", Participation.InPerson, null, a.Revision, Practitioner, Now);
        a.UpdateWhatMatters("A night's sleep", "Time for myself", a.Revision, Practitioner, Now);
        a.UpdateCarerNeeds("Jo Carer", "Mother", true, healthAtRisk, a.Revision, Practitioner, Now);
        foreach (var o in Enum.GetValues<CarerOutcome>())
        {
            a.SetCarerOutcome(o, unable.Contains(o) ? [CarerHowManaged.SignificantPainDistressOrAnxiety] : [CarerHowManaged.WithoutDifficulty], null, a.Revision, Practitioner, Now);
        }

        a.UpdateFluctuation(false, null, null, a.Revision, Practitioner, Now);
        a.SetWellbeing(Enum.GetValues<WellbeingArea>().ToDictionary(w => w, _ => (WellbeingImpact.Significant, (string?)null)), a.Revision, Practitioner, Now);
        a.UpdateAdvocacy(false, null, a.Revision, Practitioner, Now);
        a.Complete(a.Revision, Practitioner, Now);
        return a;
    }

    [Fact]
    public void ForACarersRecord_OnlyCarersDecisionsCount_AndTheLatestDecides()
    {
        var first = new EligibilityDecisionRef(Guid.NewGuid(), AssessmentKind.Carer, true, Now);
        var corrected = new EligibilityDecisionRef(Guid.NewGuid(), AssessmentKind.Carer, false, Now.AddDays(1));
        var adult = new EligibilityDecisionRef(Guid.NewGuid(), AssessmentKind.Adult, true, Now.AddDays(2));

        CurrentEligibility.From([first, adult], forCarer: true).ShouldBe(new CurrentEligibility(true, first.AssessmentId, first.ConfirmedAt));
        CurrentEligibility.From([first, corrected, adult], forCarer: true).Eligible.ShouldBeFalse();
        // And for the cared-for person the carer's decisions still never count.
        CurrentEligibility.From([first]).IsDecided.ShouldBeFalse();
    }

    [Fact]
    public void ACarersEligibleNeeds_AreTheirHealthAtRisk_ThenTheCarerOutcomesTheyCannotAchieve_InTheRegulationsOrder()
    {
        var a = CompletedCarersAssessment(true, CarerOutcome.Recreation, CarerOutcome.Nutrition);
        var eligibility = new CurrentEligibility(true, a.Id, Now);

        var needs = eligibility.Needs(a);

        needs.ShouldBe([EligibleNeed.CarerHealth, EligibleNeed.Of(CarerOutcome.Nutrition), EligibleNeed.Of(CarerOutcome.Recreation)]);
        needs[2].Code.ShouldBe("CarerRecreation");
        needs[2].Label().ShouldBe("Engaging in recreational activities");
        EligibleNeed.Parse("CarerRecreation").ShouldBe(needs[2]);
        EligibleNeed.Parse("Nutrition").ShouldBe(EligibleNeed.Of(SpecifiedOutcome.Nutrition));
        EligibleNeed.Parse("CarerNothing").ShouldBeNull();
        EligibleNeed.Parse("3").ShouldBeNull();
    }

    [Fact]
    public void StartingTheCarersPathway_OnAnEligibleCompletedCarersAssessment_OpensItAtTheIndicativeBudget()
    {
        var a = CompletedCarersAssessment(false, CarerOutcome.Recreation);
        a.TakeDomainEvents();
        var carerId = Guid.NewGuid();

        a.StartCarerPathway(carerId, eligible: true, Practitioner.UserId, Practitioner, Now);

        a.CarerPersonId.ShouldBe(carerId);
        var started = a.TakeDomainEvents().OfType<CarerPathwayStarted>().ShouldHaveSingleItem();
        started.PersonId.ShouldBe(carerId);
        var decision = PathwayPolicy.Decide(null, started);
        decision.Effect.ShouldBe(PathwayEffect.Open);
        decision.To.ShouldBe(PathwayStage.IndicativeBudget);
        Should.Throw<DomainException>(() => PathwayPolicy.Decide(PathwayStage.SupportPlanning, started)).ErrorCode.ShouldBe("pathway-move-refused");
    }

    [Fact]
    public void TheCarersPathway_StartsOnce_AndOnlyForAnEligibleCarer()
    {
        var a = CompletedCarersAssessment(false, CarerOutcome.Recreation);
        Should.Throw<DomainException>(() => a.StartCarerPathway(Guid.NewGuid(), eligible: false, Practitioner.UserId, Practitioner, Now)).ErrorCode.ShouldBe("carer-not-eligible");

        a.StartCarerPathway(Guid.NewGuid(), eligible: true, Practitioner.UserId, Practitioner, Now);
        Should.Throw<ConflictException>(() => a.StartCarerPathway(Guid.NewGuid(), eligible: true, Practitioner.UserId, Practitioner, Now));
    }

    [Fact]
    public void TheCarersRas_IsValid_AndPricedOnItsOwn()
    {
        DefaultCarersRas.Definition.Problems().ShouldBeEmpty();
        var draft = RasVersion.CreateDraft(1, DefaultCarersRas.Name, DefaultCarersRas.Definition, isExample: true, Practitioner, Now, RasKind.Carer);
        var adults = RasVersion.CreateDraft(1, DefaultRas.Name, DefaultRas.Definition, isExample: true, Practitioner, Now);
        adults.Publish(Practitioner, Now, null);

        // Publishing a carers' version never retires the adults' one.
        Should.Throw<ArgumentException>(() => draft.Publish(Practitioner, Now, adults));
        draft.Publish(Practitioner, Now, null);
        draft.Kind.ShouldBe(RasKind.Carer);
        adults.Status.ShouldBe(RasVersionStatus.Published);
    }
}
