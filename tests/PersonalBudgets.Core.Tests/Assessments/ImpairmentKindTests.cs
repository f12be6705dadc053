using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>The kind of impairment or illness the needs arise from (reg 2(1)(a)), not only yes or no.</summary>
public sealed class ImpairmentKindTests
{
    private static Assessment Draft() => Assessment.Start(Guid.NewGuid(), AssessmentKind.Adult, Priya.Id, Today.AddDays(10), Priya.Actor(), Now);

    [Fact]
    public void Yes_NeedsAKind()
    {
        var a = Draft();

        Should.Throw<ValidationFailedException>(() => a.UpdateNeedsOrigin(true, ImpairmentKinds.None, null, a.Revision, Priya.Actor(), Now))
            .Errors.Single().Field.ShouldBe("ImpairmentKinds");
    }

    [Fact]
    public void Other_NeedsDescribing()
    {
        var a = Draft();

        Should.Throw<ValidationFailedException>(() => a.UpdateNeedsOrigin(true, ImpairmentKinds.Other, "  ", a.Revision, Priya.Actor(), Now))
            .Errors.Single().Field.ShouldBe("ImpairmentOther");
    }

    [Fact]
    public void Kinds_AreKept_Described_AndGoIntoTheDecisionsReasons()
    {
        var a = AssessmentBuilder.Completed(Guid.NewGuid(), SpecifiedOutcome.Nutrition, SpecifiedOutcome.PersonalHygiene);
        var draft = a.StartCorrection("The diagnosis was recorded wrongly", Priya.Actor(), Now);

        draft.UpdateNeedsOrigin(true, ImpairmentKinds.MentalIllness | ImpairmentKinds.SubstanceMisuse | ImpairmentKinds.Other, " Acquired brain injury ", draft.Revision, Priya.Actor(), Now);

        draft.ImpairmentDescription.ShouldBe("mental illness; substance misuse; other: Acquired brain injury");
        AdultEligibility.Determine(draft.ToEligibilityFacts(true, "Reason")).Reasons[0].Explanation
            .ShouldBe("The needs arise from or relate to a physical or mental impairment or illness (mental illness; substance misuse; other: Acquired brain injury).");
    }

    [Fact]
    public void No_ClearsTheKinds()
    {
        var a = Draft();
        a.UpdateNeedsOrigin(true, ImpairmentKinds.Autism, null, a.Revision, Priya.Actor(), Now);

        a.UpdateNeedsOrigin(false, ImpairmentKinds.Autism, null, a.Revision, Priya.Actor(), Now);

        a.ImpairmentKinds.ShouldBe(ImpairmentKinds.None);
        a.ImpairmentDescription.ShouldBeNull();
    }

    [Fact]
    public void Missing_DoesNotAskForAKindOnceOneIsRecordedOrTheNeedsDoNotArise()
    {
        var a = Draft();
        a.UpdateNeedsOrigin(false, ImpairmentKinds.None, null, a.Revision, Priya.Actor(), Now);
        a.Missing().ShouldNotContain(m => m.Message == "Record the kind of impairment or illness the needs arise from");

        a.UpdateNeedsOrigin(true, ImpairmentKinds.DementiaOrMemory, null, a.Revision, Priya.Actor(), Now);
        a.Missing().ShouldNotContain(m => m.Message == "Record the kind of impairment or illness the needs arise from");
    }
}
