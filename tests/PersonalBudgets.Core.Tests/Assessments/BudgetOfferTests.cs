using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>The record of a personal budget offer: offered with a response, or not offered with a reason and detail.</summary>
public sealed class BudgetOfferTests
{
    private static readonly Actor Recorder = new(Guid.NewGuid(), "Priya Shah");
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid PersonId = Guid.NewGuid();
    private static readonly Guid AssessmentId = Guid.NewGuid();
    private static readonly Guid TeamId = Guid.NewGuid();

    private static BudgetOffer Record(bool? offered, OfferResponse? response, NotOfferedReason? reason, string? detail) =>
        BudgetOffer.Record(PersonId, OfferStage.Eligibility, AssessmentId, null, offered, response, reason, detail, Recorder, Profession.OccupationalTherapist, TeamId, Now);

    public static TheoryData<bool?, OfferResponse?, NotOfferedReason?, string?, string[]> Invalid => new()
    {
        { null, null, null, null, ["Offered"] },
        { null, OfferResponse.Declined, null, "Detail", ["Offered"] },
        { true, null, null, null, ["Response"] },
        { true, null, NotOfferedReason.Other, "Detail", ["Response"] },
        { false, null, null, null, ["NotOfferedReason", "Detail"] },
        { false, null, NotOfferedReason.TooUnwellNow, null, ["Detail"] },
        { false, null, NotOfferedReason.TooUnwellNow, "   ", ["Detail"] },
        { false, OfferResponse.Declined, null, "Detail", ["NotOfferedReason"] },
        { false, null, NotOfferedReason.Other, new string('x', BudgetOffer.DetailMaxLength + 1), ["Detail"] },
        { true, OfferResponse.Declined, null, new string('x', BudgetOffer.DetailMaxLength + 1), ["Detail"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Record_Invalid_NamesEachFieldInError(bool? offered, OfferResponse? response, NotOfferedReason? reason, string? detail, string[] fields)
    {
        var ex = Should.Throw<ValidationFailedException>(() => Record(offered, response, reason, detail));

        ex.Errors.Select(e => e.Field).ShouldBe(fields);
    }

    public static TheoryData<bool, OfferResponse?, NotOfferedReason?, string?, OfferResponse?, NotOfferedReason?, string?> Valid => new()
    {
        // offered, response, reason, detail → stored response, stored reason, stored detail
        { true, OfferResponse.InterestedInDirectPayment, null, null, OfferResponse.InterestedInDirectPayment, null, null },
        { true, OfferResponse.PrefersCouncilArranged, NotOfferedReason.Other, "  Will think about it  ", OfferResponse.PrefersCouncilArranged, null, "Will think about it" },
        { true, OfferResponse.WantsTimeToDecide, null, " ", OfferResponse.WantsTimeToDecide, null, null },
        { true, OfferResponse.Declined, null, "Prefers the day centre", OfferResponse.Declined, null, "Prefers the day centre" },
        { false, OfferResponse.Declined, NotOfferedReason.TooUnwellNow, "In crisis; offer next week", null, NotOfferedReason.TooUnwellNow, "In crisis; offer next week" },
        { false, null, NotOfferedReason.Section117ArrangedByNhs, "Aftercare arranged by the trust", null, NotOfferedReason.Section117ArrangedByNhs, "Aftercare arranged by the trust" },
        { false, null, NotOfferedReason.Other, new string('x', BudgetOffer.DetailMaxLength), null, NotOfferedReason.Other, new string('x', BudgetOffer.DetailMaxLength) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Record_Valid_KeepsOnlyWhatAppliesWithTheRecorder(bool offered, OfferResponse? response, NotOfferedReason? reason, string? detail,
        OfferResponse? storedResponse, NotOfferedReason? storedReason, string? storedDetail)
    {
        var offer = Record(offered, response, reason, detail);

        offer.Offered.ShouldBe(offered);
        offer.Response.ShouldBe(storedResponse);
        offer.NotOfferedReason.ShouldBe(storedReason);
        offer.Detail.ShouldBe(storedDetail);
        offer.PersonId.ShouldBe(PersonId);
        offer.Stage.ShouldBe(OfferStage.Eligibility);
        offer.AssessmentId.ShouldBe(AssessmentId);
        offer.RecordedAt.ShouldBe(Now);
        offer.RecordedById.ShouldBe(Recorder.UserId);
        offer.RecordedByName.ShouldBe("Priya Shah");
        offer.RecordedByProfession.ShouldBe(Profession.OccupationalTherapist);
        offer.TeamId.ShouldBe(TeamId);
    }

    [Fact]
    public void Record_AtIndicativeBudget_KeepsTheBudget()
    {
        var budgetId = Guid.NewGuid();

        var offer = BudgetOffer.Record(PersonId, OfferStage.IndicativeBudget, null, budgetId, true, OfferResponse.InterestedInDirectPayment, null, null, Recorder, Profession.Nurse, null, Now);

        offer.Stage.ShouldBe(OfferStage.IndicativeBudget);
        offer.IndicativeBudgetId.ShouldBe(budgetId);
        offer.AssessmentId.ShouldBeNull();
        offer.TeamId.ShouldBeNull();
    }
}
