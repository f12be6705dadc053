using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Pathways;

public sealed class PathwayStepTests
{
    private static readonly PathwayEpisode Episode = PathwayEpisode.Open(Guid.NewGuid(), Today, null, Priya.Actor(), Now);

    private static PathwayStep Step(StaffRef? owner = null, PathwayStage stage = PathwayStage.SupportPlanning, DateOnly? due = null) =>
        PathwayStep.Open(Episode, stage, owner, due ?? Today.AddDays(28), null, Priya.Actor(), Now);

    [Fact]
    public void Open_TakesTheOwnerAndTheDueDate()
    {
        var step = Step(Tom);

        step.OwnerId.ShouldBe(Tom.Id);
        step.OwnerName.ShouldBe("Tom Okafor");
        step.OwnerProfession.ShouldBe(Staff.Profession.SocialWorker);
        step.DueDate.ShouldBe(Today.AddDays(28));
        step.PersonId.ShouldBe(Episode.PersonId);
        step.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Open_AtEnded_IsRefused() =>
        Should.Throw<DomainException>(() => Step(stage: PathwayStage.Ended)).ErrorCode.ShouldBe("pathway-step-ended");

    [Fact]
    public void Complete_WithoutThePersonsPart_IsRefused()
    {
        var step = Step(Tom);

        var ex = Should.Throw<DomainException>(() => step.Complete(null, null, Tom.Actor(), Now));

        ex.ErrorCode.ShouldBe("pathway-step-needs-persons-part");
        ex.Message.ShouldBe("Record how the person took part before completing support planning");
        ex.Field.ShouldBe("Participation");
        step.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Complete_UsesThePartRecordedEarlier()
    {
        var step = Step(Tom, PathwayStage.Referral);
        step.RecordPersonsPart(new PersonsPart(Participation.PhoneOrVideo, null), Tom.Actor(), Now);

        step.Complete(null, "  Assessment booked  ", Tom.Actor(), Now.AddDays(2));

        step.IsOpen.ShouldBeFalse();
        step.Participation.ShouldBe(Participation.PhoneOrVideo);
        step.CompletedAt.ShouldBe(Now.AddDays(2));
        step.CompletedByName.ShouldBe("Tom Okafor");
        step.Note.ShouldBe("Assessment booked");
    }

    [Fact]
    public void Complete_WithAPartGivenNow_ReplacesTheOneRecordedEarlier()
    {
        var step = Step(Tom);
        step.RecordPersonsPart(new PersonsPart(Participation.PhoneOrVideo, null), Tom.Actor(), Now);

        step.Complete(new PersonsPart(Participation.InPerson, null), null, Tom.Actor(), Now);

        step.Participation.ShouldBe(Participation.InPerson);
    }

    [Fact]
    public void Complete_WhenThePersonLackedCapacity_KeepsTheBestInterestsDecision()
    {
        var errors = new List<FieldError>();
        var part = PersonsPart.From(Participation.LackedCapacity, "  Best interests meeting with her brother and GP  ", errors);
        var step = Step(Tom);

        step.Complete(part, null, Tom.Actor(), Now);

        errors.ShouldBeEmpty();
        step.Participation.ShouldBe(Participation.LackedCapacity);
        step.BestInterestsConsulted.ShouldBe("Best interests meeting with her brother and GP");
    }

    [Fact]
    public void PersonsPart_LackingCapacity_NeedsTheBestInterestsDecision()
    {
        var errors = new List<FieldError>();

        PersonsPart.From(Participation.LackedCapacity, " ", errors).ShouldBeNull();

        errors.ShouldHaveSingleItem().ShouldBe(new FieldError("BestInterestsConsulted", "Enter the best-interests decision and who was consulted"));
    }

    [Fact]
    public void PersonsPart_WithoutAnAnswer_SaysSelectHowThePersonTookPart()
    {
        var errors = new List<FieldError>();

        PersonsPart.From(null, null, errors).ShouldBeNull();
        PersonsPart.From((Participation)99, null, errors).ShouldBeNull();

        errors.Count.ShouldBe(2);
        errors.ShouldAllBe(e => e.Field == "Participation" && e.Message == "Select how the person took part");
    }

    [Fact]
    public void PersonsPart_WithCapacity_DropsABestInterestsNote()
    {
        var errors = new List<FieldError>();

        PersonsPart.From(Participation.InPerson, "not needed", errors).ShouldBe(new PersonsPart(Participation.InPerson, null));
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void PersonsPart_WithATooLongBestInterestsDecision_IsRefused()
    {
        var errors = new List<FieldError>();

        PersonsPart.From(Participation.LackedCapacity, new string('x', 1001), errors).ShouldBeNull();

        errors.ShouldHaveSingleItem().Field.ShouldBe("BestInterestsConsulted");
    }

    [Fact]
    public void AssignOwner_TheFirstOwner_NeedsNoReason()
    {
        var step = Step();

        var change = step.AssignOwner(Priya, null, step.Revision, Helen.Actor(), Now);

        step.OwnerId.ShouldBe(Priya.Id);
        step.OwnerName.ShouldBe("Priya Shah");
        step.Revision.ShouldBe(2);
        change.FromOwnerId.ShouldBeNull();
        change.ToOwnerId.ShouldBe(Priya.Id);
        change.ChangedByName.ShouldBe("Helen Marsh");
        change.Reason.ShouldBeNull();
    }

    [Fact]
    public void AssignOwner_ChangingTheOwner_NeedsAReason()
    {
        var step = Step(Tom);

        var ex = Should.Throw<ValidationFailedException>(() => step.AssignOwner(Priya, "  ", step.Revision, Helen.Actor(), Now));

        ex.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("Reason", "Enter why the work is being reallocated"));
        step.OwnerId.ShouldBe(Tom.Id);
        step.Revision.ShouldBe(1);
    }

    [Fact]
    public void AssignOwner_WithAReason_RecordsWhoOwnedItBefore()
    {
        var step = Step(Tom);

        var change = step.AssignOwner(Priya, " Tom is on leave ", step.Revision, Helen.Actor(), Now);

        step.OwnerId.ShouldBe(Priya.Id);
        step.OwnerProfession.ShouldBe(Staff.Profession.Nurse);
        change.FromOwnerId.ShouldBe(Tom.Id);
        change.FromOwnerName.ShouldBe("Tom Okafor");
        change.ToOwnerName.ShouldBe("Priya Shah");
        change.StepId.ShouldBe(step.Id);
        change.Reason.ShouldBe("Tom is on leave");
    }

    [Fact]
    public void AssignOwner_TheSameOwner_IsRefused()
    {
        var step = Step(Tom);

        var ex = Should.Throw<DomainException>(() => step.AssignOwner(Tom, "again", step.Revision, Helen.Actor(), Now));

        ex.ErrorCode.ShouldBe("pathway-step-same-owner");
        ex.Message.ShouldBe("Tom Okafor already owns this step");
        ex.Field.ShouldBe("OwnerId");
    }

    [Fact]
    public void AssignOwner_FromAStaleRevision_IsAConcurrencyConflict()
    {
        var step = Step(Tom);
        step.AssignOwner(Priya, "Tom is on leave", step.Revision, Helen.Actor(), Now);

        var ex = Should.Throw<ConcurrencyConflictException>(() => step.AssignOwner(Helen, "I will do it", 1, Helen.Actor(), Now));

        ex.ChangedBy.ShouldBe("Helen Marsh");
        step.OwnerId.ShouldBe(Priya.Id);
    }

    [Fact]
    public void AssignOwner_WithATooLongReason_IsRefused()
    {
        var step = Step(Tom);

        Should.Throw<ValidationFailedException>(() => step.AssignOwner(Priya, new string('x', 1001), null, Helen.Actor(), Now))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("Reason");
    }

    [Fact]
    public void ACompletedStep_CannotChange()
    {
        var step = Step(Tom);
        step.Complete(new PersonsPart(Participation.InPerson, null), null, Tom.Actor(), Now);
        var part = new PersonsPart(Participation.InPerson, null);

        Should.Throw<ConflictException>(() => step.AssignOwner(Priya, "late", null, Helen.Actor(), Now)).ErrorCode.ShouldBe("pathway-step-completed");
        Should.Throw<ConflictException>(() => step.Complete(part, null, Tom.Actor(), Now)).Message.ShouldStartWith("Support planning was completed on 10 March 2027");
        Should.Throw<ConflictException>(() => step.RecordPersonsPart(part, Tom.Actor(), Now));
        Should.Throw<ConflictException>(() => step.Close("ended", Tom.Actor(), Now));
        step.OwnerId.ShouldBe(Tom.Id);
    }

    [Fact]
    public void IsOverdue_OnlyAfterTheDueDate_AndOnlyWhileOpen()
    {
        var step = Step(Tom, due: Today);

        step.IsOverdue(Today).ShouldBeFalse();
        step.IsOverdue(Today.AddDays(1)).ShouldBeTrue();
        step.Complete(new PersonsPart(Participation.InPerson, null), null, Tom.Actor(), Now);
        step.IsOverdue(Today.AddDays(1)).ShouldBeFalse();
    }
}
