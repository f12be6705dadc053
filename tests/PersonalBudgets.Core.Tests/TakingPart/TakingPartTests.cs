using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.TakingPart;

namespace PersonalBudgets.Core.Tests.TakingPart;

/// <summary>The rules of what the person writes and asks for in their own area (ADR 0031).</summary>
public sealed class TakingPartTests
{
    private static readonly Actor Person = new(Guid.NewGuid(), "Sam Jones", ActorKind.Person);
    private static readonly Actor Nurse = new(Guid.NewGuid(), "Priya Shah");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly PlanDraftOwner Owner = new(Nurse.UserId, Nurse.DisplayName, new DateOnly(2026, 3, 16));

    private static PlanDraft Draft(PlanDraftKind kind = PlanDraftKind.WhatMatters, string text = " Seeing my grandchildren ") =>
        PlanDraft.Write(Guid.NewGuid(), Guid.NewGuid(), kind, text, Owner, Person, Now);

    [Fact]
    public void Write_KeepsWhoWroteIt_TheOwnerAndDueDate_AndTrimsTheWords()
    {
        var draft = Draft();

        draft.Text.ShouldBe("Seeing my grandchildren");
        draft.AuthorKind.ShouldBe(ActorKind.Person);
        draft.AuthorName.ShouldBe("Sam Jones");
        draft.OwnerName.ShouldBe("Priya Shah");
        draft.DueDate.ShouldBe(new DateOnly(2026, 3, 16));
        draft.Status.ShouldBe(PlanDraftStatus.Waiting);
    }

    [Fact]
    public void Write_WithoutWordsOrKind_NamesTheFields()
    {
        Should.Throw<ValidationFailedException>(() => PlanDraft.Write(Guid.NewGuid(), Guid.NewGuid(), null, " ", Owner, Person, Now))
            .Errors.Select(e => e.Field).ShouldBe(["Kind"]);
        Should.Throw<ValidationFailedException>(() => Draft(PlanDraftKind.Outcome, " "))
            .Errors.Single().ShouldBe(new Core.People.FieldError("Text", "Write the outcome you want"));
        Should.Throw<ValidationFailedException>(() => Draft(PlanDraftKind.Outcome, new string('a', PlanOutcome.TextMaxLength + 1)))
            .Errors.Single().Field.ShouldBe("Text");
    }

    [Fact]
    public void AnAnsweredDraft_OrAStaleRevision_CannotChange()
    {
        var draft = Draft();
        Should.Throw<ConcurrencyConflictException>(() => draft.Rewrite("New words", draft.Revision + 1, Person, Now));

        draft.Accept(draft.Revision, Nurse, Now.AddHours(1));

        draft.Status.ShouldBe(PlanDraftStatus.Accepted);
        draft.AnsweredByName.ShouldBe("Priya Shah");
        Should.Throw<ConcurrencyConflictException>(() => draft.Rewrite("New words", draft.Revision, Person, Now)).ChangedBy.ShouldBe("Priya Shah");
        Should.Throw<ConcurrencyConflictException>(() => draft.Discuss("Let us talk", draft.Revision, Nurse, Now));
    }

    [Fact]
    public void Discuss_NeedsAReply()
    {
        var draft = Draft();
        Should.Throw<ValidationFailedException>(() => draft.Discuss(" ", draft.Revision, Nurse, Now)).Errors.Single().Field.ShouldBe("Reply");

        draft.Discuss("Let us talk on Monday", draft.Revision, Nurse, Now);

        draft.Status.ShouldBe(PlanDraftStatus.Discussed);
        draft.Reply.ShouldBe("Let us talk on Monday");
    }

    [Fact]
    public void OnlyWholeSections_AreOnePerPlan()
    {
        PlanDraft.IsOnePerPlan(PlanDraftKind.AboutMe).ShouldBeTrue();
        PlanDraft.IsOnePerPlan(PlanDraftKind.WhatMatters).ShouldBeTrue();
        PlanDraft.IsOnePerPlan(PlanDraftKind.Outcome).ShouldBeFalse();
        PlanDraft.IsOnePerPlan(PlanDraftKind.Idea).ShouldBeFalse();
        PlanDraft.SectionOf(PlanDraftKind.AboutMe).ShouldBe(PlanSection.AboutMe);
    }

    [Fact]
    public void ThePlan_KeepsTheNameOfWhoWroteAPart_AndWhoRecordedTheAgreement()
    {
        var plan = SupportPlan.Start(Guid.NewGuid(), null, null, 100m, Nurse, Now);

        plan.TakePersonsSection(PlanSection.WhatMatters, "Seeing my grandchildren", "Sam Jones", plan.Revision, Nurse, Now);
        plan.AddPersonsOutcome("Swim on Saturdays", "Sam Jones", plan.Revision, Nurse, Now);
        plan.RecordAgreement(PlanAgreement.Agreed, "My plan", new PersonsPart(Participation.InWriting, null), [], plan.Revision, Person, Now);

        plan.Sections.Single().WrittenBy.ShouldBe(PlanContributor.Person);
        plan.Sections.Single().WrittenByName.ShouldBe("Sam Jones");
        plan.Outcomes.Single().WrittenByName.ShouldBe("Sam Jones");
        plan.AgreementByKind.ShouldBe(ActorKind.Person);
        plan.AgreementByName.ShouldBe("Sam Jones");
        Should.Throw<ConcurrencyConflictException>(() => plan.AddPersonsOutcome("Cook", "Sam Jones", plan.Revision - 1, Nurse, Now));
    }

    [Fact]
    public void ARequest_NeedsAReason_AndAChallengeNeedsItsDecision()
    {
        var owner = new PlanDraftOwner(Nurse.UserId, Nurse.DisplayName, PersonRequest.DueFrom(new DateOnly(2026, 3, 2)));
        Should.Throw<ValidationFailedException>(() => PersonRequest.Make(Guid.NewGuid(), PersonRequestKind.Review, null, " ", null, owner, Person, Now))
            .Errors.Single().ShouldBe(new Core.People.FieldError("Reason", "Write why you want a review"));
        Should.Throw<ValidationFailedException>(() => PersonRequest.Make(Guid.NewGuid(), PersonRequestKind.Challenge, null, "Too low", null, owner, Person, Now))
            .Errors.Single().Field.ShouldBe("Decision");

        var review = PersonRequest.Make(Guid.NewGuid(), PersonRequestKind.Review, ChallengedDecision.Eligibility, "Things changed", PathwayStage.BudgetInPlace, owner, Person, Now);

        review.Decision.ShouldBeNull(); // only a challenge names a decision
        review.DueDate.ShouldBe(new DateOnly(2026, 3, 16)); // 10 working days from Monday 2 March
        review.IsOverdue(new DateOnly(2026, 3, 17)).ShouldBeTrue();
        Should.Throw<ValidationFailedException>(() => review.AnswerWith("", review.Revision, Nurse, Now)).Errors.Single().Field.ShouldBe("Answer");
        review.AnswerWith("I will visit on Thursday", review.Revision, Nurse, Now);
        review.IsOpen.ShouldBeFalse();
        review.IsOverdue(new DateOnly(2026, 3, 17)).ShouldBeFalse();
        Should.Throw<ConcurrencyConflictException>(() => review.AnswerWith("Again", review.Revision, Nurse, Now));
    }
}
