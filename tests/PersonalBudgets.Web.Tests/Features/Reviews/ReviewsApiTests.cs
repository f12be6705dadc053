using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Eligibility;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reviews;

/// <summary>The reviews API: list, start, record, complete, with the revision in every write and refusals as ProblemDetails.</summary>
public sealed class ReviewsApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => ReviewArrange.Today;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_StartsRecordsAndCompletesAReview_RefusingBadInputAndStaleRevisions(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var start = Today.AddDays(-50);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(-2), budgetStart: start, directPayment: true);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var http = nurse.Http;

        using var before = await http.GetAsync(Url($"/api/v1/people/{person.Id}/reviews"), Ct);
        before.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await JsonAsync(before);
        list.GetProperty("stage").GetString().ShouldBe("BudgetInPlace");
        list.GetProperty("canStart").GetBoolean().ShouldBeTrue();
        list.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        list.GetProperty("nextReviewDue").GetString().ShouldBe(scenario.ReviewDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        list.GetProperty("items").GetArrayLength().ShouldBe(0);

        using var noDetail = await http.PostAsJsonAsync($"/api/v1/people/{person.Id}/reviews", new { reason = "RequestedByPerson" }, Ct);
        noDetail.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(noDetail);
        problem.GetProperty("errorCode").GetString().ShouldBe("validation-failed");
        problem.GetProperty("errors").GetProperty("requestDetail")[0].GetString().ShouldBe("Enter why the review was asked for");

        using var created = await http.PostAsJsonAsync($"/api/v1/people/{person.Id}/reviews", new { reason = "Scheduled" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var review = await JsonAsync(created);
        var id = review.GetProperty("id").GetGuid();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/reviews/{id}");
        review.GetProperty("status").GetString().ShouldBe("InProgress");
        review.GetProperty("planHasDirectPayment").GetBoolean().ShouldBeTrue();
        review.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("outcome").GetString()).ShouldBe([ReviewArrange.OutcomeOne, ReviewArrange.OutcomeTwo]);
        review.GetProperty("gaps").GetArrayLength().ShouldBe(4);
        var revision = review.GetProperty("revision").GetInt32();

        using var again = await http.PostAsJsonAsync($"/api/v1/people/{person.Id}/reviews", new { reason = "Scheduled" }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(again)).GetProperty("errorCode").GetString().ShouldBe("review-in-progress");

        using var noRevision = await http.PutAsJsonAsync($"/api/v1/reviews/{id}/findings", new { participation = "InPerson", whatIsWorking = "a", whatIsNotWorking = "b", directPaymentReviewed = true }, Ct);
        noRevision.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(noRevision)).GetProperty("errors").GetProperty("revision")[0].GetString().ShouldBe("Give the revision of the review this change is based on");

        using var lackedCapacity = await http.PutAsJsonAsync($"/api/v1/reviews/{id}/findings", new { participation = "LackedCapacity", whatIsWorking = "a", whatIsNotWorking = "b", revision }, Ct);
        lackedCapacity.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(lackedCapacity)).GetProperty("errors");
        errors.GetProperty("bestInterestsConsulted")[0].GetString().ShouldBe("Enter the best-interests decision and who was consulted");
        errors.GetProperty("directPaymentReviewed")[0].GetString().ShouldBe("Select whether the direct payment arrangements were reviewed");

        using var findings = await http.PutAsJsonAsync($"/api/v1/reviews/{id}/findings", new
        {
            participation = "LackedCapacity", bestInterestsConsulted = "Decided with his sister and the psychiatrist", whatIsWorking = ReviewJourney.Working,
            whatIsNotWorking = ReviewJourney.NotWorking, directPaymentReviewed = false, revision,
        }, Ct);
        findings.StatusCode.ShouldBe(HttpStatusCode.OK, await findings.Content.ReadAsStringAsync(Ct));
        revision = (await JsonAsync(findings)).GetProperty("revision").GetInt32();

        foreach (var (outcomeId, _) in scenario.Outcomes)
        {
            using var outcome = await http.PutAsJsonAsync($"/api/v1/reviews/{id}/outcomes/{outcomeId}", new { achieved = "Partly", personComment = "Getting there", revision }, Ct);
            outcome.StatusCode.ShouldBe(HttpStatusCode.OK, await outcome.Content.ReadAsStringAsync(Ct));
            revision = (await JsonAsync(outcome)).GetProperty("revision").GetInt32();
        }

        using var unknownOutcome = await http.PutAsJsonAsync($"/api/v1/reviews/{id}/outcomes/{Guid.NewGuid()}", new { achieved = "Fully", revision }, Ct);
        unknownOutcome.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var stale = await http.PostAsJsonAsync($"/api/v1/reviews/{id}/completion", new { decision = "Continue", revision = revision - 1 }, Ct);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var conflict = await JsonAsync(stale);
        conflict.GetProperty("errorCode").GetString().ShouldBe("concurrency-conflict");
        conflict.GetProperty("detail").GetString().ShouldNotBeNull().ShouldStartWith($"This record was changed by {DemoAccounts.NorthNurseName} at ");

        using var noNote = await http.PostAsJsonAsync($"/api/v1/reviews/{id}/completion", new { decision = "Reassess", revision }, Ct);
        noNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(noNote)).GetProperty("errors").GetProperty("decisionNote")[0].GetString().ShouldBe("Enter what needs to change and why");

        using var completed = await http.PostAsJsonAsync($"/api/v1/reviews/{id}/completion", new { decision = "Continue", revision }, Ct);
        completed.StatusCode.ShouldBe(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync(Ct));
        var done = await JsonAsync(completed);
        done.GetProperty("status").GetString().ShouldBe("Completed");
        done.GetProperty("decision").GetString().ShouldBe("Continue");
        done.GetProperty("participation").GetString().ShouldBe("LackedCapacity");
        done.GetProperty("bestInterestsConsulted").GetString().ShouldBe("Decided with his sister and the psychiatrist");
        done.GetProperty("gaps").GetArrayLength().ShouldBe(0);
        var nextDue = start.AddMonths(6);
        done.GetProperty("whatHappensNext").GetString().ShouldNotBeNull().ShouldContain($"The next review is due by {Core.Common.UkFormat.Date(nextDue)}");

        using var afterwards = await http.PutAsJsonAsync($"/api/v1/reviews/{id}/outcomes/{scenario.Outcomes[0].Id}", new { achieved = "Fully", revision = done.GetProperty("revision").GetInt32() }, Ct);
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(afterwards)).GetProperty("errorCode").GetString().ShouldBe("review-completed");

        using var read = await http.GetAsync(Url($"/api/v1/reviews/{id}"), Ct);
        (await JsonAsync(read)).GetProperty("outcomes")[0].GetProperty("achieved").GetString().ShouldBe("Partly");
        using var after = await http.GetAsync(Url($"/api/v1/people/{person.Id}/reviews"), Ct);
        var listed = await JsonAsync(after);
        listed.GetProperty("stage").GetString().ShouldBe(nameof(PathwayStage.BudgetInPlace));
        listed.GetProperty("nextReviewDue").GetString().ShouldBe(nextDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        listed.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("decision").GetString().ShouldBe("Continue");
        (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull().DueDate.ShouldBe(nextDue);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_RequestedReview_IsDueWithin28Days_AndReassessMovesThePathwayToNeedsAssessment(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(90), budgetStart: Today.AddDays(-20));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var http = nurse.Http;

        using var created = await http.PostAsJsonAsync($"/api/v1/people/{person.Id}/reviews", new { reason = "RequestedByPractitioner", detail = "Was admitted to hospital last week" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var review = await JsonAsync(created);
        review.GetProperty("dueDate").GetString().ShouldBe(Today.AddDays(28).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        review.GetProperty("requestDetail").GetString().ShouldBe("Was admitted to hospital last week");
        var id = review.GetProperty("id").GetGuid();
        var revision = review.GetProperty("revision").GetInt32();

        using var findings = await http.PutAsJsonAsync($"/api/v1/reviews/{id}/findings", new { participation = "InPerson", whatIsWorking = "Little", whatIsNotWorking = "Needs have changed a lot", revision }, Ct);
        revision = (await JsonAsync(findings)).GetProperty("revision").GetInt32();
        foreach (var (outcomeId, _) in scenario.Outcomes)
        {
            using var outcome = await http.PutAsJsonAsync($"/api/v1/reviews/{id}/outcomes/{outcomeId}", new { achieved = "Not", revision }, Ct);
            revision = (await JsonAsync(outcome)).GetProperty("revision").GetInt32();
        }

        using var completed = await http.PostAsJsonAsync($"/api/v1/reviews/{id}/completion", new { decision = "Reassess", note = "Needs have changed since the admission", revision }, Ct);
        completed.StatusCode.ShouldBe(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync(Ct));

        var step = (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull();
        step.Stage.ShouldBe(PathwayStage.NeedsAssessment);
        step.SubjectId.ShouldBeNull();
        (await app.BudgetAsync(provider, scenario.BudgetId)).EndDate.ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_RequestedReview_KeepsTheScheduledDueDate_WhenThatIsSooner(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var scenario = await app.BudgetInPlaceAsync(provider, person.Id, reviewDue: Today.AddDays(10), budgetStart: Today.AddDays(-46));
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using var created = await nurse.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/reviews", new { reason = "RequestedByPerson", detail = "Wants to change who supports her" }, Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        (await JsonAsync(created)).GetProperty("dueDate").GetString().ShouldBe(scenario.ReviewDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        (await app.OpenStepAsync(provider, person.Id)).ShouldNotBeNull().DueDate.ShouldBe(scenario.ReviewDue);
    }
}
