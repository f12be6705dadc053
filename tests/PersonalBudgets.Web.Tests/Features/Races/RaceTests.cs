using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Approvals;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Features.Eligibility;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Races;

/// <summary>
/// Every create and decide that an "only one" rule guards, fired <see cref="Race.Runners"/> times at once: one request
/// wins, every other gets 409, and the database holds one record (docs/adr: one open record held by the database).
/// </summary>
public sealed class RaceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Referral_RecordedTwentyTimesAtOnce_OpensOneEpisodeWithOneOpenStep(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/pathway/referral",
            new { referralDate = Iso(PathwayArrange.Today), participation = "InPerson" }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        race.Winner.StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var loser in race.Losers)
        {
            (await JsonAsync(loser)).GetProperty("errorCode").GetString().ShouldBe("pathway-already-open");
        }

        (await app.EpisodesAsync(provider, person.Id)).ShouldHaveSingleItem().EndedAt.ShouldBeNull();
        (await app.StepsAsync(provider, person.Id)).ShouldHaveSingleItem().CompletedAt.ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_CreatedTwentyTimesAtOnceWithOneNhsNumber_OneRecord_TheOthersAreToldTheNumberIsTaken(DatabaseProvider provider)
    {
        var nhsNumber = TestData.NhsNumber();
        var northTeamId = await app.QueryAsync(provider, db => db.Teams.Where(t => t.Name == PersonalBudgets.Web.Features.DemoData.DemoDataSeeder.NorthTeam).Select(t => t.Id).SingleAsync());
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        // Each request has its own council identifier, so only the NHS number can clash.
        using var race = await Race.FireAsync(() => nurse.Http.PostAsJsonAsync("/api/v1/people", new
        {
            teamId = northTeamId,
            details = new
            {
                legalFirstName = "Race",
                legalLastName = "Testwell",
                dateOfBirth = "1984-05-06",
                nhsNumber,
                personIdentifier = TestData.PersonIdentifier(),
                postcode = "NM1 2AB",
                gender = "Female",
                ethnicity = "NotKnown",
                accommodationStatus = "Unknown",
                employmentStatus = "Unknown",
                section117Eligible = false,
            },
        }, Ct));

        race.Responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var loser in race.Responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            // Coming second is the same answer as losing the race: the NHS number is taken, said against the field.
            loser.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var errors = (await JsonAsync(loser)).GetProperty("errors");
            errors.EnumerateObject().Select(e => e.Name).ShouldContain(name => name.Contains("nhsNumber", StringComparison.OrdinalIgnoreCase));
        }

        (await app.QueryAsync(provider, db => db.People.CountAsync(p => p.NhsNumber == nhsNumber))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Challenge_RaisedTwentyTimesAtOnce_LeavesOneOpenChallenge(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id, pathway: false);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PostAsJsonAsync($"/api/v1/indicative-budgets/{ready.BudgetId}/challenges",
            new { reason = "Too low for the support needed" }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        foreach (var loser in race.Losers)
        {
            (await JsonAsync(loser)).GetProperty("errorCode").GetString().ShouldBe("budget-challenge-open");
        }

        (await app.QueryAsync(provider, db => db.BudgetChallenges.CountAsync(c => c.IndicativeBudgetId == ready.BudgetId))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PlanSection_WrittenForTheFirstTimeTwentyTimesAtOnce_OneWinsTheOthersAreToldWhoChangedIt(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        var revision = (await PlanArrange.PlanAsync(app, provider, planId)).Revision;
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PutAsJsonAsync($"/api/v1/plans/{planId}/sections/AboutMe",
            new { revision, text = "I love gardening", writtenBy = "Person" }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        var plan = await PlanArrange.PlanAsync(app, provider, planId);
        plan.Sections.ShouldHaveSingleItem().Section.ShouldBe(PlanSection.AboutMe);
        plan.Revision.ShouldBe(revision + 1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PlanNeed_WrittenForTheFirstTimeTwentyTimesAtOnce_OneWins(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        var revision = (await PlanArrange.PlanAsync(app, provider, planId)).Revision;
        var need = PlanArrange.EligibleNeeds[0];
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PutAsJsonAsync($"/api/v1/plans/{planId}/needs/{need}",
            new { revision, howMet = "With a personal assistant", writtenBy = "Practitioner" }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        var plan = await PlanArrange.PlanAsync(app, provider, planId);
        plan.Needs.ShouldHaveSingleItem().Need.ShouldBe(need);
        plan.Revision.ShouldBe(revision + 1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Plan_StartedTwentyTimesAtOnce_OneDraft(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.ReadyForPlanningAsync(provider, person.Id);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PostAsync(new Uri($"/api/v1/people/{person.Id}/plans", UriKind.Relative), ApiContent.JsonWithoutBody(), Ct));

        await race.ShouldHaveOneWinnerAsync();
        (await app.QueryAsync(provider, db => db.SupportPlans.CountAsync(p => p.PersonId == person.Id))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Plan_RevisedTwentyTimesAtOnce_OneNewVersion(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        await app.CompleteAsync(provider, planId, 200m);
        await app.ApproveAsync(provider, planId);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { reason = "More hours are needed" }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        (await app.QueryAsync(provider, db => db.SupportPlans.CountAsync(p => p.PersonId == person.Id && p.Status == PlanStatus.Draft))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Plan_SubmittedTwentyTimesAtOnce_OneApprovalRequest(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        await app.CompleteAsync(provider, planId, 200m);
        var revision = (await PlanArrange.PlanAsync(app, provider, planId)).Revision;
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PostAsJsonAsync($"/api/v1/plans/{planId}/submit", new { revision }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        (await app.QueryAsync(provider, db => db.ApprovalRequests.CountAsync(a => a.PlanId == planId))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Approval_DecidedTwentyTimesAtOnce_OneDecisionAndOneBudget(DatabaseProvider provider)
    {
        var submitted = await app.SubmittedPlanAsync(provider, (await app.NewNorthPersonAsync(provider)).Id);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        using var race = await Race.FireAsync(() => manager.Http.PostAsJsonAsync($"/api/v1/approvals/{submitted.RequestId}/decision",
            new { outcome = "Approved", reasons = "Meets the needs", revision = 1 }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        (await app.RequestAsync(provider, submitted.RequestId)).Outcome.ShouldBe(ApprovalOutcome.Approved);
        (await app.QueryAsync(provider, db => db.PersonalBudgets.CountAsync(b => b.PlanId == submitted.PlanId))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Eligibility_DecidedTwentyTimesAtOnce_OneDetermination(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/eligibility",
            new { significantImpact = true, significantImpactReason = "Daily life is breaking down" }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        (await app.QueryAsync(provider, db => db.EligibilityDeterminations.CountAsync(d => d.AssessmentId == assessmentId))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Review_StartedTwentyTimesAtOnce_OneReviewInProgress(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: ReviewArrange.Today.AddDays(10), budgetStart: ReviewArrange.Today.AddDays(-50));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/reviews", new { reason = "Scheduled" }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        foreach (var loser in race.Losers)
        {
            (await JsonAsync(loser)).GetProperty("errorCode").GetString().ShouldBeOneOf("review-in-progress", "concurrency-conflict", "review-conflict");
        }

        (await app.QueryAsync(provider, db => db.Reviews.CountAsync(r => r.PersonId == person.Id))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Review_CompletedTwentyTimesAtOnce_OneDecisionAndOneMove(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: ReviewArrange.Today.AddDays(10), budgetStart: ReviewArrange.Today.AddDays(-50));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var started = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/reviews", new { reason = "Scheduled" }, Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync(Ct));
        var review = await JsonAsync(started);
        var id = review.GetProperty("id").GetGuid();
        var revision = review.GetProperty("revision").GetInt32();
        using (var findings = await nurse.Http.PutAsJsonAsync($"/api/v1/reviews/{id}/findings",
            new { participation = "InPerson", whatIsWorking = ReviewJourney.Working, whatIsNotWorking = ReviewJourney.NotWorking, revision }, Ct))
        {
            findings.StatusCode.ShouldBe(HttpStatusCode.OK, await findings.Content.ReadAsStringAsync(Ct));
            revision = (await JsonAsync(findings)).GetProperty("revision").GetInt32();
        }

        foreach (var (outcomeId, _) in scenario.Outcomes)
        {
            using var outcome = await nurse.Http.PutAsJsonAsync($"/api/v1/reviews/{id}/outcomes/{outcomeId}", new { achieved = "Partly", revision }, Ct);
            outcome.StatusCode.ShouldBe(HttpStatusCode.OK, await outcome.Content.ReadAsStringAsync(Ct));
            revision = (await JsonAsync(outcome)).GetProperty("revision").GetInt32();
        }

        using var race = await Race.FireAsync(() => nurse.Http.PostAsJsonAsync($"/api/v1/reviews/{id}/completion",
            new { decision = "Reassess", note = "Needs have changed", revision }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        (await app.ReviewAsync(provider, person.Id)).Status.ShouldBe(ReviewStatus.Completed);
        var steps = await app.StepsAsync(provider, person.Id);
        steps.Count(s => s.CompletedAt is null).ShouldBe(1);
        steps.Count(s => s.Stage == PathwayStage.NeedsAssessment).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ReferralPage_SubmittedTwentyTimesAtOnce_OneEpisode_TheOthersSeeTheConflictWithTheirEntriesKept(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await nurse.GetAsync($"/People/{person.Id}/Pathway/Refer");
        var referral = PathwayArrange.Today.AddDays(-1);

        var race = await Race.SubmitAsync(() => nurse.SubmitAsync(form,
            ("ReferralDate.Day", referral.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ReferralDate.Month", referral.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ReferralDate.Year", referral.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ReferralNote", "Referred by the GP"), ("Participation", "InPerson")));

        race.ShouldHaveOneWinner();
        foreach (var loser in race.Losers)
        {
            loser.ErrorSummary.ShouldContain("The person's pathway is already open, at referral");
            loser.Document.QuerySelector("textarea[name='ReferralNote']").ShouldNotBeNull().TextContent.Trim().ShouldBe("Referred by the GP");
        }

        (await app.EpisodesAsync(provider, person.Id)).ShouldHaveSingleItem();
        (await app.StepsAsync(provider, person.Id)).ShouldHaveSingleItem();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ChallengeDecisionPage_SubmittedTwentyTimesAtOnce_OneDecision(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id, pathway: false);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using (var raised = await nurse.Http.PostAsJsonAsync($"/api/v1/indicative-budgets/{ready.BudgetId}/challenges", new { reason = "Too low" }, Ct))
        {
            raised.IsSuccessStatusCode.ShouldBeTrue(await raised.Content.ReadAsStringAsync(Ct));
        }

        var challengeId = await app.QueryAsync(provider, db => db.BudgetChallenges.Where(c => c.IndicativeBudgetId == ready.BudgetId).Select(c => c.Id).SingleAsync());
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var form = await manager.GetAsync($"/People/{person.Id}/Budget/{ready.BudgetId}/Challenges/{challengeId}");
        form.Status.ShouldBe(HttpStatusCode.OK);

        var race = await Race.SubmitAsync(() => manager.SubmitAsync(form, ("Outcome", "NotUpheld"), ("OutcomeReason", "The amount covers the needs")));

        race.ShouldHaveOneWinner();
        var challenge = await app.QueryAsync(provider, db => db.BudgetChallenges.AsNoTracking().SingleAsync(c => c.Id == challengeId));
        challenge.Outcome.ShouldBe(Core.Budgets.ChallengeOutcome.NotUpheld);
        challenge.Revision.ShouldBe(2);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Allocation_ChangedTwentyTimesAtOnce_OneCurrentKeyWorkerAndOneCurrentTeamAllocation(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).WithoutKeyWorker().CreateAsync();
        var (northTeamId, psychologistId) = await app.QueryAsync(provider, async db => (
            await db.Teams.Where(t => t.Name == DemoTeams.North).Select(t => t.Id).SingleAsync(),
            await db.Users.Where(u => u.Email == DemoAccounts.NorthPsychologist).Select(u => u.Id).SingleAsync()));
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var version = (await JsonAsync(await manager.Http.GetAsync(new Uri($"/api/v1/people/{person.Id}/allocation", UriKind.Relative), Ct))).GetProperty("version").GetInt32();

        using var race = await Race.FireAsync(() => manager.Http.PutAsJsonAsync(new Uri($"/api/v1/people/{person.Id}/allocation", UriKind.Relative),
            new { version, teamIds = new[] { northTeamId }, keyWorkerId = psychologistId }, Ct));

        await race.ShouldHaveOneWinnerAsync();
        (await app.QueryAsync(provider, db => db.KeyWorkerAssignments.CountAsync(k => k.PersonId == person.Id && k.EndedAt == null))).ShouldBe(1);
        (await app.QueryAsync(provider, db => db.TeamAllocations.CountAsync(a => a.PersonId == person.Id && a.EndedAt == null))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task RasDraft_CreatedTwentyTimesAtOnce_OneDraft(DatabaseProvider provider)
    {
        (await app.QueryAsync(provider, db => db.RasVersions.CountAsync(v => v.Kind == Core.Budgets.RasKind.Adult && v.Status == Core.Budgets.RasVersionStatus.Draft))).ShouldBe(0);
        using var admin = await app.SignedInAsync(provider, "admin@northmoor.example");
        var index = await admin.GetAsync("/Admin/Ras");

        var race = await Race.SubmitAsync(() => admin.SubmitAsync(index, ("Name", "Mental health support, recalibrated")));

        race.ShouldHaveOneWinner();
        foreach (var loser in race.Losers)
        {
            var message = loser.ErrorSummary.ShouldHaveSingleItem();
            (message.StartsWith("There is already a draft (version ", StringComparison.Ordinal)
                || message == "Another administrator has just created a draft. Open it from the list").ShouldBeTrue(message);
            loser.InputValue("Name").ShouldBe("Mental health support, recalibrated");
        }

        (await app.QueryAsync(provider, db => db.RasVersions.CountAsync(v => v.Kind == Core.Budgets.RasKind.Adult && v.Status == Core.Budgets.RasVersionStatus.Draft))).ShouldBe(1);
    }
}
