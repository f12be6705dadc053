using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Assessments;
using PersonalBudgets.Web.Tests.Features.Eligibility;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Pathway;

/// <summary>
/// The assessment, eligibility and indicative budget services move the person's pathway in the same save as their
/// work: each step completes with how the person took part and the next opens with an owner and a due date.
/// </summary>
public sealed class PathwayHooksTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<Guid> CreateAssessmentAsync(Browser browser, Guid personId, DateOnly due, bool complete)
    {
        var body = AssessmentsApiTests.WholeAssessment(complete);
        body["dueDate"] = Iso(due);
        using var created = await browser.Http.PostAsJsonAsync($"/api/v1/people/{personId}/assessments", body, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await JsonAsync(created)).GetProperty("id").GetGuid();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Chain_FromReferralToSupportPlanning_OpensAndCompletesEveryStepWithOwnersAndDueDates(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);
        var referral = PathwayArrange.Today.AddDays(-3);
        await app.OpenStepAsync(provider, person.Id, PathwayStage.Referral, referral.AddDays(28), DemoAccounts.NorthSocialWorker, referral);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var assessmentId = await CreateAssessmentAsync(nurse, person.Id, referral.AddDays(28), complete: false);
        var steps = await app.StepsAsync(provider, person.Id);
        steps.Select(s => s.Stage).ShouldBe([PathwayStage.Referral, PathwayStage.NeedsAssessment]);
        steps[0].CompletedAt.ShouldNotBeNull();
        steps[1].OwnerId.ShouldBe(nurseId);
        steps[1].DueDate.ShouldBe(referral.AddDays(28));
        steps[1].SubjectId.ShouldBe(assessmentId);
        steps[1].IsOpen.ShouldBeTrue();

        var check = await nurse.GetAsync($"/Assessments/{assessmentId}/CheckAnswers");
        check.Status.ShouldBe(HttpStatusCode.OK);
        var completed = await nurse.SubmitAsync(check);
        completed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", completed.ErrorSummary));
        steps = await app.StepsAsync(provider, person.Id);
        steps.Select(s => s.Stage).ShouldBe([PathwayStage.Referral, PathwayStage.NeedsAssessment, PathwayStage.Eligibility]);
        steps[1].CompletedAt.ShouldNotBeNull();
        steps[1].Participation.ShouldBe(Participation.PhoneOrVideo);
        steps[2].OwnerId.ShouldBe(nurseId);
        steps[2].DueDate.ShouldBe(DueDates.AddWorkingDays(PathwayArrange.Today, 5, EnglandBankHolidays.All));
        steps[2].SubjectId.ShouldBe(assessmentId);

        using var eligibility = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/eligibility",
            new { significantImpact = true, significantImpactReason = "Without help with meals and washing the person's mental health deteriorates quickly." }, Ct);
        eligibility.StatusCode.ShouldBe(HttpStatusCode.Created, await eligibility.Content.ReadAsStringAsync(Ct));
        steps = await app.StepsAsync(provider, person.Id);
        steps.Count.ShouldBe(4);
        steps[2].CompletedAt.ShouldNotBeNull();
        steps[2].Participation.ShouldBe(Participation.PhoneOrVideo);
        steps[3].Stage.ShouldBe(PathwayStage.IndicativeBudget);
        steps[3].OwnerId.ShouldBe(nurseId);
        steps[3].SubjectId.ShouldBe(assessmentId);
        steps[3].DueDate.ShouldBe(DueDates.AddWorkingDays(PathwayArrange.Today, 5, EnglandBankHolidays.All));
        var eligibleOn = PersonalBudgets.Core.Common.UkTime.DateOf(steps[2].CompletedAt!.Value);

        var ras = await app.QueryAsync(provider, db => db.RasVersions.AsNoTracking().SingleAsync(v => v.Kind == Core.Budgets.RasKind.Adult && v.Status == Core.Budgets.RasVersionStatus.Published));
        using var budget = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/indicative-budgets",
            new { answers = ras.Definition.Questions.ToDictionary(q => q.Id, q => q.Answers[1].Id), completedWith = "Person" }, Ct);
        budget.StatusCode.ShouldBe(HttpStatusCode.Created, await budget.Content.ReadAsStringAsync(Ct));
        steps = await app.StepsAsync(provider, person.Id);
        steps.Count.ShouldBe(5);
        steps[3].CompletedAt.ShouldNotBeNull();
        steps[3].Participation.ShouldBe(Participation.InWriting);
        steps[4].Stage.ShouldBe(PathwayStage.SupportPlanning);
        steps[4].OwnerId.ShouldBe(nurseId);
        steps[4].SubjectId.ShouldBeNull();
        steps[4].DueDate.ShouldBe(eligibleOn.AddDays(28));
        (await app.EpisodesAsync(provider, person.Id)).Single().Stage.ShouldBe(PathwayStage.SupportPlanning);

        var trail = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking().Where(e => e.PersonId == person.Id && e.RecordType == "Pathway").CountAsync());
        trail.ShouldBe(4);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task AssessmentWithoutReferral_OpensThePathwayAtNeedsAssessment_AndCompletingInOneRequestOpensEligibility(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var assessmentId = await CreateAssessmentAsync(nurse, person.Id, PathwayArrange.Today.AddDays(28), complete: true);

        var episode = (await app.EpisodesAsync(provider, person.Id)).ShouldHaveSingleItem();
        episode.ReferralDate.ShouldBe(PathwayArrange.Today);
        episode.Stage.ShouldBe(PathwayStage.Eligibility);
        var steps = await app.StepsAsync(provider, person.Id);
        steps.Select(s => s.Stage).ShouldBe([PathwayStage.NeedsAssessment, PathwayStage.Eligibility]);
        steps[0].DueDate.ShouldBe(episode.ReferralDate.AddDays(28));
        steps[0].SubjectId.ShouldBe(assessmentId);
        steps[0].Participation.ShouldBe(Participation.PhoneOrVideo);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task NotEligible_EndsThePathwayWithNoEligibleNeeds(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 0);
        await app.OpenStepAsync(provider, person.Id, PathwayStage.Eligibility, PathwayArrange.Today.AddDays(5), subjectId: assessmentId);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var eligibility = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/eligibility",
            new { significantImpact = true, significantImpactReason = "Recorded judgement", advice = "Advice on local groups given" }, Ct);

        eligibility.StatusCode.ShouldBe(HttpStatusCode.Created, await eligibility.Content.ReadAsStringAsync(Ct));
        (await JsonAsync(eligibility)).GetProperty("eligible").GetBoolean().ShouldBeFalse();
        var episode = (await app.EpisodesAsync(provider, person.Id)).ShouldHaveSingleItem();
        episode.Stage.ShouldBe(PathwayStage.Ended);
        episode.EndReason.ShouldBe(PathwayEndReason.NoEligibleNeeds);
        var step = (await app.StepsAsync(provider, person.Id)).ShouldHaveSingleItem();
        step.CompletedAt.ShouldNotBeNull();
        step.Participation.ShouldBe(Participation.InPerson);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CarersAssessmentAndEligibility_LeaveThePathwayAlone(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var stepId = await app.OpenStepAsync(provider, person.Id, PathwayStage.Eligibility, PathwayArrange.Today.AddDays(5));
        var carer = await app.CarerAsync(provider, person.Id, "Ann Carer", healthAtRisk: true, CarerOutcome.CaringForAChild);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var eligibility = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{carer}/eligibility",
            new { significantImpact = true, significantImpactReason = "The carer is exhausted" }, Ct);

        eligibility.StatusCode.ShouldBe(HttpStatusCode.Created, await eligibility.Content.ReadAsStringAsync(Ct));
        var step = (await app.StepsAsync(provider, person.Id)).ShouldHaveSingleItem();
        step.Id.ShouldBe(stepId);
        step.IsOpen.ShouldBeTrue();
        (await app.EpisodesAsync(provider, person.Id)).Single().Stage.ShouldBe(PathwayStage.Eligibility);
    }
}
