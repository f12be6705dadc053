using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Assessments;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Api;

/// <summary>
/// Another system takes a person from "eligible, with an indicative budget" to "approved personal budget and a
/// completed first review" through the API alone: plan, submission, the team manager's decision, the budget
/// statement and the first review, with the pathway checked at each stage.
/// </summary>
public sealed class SupportJourneyApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string NorthManagerName = "Helen Marsh";

    private static readonly string[] Outcomes = ["Cook a meal for my brother each week", "Go to the allotment twice a week"];

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (response)
        {
            response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync(Ct));
            return await JsonAsync(response);
        }
    }

    private static int Rev(JsonElement json) => json.GetProperty("revision").GetInt32();

    /// <summary>The current episode's stage and its one open step.</summary>
    private static async Task<(string? Stage, JsonElement Step)> PathwayAsync(HttpClient http, Guid personId)
    {
        var pathway = await OkAsync(await http.GetAsync(Url($"/api/v1/people/{personId}/pathway"), Ct));
        var current = pathway.GetProperty("current");
        current.ValueKind.ShouldBe(JsonValueKind.Object);
        var open = current.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("completedAt").ValueKind == JsonValueKind.Null).ToList();
        return (current.GetProperty("stage").GetString(), open.ShouldHaveSingleItem());
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_TakesAnEligiblePersonWithAnIndicativeBudgetToAnApprovedBudgetAndACompletedFirstReview(DatabaseProvider provider)
    {
        // A North person with no pathway yet.
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var http = nurse.Http;

        // Eligible, with an indicative budget, as in PathwayJourneyApiTests.
        var assessment = await OkAsync(await http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", AssessmentsApiTests.WholeAssessment(complete: true), Ct), HttpStatusCode.Created);
        var assessmentId = assessment.GetProperty("id").GetGuid();
        var eligibility = await OkAsync(await http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/eligibility",
            new { significantImpact = true, significantImpactReason = "Without help with meals and washing the person's mental health deteriorates quickly." }, Ct), HttpStatusCode.Created);
        eligibility.GetProperty("eligible").GetBoolean().ShouldBeTrue();
        var eligibleOn = Today;
        var published = await app.QueryAsync(provider, db => db.RasVersions.AsNoTracking().SingleAsync(v => v.Kind == RasKind.Adult && v.Status == RasVersionStatus.Published));
        var answers = published.Definition.Questions.ToDictionary(q => q.Id, q => q.Answers[1].Id);
        var indicative = await OkAsync(await http.PostAsJsonAsync($"/api/v1/people/{person.Id}/indicative-budgets", new { answers, completedWith = "PersonWithSupport" }, Ct), HttpStatusCode.Created);
        var indicativeWeekly = indicative.GetProperty("weeklyAmount").GetDecimal();

        // The pathway: support planning, owned, due 28 days after eligibility.
        var (stage, step) = await PathwayAsync(http, person.Id);
        stage.ShouldBe(nameof(PathwayStage.SupportPlanning));
        step.GetProperty("stage").GetString().ShouldBe(nameof(PathwayStage.SupportPlanning));
        step.GetProperty("ownerName").GetString().ShouldNotBeNullOrWhiteSpace();
        step.GetProperty("ownerId").GetGuid().ShouldNotBe(Guid.Empty);
        step.GetProperty("dueDate").GetString().ShouldBe(Iso(eligibleOn.AddDays(28)));

        // A plan, written section by section with the revision from each answer.
        var plan = await OkAsync(await http.PostAsync(Url($"/api/v1/people/{person.Id}/plans"), ApiContent.JsonWithoutBody(), Ct), HttpStatusCode.Created);
        var planId = plan.GetProperty("id").GetGuid();
        plan.GetProperty("status").GetString().ShouldBe("Draft");
        plan.GetProperty("indicativeWeekly").GetDecimal().ShouldBe(indicativeWeekly);
        var author = plan.GetProperty("author").GetString();
        author.ShouldBe(DemoAccounts.NorthNurseName);

        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/sections/AboutMe", new { revision = Rev(plan), text = "I live with my brother and love cooking", writtenBy = "Person" }, Ct));
        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/sections/WhatMatters", new { revision = Rev(plan), text = "Getting out of the house every day", writtenBy = "Person" }, Ct));
        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/sections/Contingency", new { revision = Rev(plan), text = "Call my brother, then the crisis team", writtenBy = "Carer" }, Ct));
        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/outcomes", new { revision = Rev(plan), outcomes = Outcomes, writtenBy = "Person" }, Ct));
        plan.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("text").GetString()).ShouldBe(Outcomes);

        var needs = plan.GetProperty("needs").EnumerateArray().Select(n => n.GetProperty("need").GetString()!).ToList();
        needs.ShouldNotBeEmpty();
        foreach (var need in needs)
        {
            plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/needs/{need}", new { revision = Rev(plan), howMet = "A personal assistant and a day service", writtenBy = "Practitioner" }, Ct));
        }

        plan.GetProperty("needs").EnumerateArray().ShouldAllBe(n => n.GetProperty("howMet").GetString() == "A personal assistant and a day service");
        plan.GetProperty("gaps").EnumerateArray().Select(g => g.GetProperty("field").GetString()).ShouldNotContain(f => f!.StartsWith("Needs.", StringComparison.Ordinal));

        // Two elements: a personal assistant on a direct payment (10 hours at £15) and a commissioned day service (2 sessions at £60).
        var start = Iso(Today);
        plan = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{planId}/elements", new
        {
            revision = Rev(plan), description = "Personal assistant for cooking and shopping", category = "PersonalAssistant", provider = "Employed by the person",
            unitCost = 15m, unitType = "Hour", unitsPerWeek = 10m, startDate = start, deployment = "DirectPayment", meetsNeed = needs[0],
        }, Ct));
        plan = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{planId}/elements", new
        {
            revision = Rev(plan), description = "Allotment day service", category = "CommunityActivity", provider = "Northmoor Growing Together",
            unitCost = 60m, unitType = "Session", unitsPerWeek = 2m, startDate = start, deployment = "CouncilCommissioned",
        }, Ct));
        const decimal weekly = 270m;
        plan.GetProperty("elements").GetArrayLength().ShouldBe(2);
        plan.GetProperty("weeklyCost").GetDecimal().ShouldBe(weekly);
        plan.GetProperty("annualCost").GetDecimal().ShouldBe(Money.Annual(weekly));

        // Funding: a reason for the difference from the indicative amount only when the plan says one is needed.
        var reasonNeeded = plan.GetProperty("varianceReasonNeeded").GetBoolean();
        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/funding", new
        {
            revision = Rev(plan), assessedContributionWeekly = 10m, nhsShareWeekly = 0m, significantRisk = false,
            varianceReason = reasonNeeded ? "The day service is the only one near the person's home" : null,
        }, Ct));
        plan.GetProperty("assessedContributionWeekly").GetDecimal().ShouldBe(10m);
        if (reasonNeeded)
        {
            plan.GetProperty("varianceReason").GetString().ShouldBe("The day service is the only one near the person's home");
        }

        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/agreement", new
        {
            revision = Rev(plan), agreement = "Agreed", agreementInOwnWords = "This is what I want", participation = "InPerson",
        }, Ct));
        plan.GetProperty("gaps").GetArrayLength().ShouldBe(0);

        // Submitted within the team manager's limit: the team manager decides.
        plan = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{planId}/submit", new { revision = Rev(plan) }, Ct));
        plan.GetProperty("status").GetString().ShouldBe("AwaitingApproval");
        var approval = plan.GetProperty("approval");
        approval.GetProperty("route").GetString().ShouldBe("TeamManager");
        approval.GetProperty("decider").GetString().ShouldBe(NorthManagerName);
        approval.GetProperty("outcome").ValueKind.ShouldBe(JsonValueKind.Null);
        var approvalId = approval.GetProperty("id").GetGuid();

        (stage, step) = await PathwayAsync(http, person.Id);
        stage.ShouldBe(nameof(PathwayStage.Approval));
        step.GetProperty("ownerName").GetString().ShouldBe(NorthManagerName);
        step.GetProperty("dueDate").GetString().ShouldBe(approval.GetProperty("dueDate").GetString());

        // The nurse wrote and submitted the plan; as a practitioner she may not decide plans at all (DecideApprovals),
        // and nothing changes. (The author rule for a team manager's own plan: ApprovalsApiTests.)
        var request = await OkAsync(await http.GetAsync(Url($"/api/v1/approvals/{approvalId}"), Ct));
        request.GetProperty("isOpen").GetBoolean().ShouldBeTrue();
        request.GetProperty("planId").GetGuid().ShouldBe(planId);
        request.GetProperty("weeklyCost").GetDecimal().ShouldBe(weekly);
        using (var own = await http.PostAsJsonAsync($"/api/v1/approvals/{approvalId}/decision", new { outcome = "Approved", reasons = "Meets the needs", revision = Rev(request) }, Ct))
        {
            own.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            own.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            var problem = await JsonAsync(own);
            problem.GetProperty("status").GetInt32().ShouldBe(403);
            problem.GetProperty("errorCode").GetString().ShouldBe("forbidden");
        }

        (await OkAsync(await http.GetAsync(Url($"/api/v1/approvals/{approvalId}"), Ct))).GetProperty("isOpen").GetBoolean().ShouldBeTrue();

        // The North team manager approves it.
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var queue = await OkAsync(await manager.Http.GetAsync(Url("/api/v1/approvals"), Ct));
        queue.GetProperty("teamManager").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(approvalId);
        var decided = await OkAsync(await manager.Http.PostAsJsonAsync($"/api/v1/approvals/{approvalId}/decision",
            new { outcome = "Approved", reasons = "The plan meets the eligible needs within the budget", revision = Rev(request) }, Ct));
        decided.GetProperty("outcome").GetString().ShouldBe("Approved");
        decided.GetProperty("decidedBy").GetString().ShouldBe(NorthManagerName);
        decided.GetProperty("isOpen").GetBoolean().ShouldBeFalse();
        (await OkAsync(await http.GetAsync(Url($"/api/v1/plans/{planId}"), Ct))).GetProperty("status").GetString().ShouldBe("Approved");

        // The personal budget: the plan's cost, split by how each element is paid for (every way listed, unused ones at £0), from the elements' start.
        var budgets = await OkAsync(await http.GetAsync(Url($"/api/v1/people/{person.Id}/personal-budgets"), Ct));
        budgets.GetProperty("earlier").GetArrayLength().ShouldBe(0);
        var budget = budgets.GetProperty("current");
        budget.ValueKind.ShouldBe(JsonValueKind.Object);
        budget.GetProperty("planId").GetGuid().ShouldBe(planId);
        budget.GetProperty("approvalRequestId").GetGuid().ShouldBe(approvalId);
        budget.GetProperty("decision").GetString().ShouldBe("Approved");
        budget.GetProperty("decidedBy").GetString().ShouldBe(NorthManagerName);
        budget.GetProperty("startDate").GetString().ShouldBe(start);
        budget.GetProperty("endDate").ValueKind.ShouldBe(JsonValueKind.Null);
        budget.GetProperty("weeklyCost").GetDecimal().ShouldBe(weekly);
        budget.GetProperty("annualCost").GetDecimal().ShouldBe(Money.Annual(weekly));
        budget.GetProperty("contributionWeekly").GetDecimal().ShouldBe(10m);
        budget.GetProperty("nhsShareWeekly").GetDecimal().ShouldBe(0m);
        budget.GetProperty("councilShareWeekly").GetDecimal().ShouldBe(weekly - 10m);
        budget.GetProperty("byDeployment").EnumerateArray()
            .Select(d => (d.GetProperty("deployment").GetString(), d.GetProperty("weekly").GetDecimal(), d.GetProperty("annual").GetDecimal()))
            .ShouldBe([("DirectPayment", 150m, Money.Annual(150m)), ("CouncilManaged", 0m, 0m), ("IndividualServiceFund", 0m, 0m), ("CouncilCommissioned", 120m, Money.Annual(120m))]);
        var budgetStart = Today;

        // Budget in place: the first review is due 8 weeks after the budget starts, with the plan's author.
        (stage, step) = await PathwayAsync(http, person.Id);
        stage.ShouldBe(nameof(PathwayStage.BudgetInPlace));
        step.GetProperty("subjectId").GetGuid().ShouldBe(budget.GetProperty("id").GetGuid());
        step.GetProperty("ownerName").GetString().ShouldBe(author);
        step.GetProperty("dueDate").GetString().ShouldBe(Iso(budgetStart.AddDays(7 * 8)));

        // The nurse does the scheduled first review.
        var review = await OkAsync(await http.PostAsJsonAsync($"/api/v1/people/{person.Id}/reviews", new { reason = "Scheduled" }, Ct), HttpStatusCode.Created);
        var reviewId = review.GetProperty("id").GetGuid();
        review.GetProperty("status").GetString().ShouldBe("InProgress");
        review.GetProperty("planId").GetGuid().ShouldBe(planId);
        review.GetProperty("budgetId").GetGuid().ShouldBe(budget.GetProperty("id").GetGuid());
        review.GetProperty("dueDate").GetString().ShouldBe(Iso(budgetStart.AddDays(7 * 8)));
        review.GetProperty("planHasDirectPayment").GetBoolean().ShouldBeTrue();
        var outcomes = review.GetProperty("outcomes").EnumerateArray().Select(o => (Id: o.GetProperty("planOutcomeId").GetGuid(), Text: o.GetProperty("outcome").GetString())).ToList();
        outcomes.Select(o => o.Text).ShouldBe(Outcomes);
        (await PathwayAsync(http, person.Id)).Stage.ShouldBe(nameof(PathwayStage.Review));

        foreach (var (outcomeId, _) in outcomes)
        {
            review = await OkAsync(await http.PutAsJsonAsync($"/api/v1/reviews/{reviewId}/outcomes/{outcomeId}", new { achieved = "Fully", personComment = "Going well", revision = Rev(review) }, Ct));
        }

        review = await OkAsync(await http.PutAsJsonAsync($"/api/v1/reviews/{reviewId}/findings", new
        {
            participation = "InPerson", whatIsWorking = "The personal assistant and the allotment", whatIsNotWorking = "Nothing yet", directPaymentReviewed = true, revision = Rev(review),
        }, Ct));
        review.GetProperty("directPaymentReviewed").GetBoolean().ShouldBeTrue();
        review.GetProperty("outcomes").EnumerateArray().ShouldAllBe(o => o.GetProperty("achieved").GetString() == "Fully");
        review.GetProperty("gaps").GetArrayLength().ShouldBe(0);

        var standards = (await OkAsync(await http.GetAsync(Url("/api/v1/service-standards"), Ct))).GetProperty("standards")
            .Deserialize<ServiceStandards>(Web).ShouldNotBeNull();
        var nextDue = DueDates.NextReview(Today, budgetStart, hasDirectPayment: true, standards);
        nextDue.ShouldBeLessThanOrEqualTo(budgetStart.AddMonths(6));

        var done = await OkAsync(await http.PostAsJsonAsync($"/api/v1/reviews/{reviewId}/completion", new { decision = "Continue", revision = Rev(review) }, Ct));
        done.GetProperty("status").GetString().ShouldBe("Completed");
        done.GetProperty("decision").GetString().ShouldBe("Continue");
        done.GetProperty("completedBy").GetString().ShouldBe(DemoAccounts.NorthNurseName);
        done.GetProperty("whatHappensNext").GetString().ShouldNotBeNull().ShouldContain(Core.Common.UkFormat.Date(nextDue));

        // Budget in place again, the next review no later than 6 months after the budget started (a direct payment).
        (stage, step) = await PathwayAsync(http, person.Id);
        stage.ShouldBe(nameof(PathwayStage.BudgetInPlace));
        step.GetProperty("dueDate").GetString().ShouldBe(Iso(nextDue));
        var reviews = await OkAsync(await http.GetAsync(Url($"/api/v1/people/{person.Id}/reviews"), Ct));
        reviews.GetProperty("stage").GetString().ShouldBe(nameof(PathwayStage.BudgetInPlace));
        reviews.GetProperty("nextReviewDue").GetString().ShouldBe(Iso(nextDue));
        reviews.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("decision").GetString().ShouldBe("Continue");
    }
}
