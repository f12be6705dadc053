using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Eligibility;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Carers;

/// <summary>
/// The carer's route to a personal budget (ADR 21), over the API on both databases: an eligible carer's own record and
/// pathway, the carers' resource allocation, a carer's plan meeting the carer's eligible needs, approval by the team
/// manager, and the personal budget statement; who may see it, and bad input.
/// </summary>
public sealed class CarerRouteApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] PlanOutcomes = ["A night off each week"];
    private static readonly string[] Contradictory = ["WithoutDifficulty", "SignificantPainDistressOrAnxiety"];
    private static readonly string[] OldList = ["Recreation"];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static int Rev(JsonElement e) => e.GetProperty("revision").GetInt32();

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static object CarerDetails(string identifier) => new
    {
        legalFirstName = "Jo", legalLastName = "Carerson", dateOfBirth = "1961-04-12", personIdentifier = identifier, postcode = "LS1 4AP",
    };

    private async Task<(Guid CaredFor, Guid AssessmentId)> EligibleCarerAsync(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.CarerAsync(provider, person.Id, "Jo Carerson", healthAtRisk: true, CarerOutcome.Recreation);
        (await app.DecideAsync(provider, assessmentId)).ShouldBeTrue();
        return (person.Id, assessmentId);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task EligibleCarer_GetsTheirOwnIndicativeBudget_Plan_Approval_AndPersonalBudget(DatabaseProvider provider)
    {
        var (caredFor, assessmentId) = await EligibleCarerAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var http = nurse.Http;

        var started = await OkAsync(await http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/carer-pathway", CarerDetails($"C-{Guid.NewGuid():N}"[..12]), Ct), HttpStatusCode.Created);
        var carerId = started.GetProperty("carerPersonId").GetGuid();
        started.GetProperty("caresForPersonId").GetGuid().ShouldBe(caredFor);

        // Started once: a second start is a conflict.
        (await http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/carer-pathway", CarerDetails("C-OTHER-1"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The carer's pathway is open at the indicative budget, owned by the nurse who started it; the cared-for person's is untouched.
        var (stage, owner, caredForEpisodes) = await app.QueryAsync(provider, async db => (
            await db.PathwayEpisodes.Where(e => e.PersonId == carerId && e.EndedAt == null).Select(e => e.Stage).SingleAsync(Ct),
            await db.PathwaySteps.Where(s => s.PersonId == carerId && s.CompletedAt == null).Select(s => s.OwnerName).SingleAsync(Ct),
            await db.PathwayEpisodes.CountAsync(e => e.PersonId == caredFor, Ct)));
        stage.ShouldBe(PathwayStage.IndicativeBudget);
        owner.ShouldBe(DemoAccounts.NorthNurseName);
        caredForEpisodes.ShouldBe(0);

        // The carers' resource allocation system, not the adults'.
        var ras = await OkAsync(await http.GetAsync(Url("/api/v1/ras/published?kind=Carer"), Ct));
        ras.GetProperty("name").GetString().ShouldBe(DefaultCarersRas.Name);
        var budgets = await OkAsync(await http.GetAsync(Url($"/api/v1/people/{carerId}/indicative-budgets"), Ct));
        budgets.GetProperty("eligible").GetBoolean().ShouldBeTrue();
        var answers = DefaultCarersRas.Definition.Questions.ToDictionary(q => q.Id, q => q.Answers[2].Id);
        var indicative = await OkAsync(await http.PostAsJsonAsync($"/api/v1/people/{carerId}/indicative-budgets", new { answers, completedWith = "PractitionerWithPerson" }, Ct), HttpStatusCode.Created);
        var expected = RasCalculator.Calculate(DefaultCarersRas.Definition, answers).Weekly;
        indicative.GetProperty("weeklyAmount").GetDecimal().ShouldBe(expected);

        // The carer's plan meets the carer's eligible needs: their health at risk, and the outcome they cannot achieve.
        var plan = await OkAsync(await http.PostAsJsonAsync($"/api/v1/people/{carerId}/plans", new { }, Ct), HttpStatusCode.Created);
        var planId = plan.GetProperty("id").GetGuid();
        plan.GetProperty("needs").EnumerateArray().Select(n => n.GetProperty("need").GetString()).ShouldBe(["CarerHealth", "CarerRecreation"]);
        foreach (var section in new[] { "AboutMe", "WhatMatters", "Contingency" })
        {
            plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/sections/{section}", new { revision = Rev(plan), text = "I care for my son every night", writtenBy = "Carer" }, Ct));
        }

        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/outcomes", new { revision = Rev(plan), outcomes = PlanOutcomes, writtenBy = "Carer" }, Ct));
        foreach (var need in new[] { "CarerHealth", "CarerRecreation" })
        {
            plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/needs/{need}", new { revision = Rev(plan), howMet = "A sitter for my son one night a week", writtenBy = "Carer" }, Ct));
        }

        // An adult's outcome is not one of the carer's needs.
        (await http.PutAsJsonAsync($"/api/v1/plans/{planId}/needs/PersonalHygiene", new { revision = Rev(plan), howMet = "x", writtenBy = "Carer" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var badNeed = await http.PostAsJsonAsync($"/api/v1/plans/{planId}/elements", new
        {
            revision = Rev(plan), description = "Sitter", category = "SupportToCaredForPerson", provider = "Northmoor Sitters", unitCost = expected, unitType = "Week",
            unitsPerWeek = 1m, startDate = Iso(ApprovalArrangeToday), deployment = "DirectPayment", meetsNeed = "CarerNonsense",
        }, Ct))
        {
            badNeed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await OkAsync(badNeed, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("meetsNeed")[0].GetString().ShouldBe("Select one of the person's eligible needs, or none");
        }

        // Support to the cared-for person (replacement care), to meet the carer's need.
        plan = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{planId}/elements", new
        {
            revision = Rev(plan), description = "Sitter for the cared-for person one night a week", category = "SupportToCaredForPerson", provider = "Northmoor Sitters",
            unitCost = expected, unitType = "Week", unitsPerWeek = 1m, startDate = Iso(ApprovalArrangeToday), deployment = "DirectPayment", meetsNeed = "CarerRecreation",
        }, Ct));
        plan.GetProperty("elements")[0].GetProperty("meetsNeed").GetString().ShouldBe("CarerRecreation");
        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/funding", new { revision = Rev(plan), assessedContributionWeekly = 0m, nhsShareWeekly = 0m, significantRisk = false }, Ct));
        plan = await OkAsync(await http.PutAsJsonAsync($"/api/v1/plans/{planId}/agreement", new { revision = Rev(plan), agreement = "Agreed", participation = "InPerson" }, Ct));
        plan.GetProperty("gaps").GetArrayLength().ShouldBe(0, plan.GetProperty("gaps").ToString());
        plan = await OkAsync(await http.PostAsJsonAsync($"/api/v1/plans/{planId}/submit", new { revision = Rev(plan) }, Ct));
        var approval = plan.GetProperty("approval");
        approval.GetProperty("route").GetString().ShouldBe("TeamManager");
        var approvalId = approval.GetProperty("id").GetGuid();

        // The North team manager (the cared-for person's team) decides, as for anyone.
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);
        var request = await OkAsync(await manager.Http.GetAsync(Url($"/api/v1/approvals/{approvalId}"), Ct));
        var decided = await OkAsync(await manager.Http.PostAsJsonAsync($"/api/v1/approvals/{approvalId}/decision",
            new { outcome = "Approved", reasons = "Meets the carer's eligible needs", revision = Rev(request) }, Ct));
        decided.GetProperty("outcome").GetString().ShouldBe("Approved");

        var statement = await OkAsync(await http.GetAsync(Url($"/api/v1/people/{carerId}/personal-budgets"), Ct));
        var current = statement.GetProperty("current");
        current.GetProperty("planId").GetGuid().ShouldBe(planId);
        current.GetProperty("weeklyCost").GetDecimal().ShouldBe(expected);
        (await app.QueryAsync(provider, db => db.PathwayEpisodes.Where(e => e.PersonId == carerId && e.EndedAt == null).Select(e => e.Stage).SingleAsync(Ct)))
            .ShouldBe(PathwayStage.BudgetInPlace);
    }

    private static DateOnly ApprovalArrangeToday => PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TheCarersRecord_IsSeenByTheCaredForPersonsTeams_AndNoOneElse_AndEveryViewIsAudited(DatabaseProvider provider)
    {
        var (caredFor, assessmentId) = await EligibleCarerAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var started = await OkAsync(await nurse.Http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/carer-pathway", CarerDetails($"C-{Guid.NewGuid():N}"[..12]), Ct), HttpStatusCode.Created);
        var carerId = started.GetProperty("carerPersonId").GetGuid();

        (await nurse.Http.GetAsync(Url($"/api/v1/people/{carerId}/indicative-budgets"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == carerId && a.Action == Core.Audit.AuditAction.Viewed, Ct))).ShouldBeGreaterThan(0);

        // South staff do not work with the cared-for person: the carer's record is refused to them, as the person's is.
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        (await south.Http.GetAsync(Url($"/api/v1/people/{carerId}/indicative-budgets"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await south.Http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/carer-pathway", CarerDetails("C-SOUTH-1"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The carer's record says whom they care for.
        var (caresFor, teams) = await app.QueryAsync(provider, async db => (
            await db.People.Where(p => p.Id == carerId).Select(p => p.CaresForPersonId).SingleAsync(Ct),
            await db.TeamAllocations.Where(a => a.PersonId == carerId && a.EndedAt == null).Select(a => a.TeamId).ToListAsync(Ct)));
        caresFor.ShouldBe(caredFor);
        teams.ShouldBe(await app.QueryAsync(provider, db => db.TeamAllocations.Where(a => a.PersonId == caredFor && a.EndedAt == null).Select(a => a.TeamId).ToListAsync(Ct)));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task BadInput_IsA400NamingTheField(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var http = nurse.Http;

        var nurseId = await app.QueryAsync(provider, db => db.Users.Where(u => u.Email == DemoAccounts.NorthNurse).Select(u => u.Id).SingleAsync(Ct));
        var due = Iso(ApprovalArrangeToday.AddDays(14));

        // A carer outcome answered both "without difficulty" and a way of being unable is refused, and nothing is saved.
        var created = await OkAsync(await http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", new
        {
            kind = "Carer", ownerId = nurseId, dueDate = due,
            carerNeeds = new
            {
                carerName = "Jo Carerson", relationship = "Mother", needsFromProvidingCare = true, healthAtRisk = false,
                outcomes = new[] { new { outcome = "Recreation", howManaged = Contradictory } },
            },
        }, Ct), HttpStatusCode.BadRequest);
        created.GetProperty("errors").TryGetProperty("carerNeeds.outcomes[0].howManaged", out var contradiction).ShouldBeTrue(created.ToString());
        contradiction[0].GetString()
            .ShouldBe("Select either \"without difficulty\" or the ways the carer is unable to achieve this outcome, not both");
        (await app.QueryAsync(provider, db => db.Assessments.CountAsync(a => a.PersonId == person.Id, Ct))).ShouldBe(0);

        // The old yes-or-no list is refused: it cannot say how the carer is unable.
        var old = await OkAsync(await http.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", new
        {
            kind = "Carer", ownerId = nurseId, dueDate = due,
            carerNeeds = new { carerName = "Jo Carerson", relationship = "Mother", needsFromProvidingCare = true, healthAtRisk = false, outcomesNotAchieved = OldList },
        }, Ct), HttpStatusCode.BadRequest);
        old.GetProperty("errors").GetProperty("carerNeeds.outcomesNotAchieved")[0].GetString().ShouldNotBeNull();

        // Starting a carer's pathway: from a carer who is not eligible, and with the carer's details missing.
        var notEligible = await app.CarerAsync(provider, person.Id, "Sam Carer", healthAtRisk: false);
        (await app.DecideAsync(provider, notEligible, advice: "Carers centre details given")).ShouldBeFalse();
        var refused = await OkAsync(await http.PostAsJsonAsync($"/api/v1/assessments/{notEligible}/carer-pathway", CarerDetails("C-NE-1"), Ct), HttpStatusCode.BadRequest);
        refused.GetProperty("errorCode").GetString().ShouldBe("carer-pathway-cannot-start");

        var eligible = await app.CarerAsync(provider, person.Id, "Jo Carerson", healthAtRisk: true);
        await app.DecideAsync(provider, eligible);
        var missing = await OkAsync(await http.PostAsJsonAsync($"/api/v1/assessments/{eligible}/carer-pathway", new { legalFirstName = "Jo", dateOfBirth = "1961-04-12" }, Ct), HttpStatusCode.BadRequest);
        missing.GetProperty("errors").GetProperty("legalLastName")[0].GetString().ShouldBe("Enter the person's legal last name");
        missing.GetProperty("errors").GetProperty("personIdentifier")[0].GetString().ShouldBe("Enter the council person identifier");
        (await app.QueryAsync(provider, db => db.People.CountAsync(p => p.CaresForPersonId == person.Id, Ct))).ShouldBe(0);
    }
}
