using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Pathways;

public sealed class PathwayEpisodeTests
{
    private static PathwayEpisode Open(PathwayStage first = PathwayStage.Referral) =>
        PathwayEpisode.Open(Guid.NewGuid(), Today.AddDays(-2), "  Referred by the GP  ", Priya.Actor(), Now, first);

    [Theory]
    [InlineData(PathwayStage.Referral)]
    [InlineData(PathwayStage.NeedsAssessment)]
    public void Open_AtReferralOrNeedsAssessment_StartsThere(PathwayStage first)
    {
        var episode = Open(first);

        episode.Stage.ShouldBe(first);
        episode.IsOpen.ShouldBeTrue();
        episode.ReferralDate.ShouldBe(Today.AddDays(-2));
        episode.ReferralNote.ShouldBe("Referred by the GP");
        episode.OpenedByName.ShouldBe("Priya Shah");
        episode.Revision.ShouldBe(1);
    }

    [Theory]
    [InlineData(PathwayStage.Eligibility)]
    [InlineData(PathwayStage.SupportPlanning)]
    [InlineData(PathwayStage.Review)]
    [InlineData(PathwayStage.Ended)]
    public void Open_AtAnyOtherStage_IsRefused(PathwayStage first)
    {
        var ex = Should.Throw<DomainException>(() => Open(first));

        ex.ErrorCode.ShouldBe("pathway-first-stage");
        ex.Message.ShouldBe("A pathway starts at referral, at needs assessment, or for a carer at the indicative budget");
    }

    [Fact]
    public void Open_WithATooLongNote_IsRefused()
    {
        var ex = Should.Throw<ValidationFailedException>(() => PathwayEpisode.Open(Guid.NewGuid(), Today, new string('x', 2001), Priya.Actor(), Now));

        ex.Errors.ShouldHaveSingleItem().Field.ShouldBe("ReferralNote");
    }

    [Fact]
    public void MoveTo_ALegalStage_MovesAndCountsTheRevision()
    {
        var episode = Open();

        episode.MoveTo(PathwayStage.NeedsAssessment, Tom.Actor(), Now.AddHours(1));

        episode.Stage.ShouldBe(PathwayStage.NeedsAssessment);
        episode.Revision.ShouldBe(2);
        episode.UpdatedByName.ShouldBe("Tom Okafor");
        episode.UpdatedAt.ShouldBe(Now.AddHours(1));
    }

    [Fact]
    public void MoveTo_AnIllegalStage_IsRefusedAndChangesNothing()
    {
        var episode = Open();

        var ex = Should.Throw<DomainException>(() => episode.MoveTo(PathwayStage.Approval, Tom.Actor(), Now));

        ex.ErrorCode.ShouldBe("pathway-transition-not-allowed");
        ex.Message.ShouldBe("A person at referral cannot move to approval. Next can be: needs assessment, ended");
        episode.Stage.ShouldBe(PathwayStage.Referral);
        episode.Revision.ShouldBe(1);
    }

    [Fact]
    public void End_WithoutAReason_IsRefused()
    {
        var episode = Open();

        var ex = Should.Throw<ValidationFailedException>(() => episode.End(null, null, Priya.Actor(), Now));

        ex.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("EndReason", "Select why the pathway is ending"));
        episode.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void End_ForAnOtherReason_NeedsANote()
    {
        var episode = Open();

        var ex = Should.Throw<ValidationFailedException>(() => episode.End(PathwayEndReason.Other, "   ", Priya.Actor(), Now));

        ex.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("EndNote", "Explain why the pathway is ending"));
        episode.IsOpen.ShouldBeTrue();
    }

    [Theory]
    [InlineData(PathwayEndReason.DeclinedSupport, null)]
    [InlineData(PathwayEndReason.Other, "Moved in with family abroad")]
    public void End_WithAReason_EndsTheEpisode(PathwayEndReason reason, string? note)
    {
        var episode = Open();

        episode.End(reason, note, Priya.Actor(), Now.AddDays(1));

        episode.Stage.ShouldBe(PathwayStage.Ended);
        episode.IsOpen.ShouldBeFalse();
        episode.EndedAt.ShouldBe(Now.AddDays(1));
        episode.EndReason.ShouldBe(reason);
        episode.EndNote.ShouldBe(note);
    }

    [Fact]
    public void End_Twice_IsRefused()
    {
        var episode = Open();
        episode.End(PathwayEndReason.MovedAway, null, Priya.Actor(), Now);

        Should.Throw<DomainException>(() => episode.End(PathwayEndReason.MovedAway, null, Priya.Actor(), Now))
            .ErrorCode.ShouldBe("pathway-transition-not-allowed");
        Should.Throw<DomainException>(() => episode.MoveTo(PathwayStage.NeedsAssessment, Priya.Actor(), Now))
            .Message.ShouldBe("The pathway has ended: it cannot move to needs assessment. Start a new referral instead");
    }

    [Fact]
    public void End_WithATooLongNote_IsRefused()
    {
        var episode = Open();

        Should.Throw<ValidationFailedException>(() => episode.End(PathwayEndReason.Other, new string('x', 2001), Priya.Actor(), Now))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("EndNote");
    }
}
