using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.DemoData;

/// <summary>
/// The demo carer the README's "Try" list walks through: a carer of NM100045 with her own record, her carer's
/// assessment and eligibility, and a budget in place on her own pathway.
/// </summary>
public sealed class DemoCarerTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TheDemoCarer_HasHerOwnRecordAndPathway_WithAnApprovedPlanAndABudgetInPlace(DatabaseProvider provider)
    {
        var carerId = DemoCarerSeeder.CarerId;
        var caredForId = DemoPathwaySeeder.PersonId(DemoCarerSeeder.CaredForIndex);
        var (carer, assessment, decided, episode, step, plans, budgets, offers, teams) = await app.QueryAsync(provider, async db => (
            await db.People.AsNoTracking().SingleAsync(p => p.Id == carerId, Ct),
            await db.Assessments.AsNoTracking().SingleAsync(a => a.CarerPersonId == carerId, Ct),
            await db.EligibilityDeterminations.AsNoTracking().Where(d => db.Assessments.Any(a => a.Id == d.AssessmentId && a.CarerPersonId == carerId)).Select(d => d.Eligible).SingleAsync(Ct),
            await db.PathwayEpisodes.AsNoTracking().SingleAsync(e => e.PersonId == carerId, Ct),
            await db.PathwaySteps.AsNoTracking().SingleAsync(s => s.PersonId == carerId && s.CompletedAt == null, Ct),
            await db.SupportPlans.AsNoTracking().Where(p => p.PersonId == carerId).ToListAsync(Ct),
            await db.PersonalBudgets.AsNoTracking().Where(b => b.PersonId == carerId).ToListAsync(Ct),
            await db.BudgetOffers.AsNoTracking().Where(o => o.PersonId == carerId).Select(o => o.Stage).ToListAsync(Ct),
            await db.TeamAllocations.AsNoTracking().Where(a => a.PersonId == carerId && a.EndedAt == null).Select(a => a.TeamId).ToListAsync(Ct)));

        carer.PersonIdentifier.ShouldBe(DemoCarerSeeder.CarerIdentifier);
        carer.CaresForPersonId.ShouldBe(caredForId);
        assessment.Kind.ShouldBe(AssessmentKind.Carer);
        assessment.PersonId.ShouldBe(caredForId);
        assessment.Status.ShouldBe(AssessmentStatus.Completed);
        decided.ShouldBeTrue();
        episode.Stage.ShouldBe(PathwayStage.BudgetInPlace);
        step.Stage.ShouldBe(PathwayStage.BudgetInPlace);
        step.OwnerName.ShouldBe(DemoAccounts.NorthNurseName);
        var plan = plans.ShouldHaveSingleItem();
        plan.Status.ShouldBe(PlanStatus.Approved);
        plan.Elements.ShouldContain(e => e.Category == ServiceCategory.SupportToCaredForPerson && e.Deployment == Deployment.DirectPayment);
        budgets.ShouldHaveSingleItem().WeeklyCost.ShouldBe(79m);
        offers.ShouldBe([OfferStage.Eligibility, OfferStage.IndicativeBudget], ignoreOrder: true);
        teams.ShouldBe(await app.QueryAsync(provider, db => db.TeamAllocations.Where(a => a.PersonId == caredForId && a.EndedAt == null).Select(a => a.TeamId).ToListAsync(Ct)));

        // The person she cares for lists her; her record says whom she cares for.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var record = await nurse.GetAsync($"/People/{caredForId}");
        record.Status.ShouldBe(HttpStatusCode.OK);
        record.SummaryValue("Jo Carewell").ShouldNotBeNull().ShouldStartWith("Mother · pathway: Budget in place");
        var hers = await nurse.GetAsync($"/People/{carerId}/PersonalBudget");
        hers.Status.ShouldBe(HttpStatusCode.OK);
        hers.Document.GetElementById("carer-of").ShouldNotBeNull().QuerySelector($"a[href='/People/{caredForId}']").ShouldNotBeNull();
        var statement = await nurse.GetAsync($"/PersonalBudgets/{budgets[0].Id}/Statement");
        statement.Status.ShouldBe(HttpStatusCode.OK);
        statement.Heading.ShouldBe("Your personal budget is £79.00 a week");
        var caredForName = (await app.QueryAsync(provider, db => db.People.AsNoTracking().SingleAsync(p => p.Id == caredForId, Ct))).DisplayName;
        statement.SummaryValue("You care for").ShouldBe($"{caredForName}. This is your own personal budget as their carer.");
    }
}
