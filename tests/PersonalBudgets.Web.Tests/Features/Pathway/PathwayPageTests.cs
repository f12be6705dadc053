using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Pathway;

/// <summary>A person's pathway page: the timeline with owners before and now, a referral, ending, and reallocating one step.</summary>
public sealed class PathwayPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Day(DateOnly d) => UkFormat.Date(d);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Referral_OpensThePathway_AndTheTimelineShowsTheOwnerAndDueDate(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);

        var empty = await nurse.GetAsync($"/People/{person.Id}/Pathway");
        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.BodyText.ShouldContain("The person has no pathway yet");

        var form = await nurse.GetAsync($"/People/{person.Id}/Pathway/Refer");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var referral = PathwayArrange.Today.AddDays(-2);
        var done = await nurse.SubmitAsync(form,
            ("ReferralDate.Day", referral.Day.ToString()), ("ReferralDate.Month", referral.Month.ToString()), ("ReferralDate.Year", referral.Year.ToString()),
            ("ReferralNote", "Referred by the GP"), ("Participation", "PhoneOrVideo"), ("OwnerId", nurseId.ToString()));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));

        var page = await nurse.FollowAsync(done);
        page.SummaryValue("Referral date").ShouldBe(Day(referral));
        page.SummaryValue("Stage").ShouldBe("Referral");
        var row = page.TableRows().ShouldHaveSingleItem();
        row[0].ShouldStartWith("Referral");
        row[1].ShouldContain(DemoAccounts.NorthNurseName);
        row[2].ShouldContain($"Due {Day(referral.AddDays(28))}");
        row[3].ShouldContain("By phone or video");
        var audited = await app.QueryAsync(provider, db => db.AuditEntries.AnyAsync(e => e.PersonId == person.Id && e.RecordType == "Pathway" && e.Action == AuditAction.Viewed));
        audited.ShouldBeTrue();

        var again = await nurse.SubmitAsync(await nurse.GetAsync($"/People/{person.Id}/Pathway/Refer"), ("Participation", "InPerson"), ("OwnerId", nurseId.ToString()));
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.ErrorSummary.ShouldContain("The person's pathway is already open, at referral");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Referral_InTheFutureOrWithoutHowThePersonTookPart_IsRefusedKeepingTheInput(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);
        var future = PathwayArrange.Today.AddDays(3);

        var refused = await nurse.SubmitAsync(await nurse.GetAsync($"/People/{person.Id}/Pathway/Refer"),
            ("ReferralDate.Day", future.Day.ToString()), ("ReferralDate.Month", future.Month.ToString()), ("ReferralDate.Year", future.Year.ToString()),
            ("ReferralNote", "Keep this note"), ("OwnerId", nurseId.ToString()));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["The referral date must be today or in the past", "Select how the person took part"], ignoreOrder: true);
        refused.Document.QuerySelector("textarea[name=ReferralNote]")!.TextContent.ShouldBe("Keep this note");
        (await app.EpisodesAsync(provider, person.Id)).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task End_WithoutAReasonIsRefused_ThenEndsAndShowsTheReason(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.OpenStepAsync(provider, person.Id, PathwayStage.NeedsAssessment, PathwayArrange.Today.AddDays(10));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await nurse.GetAsync($"/People/{person.Id}/Pathway/End");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var refused = await nurse.SubmitAsync(form, ("EndNote", "Moving to live with family"));
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["Select why the pathway is ending"]);

        var ended = await nurse.SubmitAsync(refused, ("EndReason", nameof(PathwayEndReason.MovedAway)));
        ended.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", ended.ErrorSummary));
        var page = await nurse.FollowAsync(ended);
        page.SummaryValue("Status")!.ShouldContain("Moved out of the area");
        page.BodyText.ShouldContain("Moving to live with family");
        page.BodyText.ShouldContain("The person has no open pathway");
        (await app.StepsAsync(provider, person.Id)).Single().IsOpen.ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Reallocate_NeedsAReason_ThenShowsTheOwnerBeforeAndNotifiesTheNewOwner(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var stepId = await app.OpenStepAsync(provider, person.Id, PathwayStage.Eligibility, PathwayArrange.Today.AddDays(-2));
        var socialWorkerId = await app.UserIdAsync(provider, DemoAccounts.NorthSocialWorker);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var timeline = await manager.GetAsync($"/People/{person.Id}/Pathway");
        timeline.TableRows().Single()[0].ShouldContain("Overdue");
        var form = await manager.OpenAsync($"/People/{person.Id}/Pathway/Steps/{stepId}/Owner");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var refused = await manager.SubmitAsync(form, ("OwnerId", socialWorkerId.ToString()), ("Reason", " "));
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["Enter why the work is being reallocated"]);

        var done = await manager.SubmitAsync(refused, ("Reason", "Priya is on leave"));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        var page = await manager.FollowAsync(done);
        var row = page.TableRows().Single();
        row[1].ShouldContain(DemoAccounts.NorthSocialWorkerName);
        row[1].ShouldContain($"{DemoAccounts.NorthNurseName} to {DemoAccounts.NorthSocialWorkerName}, by Helen Marsh");
        row[1].ShouldContain("Priya is on leave");

        var notes = await app.QueryAsync(provider, db => db.Notifications.AsNoTracking().Where(n => n.StepId == stepId).ToListAsync());
        var note = notes.ShouldHaveSingleItem();
        note.RecipientId.ShouldBe(socialWorkerId);
        note.Link.ShouldBe($"/People/{person.Id}/Pathway");
        note.Message.ShouldNotContain(person.DisplayName);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(e => e.RecordId == stepId.ToString() && e.Action == AuditAction.Reallocated))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Reallocate_TwoManagersAtOnce_TheSecondGetsTheConflictAndKeepsTheirInput(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var stepId = await app.OpenStepAsync(provider, person.Id, PathwayStage.IndicativeBudget, PathwayArrange.Today.AddDays(3));
        var socialWorkerId = await app.UserIdAsync(provider, DemoAccounts.NorthSocialWorker);
        var psychologistId = await app.UserIdAsync(provider, DemoAccounts.NorthPsychologist);
        using var first = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        using var second = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var url = $"/People/{person.Id}/Pathway/Steps/{stepId}/Owner";
        var firstForm = await first.GetAsync(url);
        var secondForm = await second.GetAsync(url);

        (await first.SubmitAsync(firstForm, ("OwnerId", socialWorkerId.ToString()), ("Reason", "Caseload balance"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await second.SubmitAsync(secondForm, ("OwnerId", psychologistId.ToString()), ("Reason", "Psychology input needed"));

        conflict.Status.ShouldBe(HttpStatusCode.Conflict);
        conflict.ErrorSummary.Single().ShouldStartWith("This record was changed by Helen Marsh");
        conflict.Document.QuerySelector("textarea[name=Reason]")!.TextContent.ShouldBe("Psychology input needed");
        conflict.SummaryValue("Owner now").ShouldBe(DemoAccounts.NorthSocialWorkerName);
        (await app.StepsAsync(provider, person.Id)).Single().OwnerId.ShouldBe(socialWorkerId);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Permissions_SouthPractitionerCannotOpenANorthPathway_AndAPractitionerCannotReallocate(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var stepId = await app.OpenStepAsync(provider, person.Id, PathwayStage.Referral, PathwayArrange.Today.AddDays(3));
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        (await south.GetAsync($"/People/{person.Id}/Pathway")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await south.GetAsync($"/People/{person.Id}/Pathway/End")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync($"/People/{person.Id}/Pathway")).Status.ShouldBe(HttpStatusCode.OK);
        var denied = await nurse.GetAsync($"/People/{person.Id}/Pathway/Steps/{stepId}/Owner");
        denied.Status.ShouldBe(HttpStatusCode.Redirect);
        denied.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Timeline_ShowsEarlierEpisodes(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.OpenStepAsync(provider, person.Id, PathwayStage.Referral, PathwayArrange.Today.AddDays(3), referral: PathwayArrange.Today.AddDays(-100));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var ended = await nurse.SubmitAsync(await nurse.GetAsync($"/People/{person.Id}/Pathway/End"), ("EndReason", nameof(PathwayEndReason.DeclinedSupport)));
        ended.Status.ShouldBe(HttpStatusCode.Redirect);
        await app.OpenStepAsync(provider, person.Id, PathwayStage.NeedsAssessment, PathwayArrange.Today.AddDays(20), referral: PathwayArrange.Today.AddDays(-8));

        var page = await nurse.GetAsync($"/People/{person.Id}/Pathway");

        page.SummaryValue("Stage").ShouldBe("Needs assessment");
        page.BodyText.ShouldContain("Earlier pathways");
        page.BodyText.ShouldContain($"Referred on {Day(PathwayArrange.Today.AddDays(-100))}, ended on {Day(PathwayArrange.Today)}: The person declined support");
    }
}
