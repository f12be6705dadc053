using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Reporting;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reporting;

/// <summary>
/// The reporting definitions of the pathway's stages (docs/adr/0027) on both databases, over arranged records whose
/// answers are known by construction. Each test reads only its own people.
/// </summary>
public sealed class PathwayDefinitionsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Eligible_IsTheCurrentDecision_ACorrectionSupersedesTheEarlierOne(DatabaseProvider provider)
    {
        var stays = await app.NewNorthPersonAsync(provider);
        var corrected = await app.NewNorthPersonAsync(provider);
        var never = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, stays.Id, eligible: true);
        await app.DecideEligibilityAsync(provider, corrected.Id, eligible: true);
        var beforeCorrection = DateTimeOffset.UtcNow;
        await Task.Delay(20, Ct);
        await app.DecideEligibilityAsync(provider, corrected.Id, eligible: false);
        await app.DecideEligibilityAsync(provider, never.Id, eligible: false);
        Guid[] ids = [stays.Id, corrected.Id, never.Id];

        var (now, then, decided, assessed) = await app.QueryAsync(provider, async db => (
            await PathwayDefinitions.CurrentlyEligible(db).Where(m => ids.Contains(m.PersonId)).Select(m => m.PersonId).ToListAsync(Ct),
            await PathwayDefinitions.EligibleAsAt(db, beforeCorrection).Where(m => ids.Contains(m.PersonId)).Select(m => m.PersonId).ToListAsync(Ct),
            await PathwayDefinitions.EligibilityDecided(db).CountAsync(m => ids.Contains(m.PersonId), Ct),
            await PathwayDefinitions.Assessed(db).CountAsync(m => ids.Contains(m.PersonId), Ct)));

        now.ShouldBe([stays.Id]);
        then.Order().ShouldBe(new[] { stays.Id, corrected.Id }.Order());
        decided.ShouldBe(4);
        assessed.ShouldBe(4);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task EligibleDecidedFrom_IsTheCurrentDecisionMadeSinceThen_WhateverCameBefore(DatabaseProvider provider)
    {
        var before = await app.NewNorthPersonAsync(provider);
        var withdrawn = await app.NewNorthPersonAsync(provider);
        var becameEligible = await app.NewNorthPersonAsync(provider);
        var correctedToNo = await app.NewNorthPersonAsync(provider);
        var decidedTwice = await app.NewNorthPersonAsync(provider);
        await app.DecideEligibilityAsync(provider, before.Id, eligible: true);
        await app.DecideEligibilityAsync(provider, withdrawn.Id, eligible: true);
        await app.DecideEligibilityAsync(provider, becameEligible.Id, eligible: false);
        await Task.Delay(20, Ct);
        var from = DateTimeOffset.UtcNow;
        await Task.Delay(20, Ct);
        await app.DecideEligibilityAsync(provider, withdrawn.Id, eligible: false);
        await app.DecideEligibilityAsync(provider, becameEligible.Id, eligible: true);
        await app.DecideEligibilityAsync(provider, correctedToNo.Id, eligible: true);
        await app.DecideEligibilityAsync(provider, correctedToNo.Id, eligible: false);
        await app.DecideEligibilityAsync(provider, decidedTwice.Id, eligible: true);
        await app.DecideEligibilityAsync(provider, decidedTwice.Id, eligible: true);
        Guid[] ids = [before.Id, withdrawn.Id, becameEligible.Id, correctedToNo.Id, decidedTwice.Id];

        var (since, filtered) = await app.QueryAsync(provider, async db => (
            await PathwayDefinitions.EligibleAsAt(db, null, decidedFrom: from).Where(m => ids.Contains(m.PersonId)).ToListAsync(Ct),
            await PathwayDefinitions.EligibleAsAt(db, null).Where(m => m.At >= from && ids.Contains(m.PersonId)).ToListAsync(Ct)));

        since.Select(m => m.PersonId).Order().ShouldBe(new[] { becameEligible.Id, decidedTwice.Id }.Order());
        since.Select(m => m.RecordId).Order().ShouldBe(filtered.Select(m => m.RecordId).Order());
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Offers_MadeAndNotMade_KeepTheReasonAndTheRecordersProfession(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var other = await app.NewNorthPersonAsync(provider);
        await app.QueryAsync(provider, async db =>
        {
            var actor = new Actor(Guid.NewGuid(), "Test arrangement");
            var now = DateTimeOffset.UtcNow;
            db.BudgetOffers.Add(BudgetOffer.Record(person.Id, OfferStage.Eligibility, null, null, false, null, NotOfferedReason.TooUnwellNow, "Unwell this week", actor, Profession.Nurse, null, now.AddMinutes(-5)));
            db.BudgetOffers.Add(BudgetOffer.Record(person.Id, OfferStage.IndicativeBudget, null, null, true, OfferResponse.InterestedInDirectPayment, null, null, actor, Profession.SocialWorker, null, now));
            db.BudgetOffers.Add(BudgetOffer.Record(other.Id, OfferStage.Eligibility, null, null, false, null, NotOfferedReason.Other, "Moved", actor, Profession.OccupationalTherapist, null, now));
            await db.SaveChangesAsync(Ct);
            return true;
        });
        Guid[] ids = [person.Id, other.Id];

        var (all, pb, dp) = await app.QueryAsync(provider, async db => (
            await PathwayDefinitions.Offers(db).Where(o => ids.Contains(o.PersonId)).ToListAsync(Ct),
            await PathwayDefinitions.OfferedPersonalBudget(db).Where(o => ids.Contains(o.PersonId)).ToListAsync(Ct),
            await PathwayDefinitions.OfferedDirectPayment(db).Where(o => ids.Contains(o.PersonId)).ToListAsync(Ct)));

        all.Count.ShouldBe(3);
        all.Where(o => !o.Offered).Select(o => o.NotOfferedReason).Order().ShouldBe([NotOfferedReason.TooUnwellNow, NotOfferedReason.Other]);
        pb.ShouldHaveSingleItem().PersonId.ShouldBe(person.Id);
        pb[0].RecordedByProfession.ShouldBe(Profession.SocialWorker);
        dp.ShouldHaveSingleItem().Response.ShouldBe(OfferResponse.InterestedInDirectPayment);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task BudgetInPlace_IsInForceOnTheDate_AndADirectPaymentOnlyWhenPartIsPaidSo(DatabaseProvider provider)
    {
        var withDp = await app.NewNorthPersonAsync(provider);
        var without = await app.NewNorthPersonAsync(provider);
        var start = ReviewArrange.Today.AddDays(-30);
        var dp = await app.BudgetInPlaceAsync(provider, withDp.Id, ReviewArrange.Today.AddDays(10), start, directPayment: true);
        await app.BudgetInPlaceAsync(provider, without.Id, ReviewArrange.Today.AddDays(10), start);
        Guid[] ids = [withDp.Id, without.Id];

        var (today, before, dpToday, submitted, approved, referrals) = await app.QueryAsync(provider, async db => (
            await PathwayDefinitions.InPlaceOn(db, ReviewArrange.Today).Where(b => ids.Contains(b.PersonId)).ToListAsync(Ct),
            await PathwayDefinitions.InPlaceOn(db, start.AddDays(-1)).CountAsync(b => ids.Contains(b.PersonId), Ct),
            await PathwayDefinitions.DirectPaymentOn(db, ReviewArrange.Today).Where(b => ids.Contains(b.PersonId)).Select(b => b.PersonId).ToListAsync(Ct),
            await PathwayDefinitions.PlansSubmitted(db).CountAsync(m => ids.Contains(m.PersonId), Ct),
            await PathwayDefinitions.PlansApproved(db).CountAsync(m => ids.Contains(m.PersonId), Ct),
            await PathwayDefinitions.Referrals(db).Where(r => ids.Contains(r.PersonId)).ToListAsync(Ct)));

        today.Count.ShouldBe(2);
        // Arranged: £20 x 3 hours commissioned, and with the direct payment £15 x 2 sessions.
        today.Single(b => b.PersonId == withDp.Id).DirectPaymentWeekly.ShouldBe(30m);
        today.Single(b => b.PersonId == without.Id).CouncilCommissionedWeekly.ShouldBe(60m);
        before.ShouldBe(0);
        dpToday.ShouldBe([withDp.Id]);
        submitted.ShouldBe(2);
        approved.ShouldBe(2);
        referrals.Select(r => r.ReferralDate).Distinct().ShouldBe([start.AddDays(-60)]);

        // A budget ended yesterday is not in force today.
        await app.QueryAsync(provider, async db =>
        {
            var budget = await db.PersonalBudgets.SingleAsync(b => b.Id == dp.BudgetId, Ct);
            budget.End(ReviewArrange.Today.AddDays(-1));
            await db.SaveChangesAsync(Ct);
            return true;
        });
        (await app.QueryAsync(provider, db => PathwayDefinitions.InPlaceOn(db, ReviewArrange.Today).CountAsync(b => b.PersonId == withDp.Id, Ct))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Referrals_KeepHowAnEndedPathwayEnded_AndFirstReviewIsTheEarliestCompleted(DatabaseProvider provider)
    {
        var ended = await app.NewNorthPersonAsync(provider);
        await app.EndedEpisodeAsync(provider, ended.Id, PathwayArrange.Today.AddDays(3));
        var reviewed = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, reviewed.Id, ReviewArrange.Today.AddDays(-3), ReviewArrange.Today.AddDays(-60));
        var first = await CompleteReviewAsync(provider, scenario, DateTimeOffset.UtcNow.AddDays(-2));
        await CompleteReviewAsync(provider, scenario, DateTimeOffset.UtcNow.AddMinutes(-1));

        var (referral, reviews, firsts) = await app.QueryAsync(provider, async db => (
            await PathwayDefinitions.Referrals(db).SingleAsync(r => r.PersonId == ended.Id, Ct),
            await PathwayDefinitions.ReviewsCompleted(db).CountAsync(r => r.PersonId == reviewed.Id, Ct),
            await PathwayDefinitions.FirstReviews(db).Where(r => r.PersonId == reviewed.Id).ToListAsync(Ct)));
        var (byYesterday, byThreeDaysAgo) = await app.QueryAsync(provider, async db => (
            await PathwayDefinitions.FirstReviewedBefore(db, DateTimeOffset.UtcNow.AddDays(-1)).Where(id => id == reviewed.Id).Distinct().CountAsync(Ct),
            await PathwayDefinitions.FirstReviewedBefore(db, DateTimeOffset.UtcNow.AddDays(-3)).CountAsync(id => id == reviewed.Id, Ct)));

        referral.EndedAt.ShouldNotBeNull();
        referral.EndReason.ShouldBe(PathwayEndReason.NeedsMetOtherwise);
        reviews.ShouldBe(2);
        firsts.ShouldHaveSingleItem().RecordId.ShouldBe(first);
        byYesterday.ShouldBe(1);
        byThreeDaysAgo.ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Definitions_TranslateToSql(DatabaseProvider provider)
    {
        // Every definition runs in the database (a client evaluation would throw here).
        var counts = await app.QueryAsync(provider, async db => new[]
        {
            await PathwayDefinitions.Referrals(db).CountAsync(Ct),
            await PathwayDefinitions.Assessed(db).CountAsync(Ct),
            await PathwayDefinitions.CurrentlyEligible(db).CountAsync(Ct),
            await PathwayDefinitions.CarersCurrentlyEligible(db).CountAsync(Ct),
            await PathwayDefinitions.OfferedPersonalBudget(db).CountAsync(Ct),
            await PathwayDefinitions.IndicativeBudgets(db).CountAsync(Ct),
            await PathwayDefinitions.PlansSubmitted(db).CountAsync(Ct),
            await PathwayDefinitions.PlansApproved(db).CountAsync(Ct),
            await PathwayDefinitions.InPlaceOn(db, PathwayArrange.Today).CountAsync(Ct),
            await PathwayDefinitions.FirstReviews(db).CountAsync(Ct),
        });
        counts[0].ShouldBeGreaterThan(0);
    }

    /// <summary>A review of the plan in force, completed at <paramref name="at"/> (every outcome fully achieved).</summary>
    private Task<Guid> CompleteReviewAsync(DatabaseProvider provider, ReviewScenario scenario, DateTimeOffset at) => app.QueryAsync(provider, async db =>
    {
        var actor = new Actor(Guid.NewGuid(), "Test arrangement");
        var review = Review.Open(scenario.PersonId, scenario.EpisodeId, scenario.PlanId, scenario.BudgetId, scenario.Outcomes, ReviewReason.Scheduled, null, scenario.ReviewDue, actor, at);
        foreach (var (id, _) in scenario.Outcomes)
        {
            review.RecordOutcome(id, OutcomeAchieved.Fully, null, review.Revision, actor, at);
        }

        review.RecordFindings(new PersonsPart(Participation.InPerson, null), [], "The allotment", "Nothing", null, false, review.Revision, actor, at);
        review.Complete(ReviewDecision.Continue, null, review.Revision, actor, at);
        db.Reviews.Add(review);
        await db.SaveChangesAsync(Ct);
        return review.Id;
    });
}
