using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.TakingPart;

namespace PersonalBudgets.Core.Tests.TakingPart;

/// <summary>The questionnaire before a review (ADR 0033).</summary>
public sealed class ReviewQuestionnaireTests
{
    private static readonly Actor Person = new(Guid.NewGuid(), "Alex Smith", ActorKind.Person);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid One = Guid.NewGuid();
    private static readonly Guid Two = Guid.NewGuid();
    private static readonly (Guid, string)[] Outcomes = [(One, "Go swimming"), (Two, "Cook for myself")];
    private static readonly QuestionnaireProcessAnswers Process = new(HowWell.Partly, HowWell.Fully, HowWell.Mostly, HowWell.Fully, " It was slow ");

    private static QuestionnaireOutcomeAnswer[] Answers(HowWell first = HowWell.Mostly) =>
        [new(One, first, " Most weeks "), new(Two, HowWell.NotAtAll, null)];

    [Fact]
    public void Answer_KeepsEachOutcomeInThePlansOrder_AndThePersonsWords()
    {
        var q = ReviewQuestionnaire.Answer(Guid.NewGuid(), Guid.NewGuid(), null, Outcomes, Answers(), Process, Person, Now);

        q.Outcomes.Select(o => (o.PlanOutcomeId, o.HowItWent, o.InOwnWords)).ShouldBe([(One, HowWell.Mostly, "Most weeks"), (Two, HowWell.NotAtAll, (string?)null)]);
        q.EasyToGetBudget.ShouldBe(HowWell.Partly);
        q.AboutTheProcess.ShouldBe("It was slow");
        q.Revision.ShouldBe(1);
        q.AuthorKind.ShouldBe(ActorKind.Person);
        q.ReviewId.ShouldBeNull();
    }

    [Fact]
    public void Answer_WithGaps_NamesEveryMissingField()
    {
        var errors = Should.Throw<ValidationFailedException>(() => ReviewQuestionnaire.Answer(Guid.NewGuid(), Guid.NewGuid(), null, Outcomes,
            [new(One, HowWell.Fully, null), new(Guid.NewGuid(), HowWell.Fully, null)], new QuestionnaireProcessAnswers(null, HowWell.Fully, (HowWell)9, HowWell.Fully, null), Person, Now)).Errors;

        errors.Select(e => e.Field).ShouldBe(["Outcomes", "Outcomes[1].HowItWent", "EasyToGetBudget", "HelpedLiveLife"]);
    }

    [Fact]
    public void Change_WithTheRevision_UpdatesInPlace_AndAStaleRevisionIsAConflict()
    {
        var q = ReviewQuestionnaire.Answer(Guid.NewGuid(), Guid.NewGuid(), null, Outcomes, Answers(), Process, Person, Now);
        var kept = q.Outcomes[0];

        q.Change(Outcomes, Answers(HowWell.Fully), Process, 1, Person, Now.AddMinutes(5));

        q.Revision.ShouldBe(2);
        q.Outcomes[0].ShouldBeSameAs(kept);
        kept.HowItWent.ShouldBe(HowWell.Fully);
        Should.Throw<ConcurrencyConflictException>(() => q.Change(Outcomes, Answers(), Process, 1, Person, Now));
    }

    [Fact]
    public void BelongsTo_TheReviewThatStarts_AndNotToAnother()
    {
        var q = ReviewQuestionnaire.Answer(Guid.NewGuid(), Guid.NewGuid(), null, Outcomes, Answers(), Process, Person, Now);
        var review = Guid.NewGuid();

        q.BelongsTo(review);

        q.ReviewId.ShouldBe(review);
        Should.Throw<DomainException>(() => q.BelongsTo(Guid.NewGuid()));
    }
}
