using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reviews;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Reviews;

public sealed class ReviewTests
{
    private static readonly Guid Cook = Guid.NewGuid();
    private static readonly Guid GetOut = Guid.NewGuid();
    private static readonly PersonsPart InPerson = new(Participation.InPerson, null);

    private static Review Open(ReviewReason? reason = ReviewReason.Scheduled, string? detail = null) =>
        Review.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), [(Cook, "Cook for myself"), (GetOut, "Get out twice a week")],
            reason, detail, Today.AddDays(7), Priya.Actor(), Now);

    private static Review ReadyToComplete(bool hasDirectPayment = true)
    {
        var r = Open();
        r.RecordOutcome(Cook, OutcomeAchieved.Fully, "I cook most days now", r.Revision, Priya.Actor(), Now);
        r.RecordOutcome(GetOut, OutcomeAchieved.Partly, null, r.Revision, Priya.Actor(), Now);
        r.RecordFindings(InPerson, [], "The personal assistant", "Nothing", hasDirectPayment ? true : null, hasDirectPayment, r.Revision, Priya.Actor(), Now);
        return r;
    }

    [Fact]
    public void Open_ScheduledReview_CopiesThePlansOutcomes()
    {
        var r = Open();

        r.Status.ShouldBe(ReviewStatus.InProgress);
        r.Reason.ShouldBe(ReviewReason.Scheduled);
        r.DueDate.ShouldBe(Today.AddDays(7));
        r.Outcomes.Select(o => (o.PlanOutcomeId, o.OutcomeText, o.Achieved)).ShouldBe([(Cook, "Cook for myself", (OutcomeAchieved?)null), (GetOut, "Get out twice a week", null)]);
    }

    [Theory]
    [InlineData(ReviewReason.RequestedByPerson)]
    [InlineData(ReviewReason.RequestedByCarer)]
    [InlineData(ReviewReason.RequestedByPractitioner)]
    public void Open_ARequestedReview_NeedsWhyItWasAskedFor(ReviewReason reason)
    {
        Should.Throw<ValidationFailedException>(() => Open(reason, "  ")).Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("RequestDetail", "Enter why the review was asked for"));
        Open(reason, " The day service closed ").RequestDetail.ShouldBe("The day service closed");
    }

    [Fact]
    public void Open_WithoutAReason_IsRefused() =>
        Should.Throw<ValidationFailedException>(() => Open(null)).Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("Reason", "Select who asked for the review"));

    [Fact]
    public void RecordOutcome_KeepsWhetherItWasAchievedAndThePersonsWords()
    {
        var r = Open();

        r.RecordOutcome(Cook, OutcomeAchieved.Partly, "  Some days  ", r.Revision, Priya.Actor(), Now);

        var outcome = r.Outcomes.Single(o => o.PlanOutcomeId == Cook);
        outcome.Achieved.ShouldBe(OutcomeAchieved.Partly);
        outcome.PersonComment.ShouldBe("Some days");
        outcome.OutcomeText.ShouldBe("Cook for myself");
        r.Revision.ShouldBe(2);
    }

    [Fact]
    public void RecordOutcome_WithoutAnAnswer_OrForAnUnknownOutcome_IsRefused()
    {
        var r = Open();

        Should.Throw<ValidationFailedException>(() => r.RecordOutcome(Cook, null, null, r.Revision, Priya.Actor(), Now)).Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("Achieved", "Select whether the outcome was achieved"));
        Should.Throw<NotFoundException>(() => r.RecordOutcome(Guid.NewGuid(), OutcomeAchieved.Fully, null, r.Revision, Priya.Actor(), Now));
    }

    [Fact]
    public void RecordFindings_WhenThePlanHasADirectPayment_NeedsTheDirectPaymentAnswer()
    {
        var r = Open();

        var ex = Should.Throw<ValidationFailedException>(() => r.RecordFindings(InPerson, [], "PA", "Nothing", null, planHasDirectPayment: true, r.Revision, Priya.Actor(), Now));

        ex.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("DirectPaymentReviewed", "Select whether the direct payment arrangements were reviewed"));
        r.WhatIsWorking.ShouldBeNull();
    }

    [Fact]
    public void RecordFindings_WithoutADirectPayment_StoresNoDirectPaymentAnswer()
    {
        var r = Open();

        r.RecordFindings(InPerson, [], " The day service ", " Transport ", true, planHasDirectPayment: false, r.Revision, Priya.Actor(), Now);

        r.DirectPaymentReviewed.ShouldBeNull();
        r.WhatIsWorking.ShouldBe("The day service");
        r.WhatIsNotWorking.ShouldBe("Transport");
        r.Participation.ShouldBe(Participation.InPerson);
    }

    [Fact]
    public void RecordFindings_ReportsThePersonsPartErrorsAndMissingText()
    {
        var r = Open();
        List<FieldError> partErrors = [new("Participation", "Select how the person took part")];

        var ex = Should.Throw<ValidationFailedException>(() => r.RecordFindings(null, partErrors, null, null, null, false, r.Revision, Priya.Actor(), Now));

        ex.Errors.Select(e => e.Field).ShouldBe(["Participation", "WhatIsWorking", "WhatIsNotWorking"]);
    }

    [Fact]
    public void Gaps_ListWhatIsMissing()
    {
        var r = Open();
        r.RecordOutcome(Cook, OutcomeAchieved.Fully, null, r.Revision, Priya.Actor(), Now);

        r.Gaps().ShouldBe([
            new FieldError("Participation", "How the person took part is not recorded yet"),
            new FieldError($"Outcomes.{GetOut}", "Whether this outcome was achieved is not recorded: Get out twice a week"),
            new FieldError("WhatIsWorking", "What is and is not working is not recorded yet"),
        ]);
        ReadyToComplete().Gaps().ShouldBeEmpty();
    }

    [Fact]
    public void Complete_ToContinue_NeedsNoNote()
    {
        var r = ReadyToComplete();

        r.Complete(ReviewDecision.Continue, null, r.Revision, Priya.Actor(), Now.AddHours(1));

        r.Status.ShouldBe(ReviewStatus.Completed);
        r.Decision.ShouldBe(ReviewDecision.Continue);
        r.CompletedAt.ShouldBe(Now.AddHours(1));
        r.CompletedByName.ShouldBe("Priya Shah");
    }

    [Theory]
    [InlineData(ReviewDecision.RevisePlan, "Enter what needs to change and why")]
    [InlineData(ReviewDecision.Reassess, "Enter what needs to change and why")]
    [InlineData(ReviewDecision.EndSupport, "Enter why support is ending")]
    public void Complete_AnyOtherDecision_NeedsANote(ReviewDecision decision, string message)
    {
        var r = ReadyToComplete();

        Should.Throw<ValidationFailedException>(() => r.Complete(decision, " ", r.Revision, Priya.Actor(), Now)).Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("DecisionNote", message));
        r.Status.ShouldBe(ReviewStatus.InProgress);
        r.Complete(decision, "Because", r.Revision, Priya.Actor(), Now);
        r.DecisionNote.ShouldBe("Because");
    }

    [Fact]
    public void Complete_WithGaps_ListsThemFirst()
    {
        var r = Open();

        var ex = Should.Throw<ValidationFailedException>(() => r.Complete(null, null, r.Revision, Priya.Actor(), Now));

        ex.Errors.Select(e => e.Field).ShouldBe(["Participation", $"Outcomes.{Cook}", $"Outcomes.{GetOut}", "WhatIsWorking", "Decision"]);
    }

    [Fact]
    public void ACompletedReview_IsReadOnly()
    {
        var r = ReadyToComplete();
        r.Complete(ReviewDecision.Continue, null, r.Revision, Priya.Actor(), Now);

        var ex = Should.Throw<ConflictException>(() => r.RecordOutcome(Cook, OutcomeAchieved.Not, null, r.Revision, Priya.Actor(), Now));

        ex.ErrorCode.ShouldBe("review-completed");
        ex.Message.ShouldBe("This review was completed on 10 March 2027 at 10:00am and cannot change");
        Should.Throw<ConflictException>(() => r.RecordFindings(InPerson, [], "a", "b", true, true, r.Revision, Priya.Actor(), Now));
        Should.Throw<ConflictException>(() => r.Complete(ReviewDecision.EndSupport, "x", r.Revision, Priya.Actor(), Now));
        r.Decision.ShouldBe(ReviewDecision.Continue);
    }

    [Fact]
    public void Changes_FromAStaleRevision_AreAConcurrencyConflict()
    {
        var r = Open();
        r.RecordOutcome(Cook, OutcomeAchieved.Fully, null, r.Revision, Tom.Actor(), Now);

        Should.Throw<ConcurrencyConflictException>(() => r.RecordOutcome(Cook, OutcomeAchieved.Not, null, 1, Priya.Actor(), Now)).ChangedBy.ShouldBe("Tom Okafor");
        r.Outcomes.Single(o => o.PlanOutcomeId == Cook).Achieved.ShouldBe(OutcomeAchieved.Fully);
    }
}
