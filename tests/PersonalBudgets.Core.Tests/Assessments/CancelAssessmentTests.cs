using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>One open needs assessment per person, unless the first is cancelled with a reason.</summary>
public sealed class CancelAssessmentTests
{
    private static readonly Guid Stranger = Guid.NewGuid();

    private static Assessment Draft(AssessmentKind kind = AssessmentKind.Adult)
    {
        var a = Assessment.Start(Guid.NewGuid(), kind, Priya.Id, Today.AddDays(10), Priya.Actor(), Now);
        a.TakeDomainEvents();
        return a;
    }

    [Fact]
    public void Owner_CancelsWithAReason_KeptReadOnly_AndThePathwayIsTold()
    {
        var a = Draft();

        a.Cancel("  Started twice by mistake ", managesTeamWork: false, a.Revision, Priya.Actor(), Now);

        a.Status.ShouldBe(AssessmentStatus.Cancelled);
        a.CancellationReason.ShouldBe("Started twice by mistake");
        a.CancelledByName.ShouldBe(Priya.Name);
        a.CancelledAt.ShouldBe(Now);
        a.IsEditable.ShouldBeFalse();
        a.DomainEvents.ShouldHaveSingleItem().ShouldBe(new AssessmentCancelled(a.PersonId, a.Id, AssessmentKind.Adult, "Started twice by mistake"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void WithoutAReason_IsRefusedOnTheReasonField(string? reason)
    {
        var a = Draft();

        var ex = Should.Throw<ValidationFailedException>(() => a.Cancel(reason, false, a.Revision, Priya.Actor(), Now));

        ex.Errors.ShouldBe([new FieldError("Reason", "Enter why the assessment is being cancelled")]);
        a.Status.ShouldBe(AssessmentStatus.Draft);
    }

    [Fact]
    public void SomeoneElsesDraft_OnlyATeamManagerMayCancel()
    {
        var other = new Actor(Stranger, "Tom Okafor");
        var a = Draft();

        Should.Throw<DomainException>(() => a.Cancel("Duplicate", managesTeamWork: false, a.Revision, other, Now)).ErrorCode.ShouldBe("assessment-cancel-not-allowed");
        a.Cancel("Duplicate", managesTeamWork: true, a.Revision, other, Now);
        a.Status.ShouldBe(AssessmentStatus.Cancelled);
    }

    [Fact]
    public void ACompletedAssessment_CannotBeCancelled()
    {
        var a = AssessmentBuilder.Completed(Guid.NewGuid(), SpecifiedOutcome.Nutrition);

        Should.Throw<ConflictException>(() => a.Cancel("Wrong", true, a.Revision, Priya.Actor(), Now)).ErrorCode.ShouldBe("assessment-not-draft");
    }

    [Fact]
    public void ASecondNeedsAssessment_IsRefusedWhileOneIsOpen_NamingWhoStartedItAndWhen()
    {
        var open = new OpenAssessment(Guid.NewGuid(), Now, "Priya Shah");

        var ex = Should.Throw<ConflictException>(() => Assessment.EnsureNoneOpen(AssessmentKind.Adult, open));

        ex.ErrorCode.ShouldBe(Assessment.OneOpenCode);
        ex.Message.ShouldBe("This person already has a draft needs assessment, started on 10 March 2027 by Priya Shah. Finish it, or cancel it with a reason, before starting another");
        Assessment.EnsureNoneOpen(AssessmentKind.Adult, null);
        Assessment.EnsureNoneOpen(AssessmentKind.Carer, open); // one carer's assessment per carer: several may be open
    }

    [Fact]
    public void ACorrection_ClearsNoCancellationFromTheVersionItCopies()
    {
        var a = AssessmentBuilder.Completed(Guid.NewGuid(), SpecifiedOutcome.Nutrition);

        var correction = a.StartCorrection("Recorded wrongly", Priya.Actor(), Now);

        correction.CancellationReason.ShouldBeNull();
        correction.Status.ShouldBe(AssessmentStatus.Draft);
    }
}
