using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PersonalBudgets.Bench;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Bench;

/// <summary>A small generated data set (300 people) on PostgreSQL, the generator's only target, shared by the tests below.</summary>
public sealed class GeneratedDatabase : IAsyncLifetime
{
    public const int People = 300;
    public const int Seed = 20261206;

    public string ConnectionString { get; private set; } = "";

    public DateOnly Today { get; } = UkTime.DateOf(DateTimeOffset.UtcNow);

    public GeneratorSummary Summary { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        Summary = await Generator.RunAsync(new GeneratorOptions(ConnectionString, People, Seed, Today: Today), TextWriter.Null, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public PostgresPersonalBudgetsDbContext Db() =>
        new(new DbContextOptionsBuilder<PostgresPersonalBudgetsDbContext>().UseNpgsql(ConnectionString).Options);
}

public sealed class BenchDataGeneratorTests(GeneratedDatabase generated) : IClassFixture<GeneratedDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] ChecksummedTables = ["People", "PathwaySteps", "SupportPlanElements", "ApprovalRequests", "AssessmentOutcomes", "AspNetUsers", "AuditEntries",
        "DirectPayments", "PaymentRuns", "Payments", "DirectPaymentAccounts", "AccountPayIns", "MonitoringFlags", "Reclaims"];

    [Fact]
    public async Task Generate_WithTheSameSeedAndScale_WritesIdenticalRows()
    {
        var again = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await Generator.RunAsync(new GeneratorOptions(again, GeneratedDatabase.People, GeneratedDatabase.Seed, Today: generated.Today), TextWriter.Null, Ct);

        foreach (var table in ChecksummedTables)
        {
            // Another test of this class runs the app on the shared database, which audits its page views: only the
            // generator's audit entries (numbered first) are compared.
            var where = table == "AuditEntries" ? $"WHERE \"Id\" <= {generated.Summary.RowsByTable["AuditEntries"]}" : "";
            var first = await ChecksumAsync(generated.ConnectionString, table, where);
            var second = await ChecksumAsync(again, table, where);
            second.ShouldBe(first, $"{table} differs between two runs with the same seed");
        }
    }

    [Fact]
    public async Task Generate_FillsTheTeamOpenApprovalsReadTable_AsTheJoinComputesIt()
    {
        await using var connection = new NpgsqlConnection(generated.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        // Rows of the read table not in the join, and rows of the join not in the read table.
        command.CommandText = """
            WITH joined AS (
                SELECT DISTINCT a."TeamId", r."Id" AS "RequestId", r."PersonId", r."Route", r."DueDate", r."RequestedAt"
                FROM "ApprovalRequests" r JOIN "TeamAllocations" a ON a."PersonId" = r."PersonId" AND a."EndedAt" IS NULL
                WHERE r."Outcome" IS NULL OR r."Outcome" = 'Deferred'),
            stored AS (SELECT "TeamId", "RequestId", "PersonId", "Route", "DueDate", "RequestedAt" FROM "TeamOpenApprovals")
            SELECT (SELECT count(*) FROM joined), (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM joined) x),
                   (SELECT count(*) FROM (SELECT * FROM joined EXCEPT SELECT * FROM stored) y)
            """;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        (await reader.ReadAsync(Ct)).ShouldBeTrue();
        reader.GetInt64(0).ShouldBeGreaterThan(0);
        reader.GetInt64(1).ShouldBe(0);
        reader.GetInt64(2).ShouldBe(0);
    }

    [Fact]
    public async Task Generate_WithAnotherSeed_WritesOtherRows()
    {
        var other = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await Generator.RunAsync(new GeneratorOptions(other, GeneratedDatabase.People, GeneratedDatabase.Seed + 1, Today: generated.Today), TextWriter.Null, Ct);

        (await ChecksumAsync(other, "PathwaySteps")).ShouldNotBe(await ChecksumAsync(generated.ConnectionString, "PathwaySteps"));
    }

    [Fact]
    public async Task Generate_IntoADatabaseWithPeople_RefusesUnlessReplacing()
    {
        var refused = await Should.ThrowAsync<DatabaseNotEmptyException>(() =>
            Generator.RunAsync(new GeneratorOptions(generated.ConnectionString, GeneratedDatabase.People, GeneratedDatabase.Seed, Today: generated.Today), TextWriter.Null, Ct));
        refused.Message.ShouldContain("--replace");
    }

    [Fact]
    public async Task Generate_MakesTeamsStaffAndPeopleInProportion()
    {
        await using var db = generated.Db();
        (await db.People.CountAsync(Ct)).ShouldBe(GeneratedDatabase.People);
        var teams = await db.Teams.ToListAsync(Ct);
        teams.Count.ShouldBe(2);
        (await db.Users.CountAsync(Ct)).ShouldBeGreaterThanOrEqualTo(2 * 20);

        // Team 1 (the manager's) is the largest.
        var manager = await db.Users.SingleAsync(u => u.Email == OrganisationBuilder.ManagerEmail, Ct);
        var managerTeam = await db.TeamMemberships.Where(m => m.UserId == manager.Id).Select(m => m.TeamId).SingleAsync(Ct);
        var sizes = await db.TeamAllocations.Where(a => a.EndedAt == null).GroupBy(a => a.TeamId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct);
        sizes.Single(s => s.Key == managerTeam).Count.ShouldBe(sizes.Max(s => s.Count));

        // The practitioner has a realistic caseload and owns the open steps of it.
        var practitioner = await db.Users.SingleAsync(u => u.Email == OrganisationBuilder.PractitionerEmail, Ct);
        var caseload = await db.People.Where(p => p.KeyWorkerId == practitioner.Id).Select(p => p.Id).ToListAsync(Ct);
        caseload.Count.ShouldBe(Generator.PractitionerCaseload);
        var openSteps = await db.PathwaySteps.Where(s => s.CompletedAt == null && caseload.Contains(s.PersonId)).ToListAsync(Ct);
        openSteps.Count.ShouldBe(caseload.Count);
        openSteps.ShouldAllBe(s => s.OwnerId == practitioner.Id);

        // About ten pathway events a person (the exact mix varies with the seed).
        generated.Summary.Events.ShouldBeInRange(GeneratedDatabase.People * 6, GeneratedDatabase.People * 16);
        (await db.AuditEntries.CountAsync(Ct)).ShouldBeGreaterThan(GeneratedDatabase.People);
    }

    [Fact]
    public async Task Generate_LeavesTheTeamReadTablesExact_WithTheirIndexes()
    {
        await using var db = generated.Db();
        var expected = await db.TeamAllocations.Where(a => a.EndedAt == null)
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a.TeamId, PersonId = p.Id, p.SearchName, p.LegalLastName, p.LegalFirstName, p.KeyWorkerId })
            .ToListAsync(Ct);
        var actual = await db.TeamPeopleSearch
            .Select(s => new { s.TeamId, s.PersonId, s.SearchName, s.LegalLastName, s.LegalFirstName, s.KeyWorkerId })
            .ToListAsync(Ct);
        expected.Count.ShouldBeGreaterThan(GeneratedDatabase.People);
        actual.OrderBy(r => r.PersonId).ThenBy(r => r.TeamId).ShouldBe(expected.OrderBy(r => r.PersonId).ThenBy(r => r.TeamId));
        var indexes = await db.Database.SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'TeamPeopleSearch'").ToListAsync(Ct);
        indexes.ShouldBe(["PK_TeamPeopleSearch", "IX_TeamPeopleSearch_TeamId_Name", "IX_TeamPeopleSearch_TeamId_SearchName_Trigram"], ignoreOrder: true);
    }

    [Fact]
    public async Task Generate_SpreadsPeopleOverEveryStage_WithSomeStepsOverdueAndUnowned()
    {
        await using var db = generated.Db();
        var stages = await db.PathwayEpisodes.Select(e => e.Stage).Distinct().ToListAsync(Ct);
        stages.ShouldBe(Enum.GetValues<PathwayStage>(), ignoreOrder: true);

        var today = generated.Today;
        (await db.PathwaySteps.CountAsync(s => s.CompletedAt == null && s.DueDate < today, Ct)).ShouldBeGreaterThan(0);
        (await db.PathwaySteps.CountAsync(s => s.CompletedAt == null && s.OwnerId == null, Ct)).ShouldBeGreaterThan(0);
        (await db.PathwaySteps.CountAsync(s => s.CompletedAt == null && s.DueDate >= today, Ct)).ShouldBeGreaterThan(0);
        (await db.StepOwnerChanges.CountAsync(Ct)).ShouldBeGreaterThan(0);
        (await db.Notifications.CountAsync(Ct)).ShouldBeGreaterThan(0);
        (await db.PersonalBudgets.CountAsync(Ct)).ShouldBeGreaterThan(0);
        (await db.Reviews.CountAsync(Ct)).ShouldBeGreaterThan(0);
        (await db.ApprovalRequests.CountAsync(r => r.Outcome == null && r.Route == ApprovalRoute.TeamManager, Ct)).ShouldBeGreaterThan(0);

        // Every open episode has exactly one open step (the database holds it too: the one-open-step index was rebuilt).
        var open = await db.PathwayEpisodes.CountAsync(e => e.EndedAt == null, Ct);
        (await db.PathwaySteps.CountAsync(s => s.CompletedAt == null, Ct)).ShouldBe(open);
    }

    [Fact]
    public async Task Generate_MakesTheDirectPaymentOfEveryBudgetInPlaceWithADirectPaymentPart_PaidByTheCouncilsFourWeeklyRuns()
    {
        await using var db = generated.Db();
        var today = generated.Today;

        // Every budget in place (not ended) with a direct-payment part has its agreement, and only those.
        var withPart = await db.PersonalBudgets.Where(b => b.DirectPaymentWeekly > 0 && b.EndDate == null).Select(b => b.Id).ToListAsync(Ct);
        var agreements = await db.DirectPayments.AsNoTracking().ToListAsync(Ct);
        withPart.ShouldNotBeEmpty();
        agreements.Select(d => d.BudgetId).ShouldBe(withPart, ignoreOrder: true);
        agreements.ShouldContain(d => d.SignedOn != null);
        agreements.ShouldAllBe(d => d.SignedOn == null || d.SignedOn <= today);

        // One approved run per cycle date for the whole council, four weeks apart, its totals those of its payments.
        var runs = await db.PaymentRuns.AsNoTracking().OrderBy(r => r.RunDate).ToListAsync(Ct);
        runs.Count.ShouldBeGreaterThan(1);
        runs.ShouldAllBe(r => r.Status == PaymentRunStatus.Approved && r.DecidedById != r.CreatedById && r.RunDate <= today);
        runs.Zip(runs.Skip(1)).ShouldAllBe(pair => pair.Second.RunDate > pair.First.RunDate && (pair.Second.RunDate.DayNumber - pair.First.RunDate.DayNumber) % 28 == 0);
        var payments = await db.Payments.AsNoTracking().ToListAsync(Ct);
        payments.ShouldAllBe(p => p.Status == PaymentStatus.Paid && p.SourceKind == PayableSource.DirectPayment);
        foreach (var run in runs)
        {
            var own = payments.Where(p => p.RunId == run.Id).ToList();
            own.ShouldNotBeEmpty();
            run.Total.ShouldBe(own.Sum(p => p.Amount));
        }

        // Only signed agreements are paid, never for a period before the start, and the paid ones have a monitored account
        // whose council pay-ins are their payments.
        var signed = agreements.Where(d => d.SignedOn != null).ToDictionary(d => d.Id);
        payments.ShouldAllBe(p => signed.ContainsKey(p.SourceId) && p.PeriodStart >= signed[p.SourceId].StartDate!.Value);
        var accounts = await db.DirectPaymentAccounts.AsNoTracking().ToListAsync(Ct);
        var paidAgreements = payments.Where(p => p.Amount > 0).Select(p => p.SourceId).Distinct().Where(id => signed[id].NetWeekly > 0).ToList();
        accounts.Select(a => a.DirectPaymentAgreementId!.Value).ShouldBe(paidAgreements, ignoreOrder: true);
        var payIns = await db.AccountPayIns.AsNoTracking().ToListAsync(Ct);
        payIns.Sum(p => p.Amount).ShouldBe(payments.Where(p => paidAgreements.Contains(p.SourceId)).Sum(p => p.Amount));

        // Flags are open, owned by the finance officer, with a due date; a reclaim never takes the contingency reserve.
        var finance = await db.Users.SingleAsync(u => u.Email == OrganisationBuilder.FinanceEmail, Ct);
        (await db.MonitoringFlags.AsNoTracking().ToListAsync(Ct)).ShouldAllBe(f => f.Status == FlagStatus.Open && f.OwnerId == finance.Id && f.DueDate > f.RaisedOn);
        (await db.Reclaims.AsNoTracking().ToListAsync(Ct)).ShouldAllBe(r => r.Amount > 0 && r.Amount <= r.BalanceAtNotice - r.ContingencyReserve);
    }

    [Fact]
    public async Task Generate_LeavesTheTeamWorkReadTableExact_WithRowsForEveryTeam()
    {
        await using var db = generated.Db();
        var table = await db.TeamOpenSteps.AsNoTracking()
            .Select(r => new { r.TeamId, r.StepId, r.PersonId, r.OwnerId, r.OwnerName, r.OwnerProfession, r.DueDate }).ToListAsync(Ct);
        var join = await db.PathwaySteps.AsNoTracking().Where(s => s.CompletedAt == null)
            .Join(db.TeamAllocations.Where(a => a.EndedAt == null), s => s.PersonId, a => a.PersonId,
                (s, a) => new { a.TeamId, StepId = s.Id, s.PersonId, s.OwnerId, s.OwnerName, s.OwnerProfession, s.DueDate }).ToListAsync(Ct);

        join.Select(r => r.TeamId).Distinct().Count().ShouldBe(2);
        table.OrderBy(r => r.TeamId).ThenBy(r => r.StepId).ShouldBe(join.OrderBy(r => r.TeamId).ThenBy(r => r.StepId));
    }

    [Fact]
    public async Task TheApp_OnGeneratedData_AnswersEveryPageOfTheBenchmarkMix()
    {
        await using var factory = new PersonalBudgetsFactory(DatabaseProvider.PostgreSQL, generated.ConnectionString, null);
        await factory.StartOnItsOwnThreadAsync(Ct);
        List<Guid> caseload;
        await using (var db = generated.Db())
        {
            var user = await db.Users.SingleAsync(u => u.Email == OrganisationBuilder.PractitionerEmail, Ct);
            caseload = await db.People.Where(p => p.KeyWorkerId == user.Id).Select(p => p.Id).ToListAsync(Ct);
        }

        using (var practitioner = factory.CreateBrowser())
        {
            await practitioner.SignInAsync(OrganisationBuilder.PractitionerEmail, OrganisationBuilder.Password);
            var work = await practitioner.GetAsync("/Work");
            work.Status.ShouldBe(HttpStatusCode.OK);
            var listed = work.Document.QuerySelectorAll("a[href^='/People/']")
                .Select(a => a.GetAttribute("href")!.Split('?')[0]).Where(h => h.EndsWith("/Pathway", StringComparison.Ordinal))
                .Select(h => Guid.Parse(h.Split('/')[2])).ToList();
            listed.ShouldNotBeEmpty();
            listed.ShouldAllBe(id => caseload.Contains(id));
            var personId = listed[0];
            (await practitioner.GetAsync($"/People/{personId}")).Status.ShouldBe(HttpStatusCode.OK);
            (await practitioner.GetAsync($"/People/{personId}/Pathway")).Status.ShouldBe(HttpStatusCode.OK);
            var form = await practitioner.GetAsync("/People");
            var results = await practitioner.FollowAsync(await practitioner.SubmitAsync(form, ("Query", "rob")));
            results.Status.ShouldBe(HttpStatusCode.OK);
        }

        using (var manager = factory.CreateBrowser())
        {
            await manager.SignInAsync(OrganisationBuilder.ManagerEmail, OrganisationBuilder.Password);
            (await manager.GetAsync("/Work/Team")).Status.ShouldBe(HttpStatusCode.OK);
            (await manager.GetAsync("/Work")).Status.ShouldBe(HttpStatusCode.OK);
        }

        using var approver = factory.CreateBrowser();
        await approver.SignInAsync(OrganisationBuilder.ApproverEmail, OrganisationBuilder.Password);
        var queue = await approver.GetAsync("/Approvals");
        queue.Status.ShouldBe(HttpStatusCode.OK);
        queue.Document.QuerySelectorAll("a[href^='/Approvals/']").Length.ShouldBeGreaterThan(0);
    }

    private static async Task<string> ChecksumAsync(string connectionString, string table, string where = "")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t {where}";
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
