using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.TakingPart;

namespace PersonalBudgets.Core.Tests.TakingPart;

/// <summary>The person's self-assessment (ADR 0031) and the assessment taking their words into a note.</summary>
public sealed class SelfAssessmentTests
{
    private static readonly Actor Person = new(Guid.NewGuid(), "Alex Smith", ActorKind.Person);
    private static readonly Actor Nurse = new(Guid.NewGuid(), "Priya Shah");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly PlanDraftOwner Owner = new(Nurse.UserId, Nurse.DisplayName, new DateOnly(2026, 3, 13));

    private static SelfAssessment Draft() => SelfAssessment.Write(Guid.NewGuid(),
        [new(SpecifiedOutcome.Nutrition, " Ready meals ", " Cooking when low "), new(SpecifiedOutcome.PersonalHygiene, "  ", null)], " My daughter ", null, Person, Now);

    [Fact]
    public void Write_KeepsOnlyTheOutcomesThePersonWroteAbout_Trimmed()
    {
        var s = Draft();
        s.Answers.Select(a => (a.Outcome, a.HowIManage, a.WhatIsHard)).ShouldBe([(SpecifiedOutcome.Nutrition, (string?)"Ready meals", (string?)"Cooking when low")]);
        s.WhatMatters.ShouldBe("My daughter");
        s.Status.ShouldBe(SelfAssessmentStatus.Draft);
        s.Revision.ShouldBe(1);
        s.AuthorKind.ShouldBe(ActorKind.Person);
    }

    [Fact]
    public void BadInput_NamesTheField()
    {
        var ex = Should.Throw<ValidationFailedException>(() => SelfAssessment.Write(Guid.NewGuid(),
            [new(SpecifiedOutcome.Nutrition, null, new string('x', SelfAssessment.WordsMaxLength + 1)), new((SpecifiedOutcome)99, "x", null)], null, null, Person, Now));
        ex.Errors.Select(e => e.Field).ShouldBe(["Answers[0].WhatIsHard", "Answers[1].Outcome"]);
    }

    [Fact]
    public void Send_GivesItAnOwnerAndDueDate_AndAfterThatItCannotChangeOrBeSentAgain()
    {
        var s = Draft();
        s.Send(Owner, 1, Person, Now);
        s.Status.ShouldBe(SelfAssessmentStatus.Sent);
        s.OwnerName.ShouldBe("Priya Shah");
        s.DueDate.ShouldBe(Owner.DueDate);
        Should.Throw<ConcurrencyConflictException>(() => s.Send(Owner, 2, Person, Now));
        Should.Throw<ConcurrencyConflictException>(() => s.Change([], "x", null, 2, Person, Now));
        s.MarkChecked(2, Nurse, Now);
        s.Status.ShouldBe(SelfAssessmentStatus.Checked);
        s.CheckedByName.ShouldBe("Priya Shah");
    }

    [Fact]
    public void Send_WithNothingWritten_IsRefused_AndAStaleChangeIsAConflict()
    {
        var empty = SelfAssessment.Write(Guid.NewGuid(), [], null, null, Person, Now);
        Should.Throw<ValidationFailedException>(() => empty.Send(Owner, 1, Person, Now)).Errors.Single().Field.ShouldBe("Answers");
        var s = Draft();
        s.Change([new(SpecifiedOutcome.Nutrition, "Ready meals", "Shopping")], null, null, 1, Person, Now);
        Should.Throw<ConcurrencyConflictException>(() => s.Change([], null, "again", 1, Person, Now));
    }

    [Fact]
    public void Assessment_TakesThePersonsWordsIntoTheNote_MarkedAsTheirs_LeavingTheFindingToThePractitioner()
    {
        var s = Draft();
        s.Send(Owner, 1, Person, Now);
        var a = Assessment.Start(s.PersonId, AssessmentKind.Adult, Nurse.UserId, new DateOnly(2026, 3, 20), Nurse, Now);
        var words = s.NoteFor(SpecifiedOutcome.Nutrition).ShouldNotBeNull();
        words.ShouldStartWith("In the person's words (Alex Smith, self-assessment sent 1 March 2026)");
        a.AddPersonsWords(SpecifiedOutcome.Nutrition, words, a.Revision, Nurse, Now);
        var finding = a.Outcomes.Single();
        finding.Note.ShouldBe(words);
        finding.WithoutDifficulty.ShouldBeNull();
        var revision = a.Revision;
        a.AddPersonsWords(SpecifiedOutcome.Nutrition, words, a.Revision, Nurse, Now);
        a.Revision.ShouldBe(revision);
        s.NoteFor(SpecifiedOutcome.ToiletNeeds).ShouldBeNull();
        Should.Throw<ConcurrencyConflictException>(() => a.AddPersonsWords(SpecifiedOutcome.ToiletNeeds, "x", revision - 1, Nurse, Now));
    }
}
