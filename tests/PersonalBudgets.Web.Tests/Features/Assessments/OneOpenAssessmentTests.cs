using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Assessments;

/// <summary>One open needs assessment per person (held by the database too), unless the first is cancelled with a reason.</summary>
public sealed class OneOpenAssessmentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static async Task<(Guid Id, int Revision)> CreateDraftAsync(Browser browser, Guid personId)
    {
        using var created = await browser.Http.PostAsJsonAsync($"/api/v1/people/{personId}/assessments", AssessmentsApiTests.WholeAssessment(complete: false), Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var body = await JsonAsync(created);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("revision").GetInt32());
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SecondDraft_IsRefused_UntilTheFirstIsCancelledWithAReason(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var (first, _) = await CreateDraftAsync(nurse, person.Id);

        // The start page says so and offers no form.
        var start = await nurse.GetAsync($"/People/{person.Id}/Assessments/Start");
        start.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(start.Document.GetElementById("open-assessment")).ShouldContain("already has a draft needs assessment, started on");
        start.Document.QuerySelector($"#open-assessment a[href='/Assessments/{first}']").ShouldNotBeNull();
        start.Document.QuerySelector("main form[method=post]").ShouldBeNull();

        // The API answers 409 with the reason.
        using var second = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", AssessmentsApiTests.WholeAssessment(complete: false), Ct);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await JsonAsync(second);
        problem.GetProperty("errorCode").GetString().ShouldBe(Assessment.OneOpenCode);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain($"already has a draft needs assessment, started on ");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain($" by {DemoAccounts.NorthNurseName}. Finish it, or cancel it with a reason, before starting another");

        // A carer's assessment is one per carer: it can still be started.
        using var carer = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments",
            new { kind = "Carer", ownerId = AssessmentsApiTests.WholeAssessment(false)["ownerId"], dueDate = AssessmentsApiTests.WholeAssessment(false)["dueDate"] }, Ct);
        carer.StatusCode.ShouldBe(HttpStatusCode.Created, await carer.Content.ReadAsStringAsync(Ct));

        // Cancel the first through its page: the reason is needed.
        var overview = await nurse.GetAsync($"/Assessments/{first}");
        overview.Document.QuerySelector($"a[href='/Assessments/{first}/Cancel']").ShouldNotBeNull().TextContent.ShouldBe("Cancel this draft assessment");
        var form = await nurse.GetAsync($"/Assessments/{first}/Cancel");
        var noReason = await nurse.SubmitAsync(form, ("Reason", " "));
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.FieldError("Reason").ShouldBe("Enter why the assessment is being cancelled");
        var cancelled = await nurse.SubmitAsync(noReason, ("Reason", "Started twice by mistake"));
        cancelled.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", cancelled.ErrorSummary));
        cancelled.Location.ShouldBe($"/People/{person.Id}/Assessments");

        var read = await nurse.GetAsync($"/Assessments/{first}");
        read.SummaryValue("Status").ShouldBe("Cancelled");
        HtmlPage.Text(read.Document.GetElementById("cancellation-reason")).ShouldBe("Reason: Started twice by mistake");
        read.Document.QuerySelector(".govuk-task-list").ShouldBeNull("a cancelled draft is read only");
        var history = await nurse.GetAsync($"/Assessments/{first}/History");
        history.BodyText.ShouldContain("Cancelled the draft needs assessment (version 1)");
        history.BodyText.ShouldContain("Started twice by mistake");
        (await nurse.GetAsync($"/Assessments/{first}/Eligibility")).BodyText.ShouldContain("This assessment was cancelled: Started twice by mistake.");

        // Now another can start.
        var (next, _) = await CreateDraftAsync(nurse, person.Id);
        next.ShouldNotBe(first);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Cancel_OverTheApi_ByAnotherPractitioner_IsRefused_ByTheOwner_IsDone(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var (id, revision) = await CreateDraftAsync(nurse, person.Id);

        using var notTheirs = await socialWorker.Http.PostAsJsonAsync($"/api/v1/assessments/{id}/cancel", new { reason = "Duplicate", revision }, Ct);
        notTheirs.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(notTheirs)).GetProperty("errorCode").GetString().ShouldBe("assessment-cancel-not-allowed");

        using var noReason = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{id}/cancel", new { revision }, Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(noReason)).GetProperty("errors").GetProperty("reason").EnumerateArray().Single().GetString().ShouldBe("Enter why the assessment is being cancelled");

        using var done = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{id}/cancel", new { reason = "The person asked to stop", revision }, Ct);
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync(Ct));
        var body = await JsonAsync(done);
        body.GetProperty("status").GetString().ShouldBe("Cancelled");
        body.GetProperty("cancellationReason").GetString().ShouldBe("The person asked to stop");
        body.GetProperty("cancelledBy").GetString().ShouldBe(DemoAccounts.NorthNurseName);

        using var again = await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{id}/cancel", new { reason = "Again", revision = revision + 1 }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task NeedsAssessment_StartedTwentyTimesAtOnce_LeavesOneDraft_TheOthersGetTheConflict(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var race = await Race.FireAsync(() => nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", AssessmentsApiTests.WholeAssessment(complete: false), Ct));

        await race.ShouldHaveOneWinnerAsync();
        (await app.QueryAsync(provider, db => db.Assessments.CountAsync(a => a.PersonId == person.Id && a.Status == AssessmentStatus.Draft))).ShouldBe(1);
    }
}
