using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Notifications;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Projections;

namespace PersonalBudgets.Bench;

public sealed record GeneratorOptions(string ConnectionString, int People = 100_000, int Seed = 20261206, bool Replace = false, DateOnly? Today = null);

public sealed record GeneratorSummary(IReadOnlyDictionary<string, long> RowsByTable, long TotalRows, long Events, double GenerateSeconds, double LoadSeconds, double ElapsedSeconds);

/// <summary>The refusal to fill a database that already has people (without --replace).</summary>
public sealed class DatabaseNotEmptyException(string message) : Exception(message);

/// <summary>
/// Fills an (empty, migrated) PostgreSQL database with a deterministic council-scale data set for the benchmark: teams,
/// staff of every profession, people with CLD values, and their pathways, made through the domain and written with
/// binary COPY.
/// </summary>
public static class Generator
{
    /// <summary>The tables whose rows count as pathway events.</summary>
    public static readonly IReadOnlyList<Type> EventTypes =
    [
        typeof(PathwayEpisode), typeof(PathwayStep), typeof(StepOwnerChange), typeof(Assessment), typeof(EligibilityDetermination), typeof(BudgetOffer),
        typeof(IndicativeBudget), typeof(SupportPlan), typeof(ApprovalRequest), typeof(PersonalBudget), typeof(Review), typeof(Notification),
        typeof(AuditEntry), typeof(TeamAllocation), typeof(KeyWorkerAssignment),
    ];

    private static readonly (Target Target, int Weight)[] Mix =
    [
        (Target.Referral, 60), (Target.NeedsAssessment, 80), (Target.Eligibility, 40), (Target.IndicativeBudget, 40), (Target.SupportPlanning, 80),
        (Target.Approval, 50), (Target.BudgetInPlace, 420), (Target.Review, 100), (Target.EndedNotEligible, 60), (Target.EndedAfterReview, 70),
    ];

    /// <summary>The share (per cent) of people known to a team who have no pathway in the service yet.</summary>
    public const int WithoutPathwayPercent = 50;

    public const int PractitionerCaseload = 35;

    public const int MaxPeople = 400_000;

    /// <summary>How far back the council's four-weekly payment runs go (the oldest budgets in place started about this long ago).</summary>
    public const int PaymentRunDays = 1200;

    /// <summary>People made together from one seeded random source (the rows do not depend on the number of cores).</summary>
    public const int ChunkSize = 2000;

    private static readonly Target[] CaseloadStages =
    [
        Target.Referral, Target.NeedsAssessment, Target.Eligibility, Target.IndicativeBudget, Target.SupportPlanning, Target.BudgetInPlace, Target.BudgetInPlace, Target.Review,
    ];

    public static async Task<GeneratorSummary> RunAsync(GeneratorOptions options, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.People is < 10 or > MaxPeople)
        {
            // NHS numbers come from the 999 test range, which holds about 450,000 valid numbers.
            throw new ArgumentOutOfRangeException(nameof(options), $"Generate between 10 and {MaxPeople:N0} people");
        }

        var total = Stopwatch.StartNew();
        var dbOptions = new DbContextOptionsBuilder<PostgresPersonalBudgetsDbContext>().UseNpgsql(options.ConnectionString).Options;
        await using var db = new PostgresPersonalBudgetsDbContext(dbOptions);
        log.WriteLine("migrate: applying the EF Core migrations");
        await db.Database.MigrateAsync(ct);
        if (await db.People.AnyAsync(ct))
        {
            if (!options.Replace)
            {
                throw new DatabaseNotEmptyException("The database already has people. Generate into an empty database, or pass --replace to delete all its data first.");
            }

            log.WriteLine("replace: deleting the existing data");
            var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Select(t => "\"" + t + "\"");
            var truncate = "TRUNCATE " + string.Join(", ", tables) + " RESTART IDENTITY CASCADE";
            await db.Database.ExecuteSqlRawAsync(truncate, ct);
        }

        // Every date is relative to the day given (default today): the same seed, scale and day give the same rows.
        var today = options.Today ?? UkTime.DateOf(DateTimeOffset.UtcNow);
        var anchor = new DateTimeOffset(today.AddDays(-1).ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero);
        var random = new Random(options.Seed);
        var ids = new IdMap(new Random(unchecked(options.Seed * 31 + 7)));
        var data = new DataSet();

        var generate = Stopwatch.StartNew();
        var org = new OrganisationBuilder(data, ids, random, options.People, anchor);
        org.Build();
        log.WriteLine($"generate: {org.Teams.Count} teams, {org.Staff.Count} staff");

        var system = new Actor(Guid.Empty, "Personal Budgets (example set-up)");
        var ras = RasVersion.CreateDraft(1, DefaultRas.Name, DefaultRas.Definition, isExample: true, system, anchor.AddDays(-800));
        ras.Publish(system, anchor.AddDays(-800), currentlyPublished: null);
        data.Add(ras);
        var meetings = PanelMeetings(org, anchor);
        foreach (var meeting in meetings)
        {
            data.Add(meeting);
        }

        var teamCount = org.Teams.Count;
        var firstTeam = FirstTeamSize(options.People, teamCount);
        var admin = new Actor(org.Staff[^1].User.Id, org.Staff[^1].User.DisplayName);
        // People are made in fixed chunks, each with its own seeded random source, on as many threads as there are cores:
        // the rows depend on the seed and the scale only, never on the machine or the scheduling.
        // The council's four-weekly payment runs: each chunk proposes its people's direct payments into them.
        var runs = DirectPaymentBuilder.CreateRuns(org, anchor, PaymentRunDays);
        var chunks = (options.People + ChunkSize - 1) / ChunkSize;
        var made = new DataSet[chunks];
        var done = 0;
        var progressEvery = Math.Max(1, chunks / 10);
        var gate = new object();
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, chunk =>
        {
            var chunkData = new DataSet();
            var chunkRandom = new Random(unchecked((options.Seed * 1_000_003) + chunk));
            var chunkIds = new IdMap(new Random(unchecked((options.Seed * 7_919) + chunk)));
            var start = chunk * ChunkSize;
            var end = Math.Min(options.People, start + ChunkSize);
            var people = new PeopleBuilder(chunkData, chunkIds, chunkRandom, anchor, nhsSerialStart: start * 2);
            var pathways = new PathwayBuilder(chunkData, chunkRandom, ras, anchor, org, meetings);
            // Direct payments draw from a random source of their own, so the people and pathways are the same with or without them.
            var directPayments = new DirectPaymentBuilder(chunkData, new Random(unchecked((options.Seed * 104_729) + chunk)), anchor, org, runs);
            for (var i = start; i < end; i++)
            {
                MakePerson(i, org, people, pathways, chunkRandom, teamCount, firstTeam, admin);
                if (pathways.TakeBudgetInPlace() is { DirectPaymentWeekly: > 0 } budget)
                {
                    directPayments.Build(i, budget, pathways.BudgetApprovedAt, pathways.BudgetDecider!);
                }
            }

            made[chunk] = chunkData;
            lock (gate)
            {
                done++;
                if (done % progressEvery == 0 || done == chunks)
                {
                    var madePeople = Math.Min(options.People, done * ChunkSize);
                    log.WriteLine($"generate: {madePeople:N0} people, {madePeople / generate.Seconds():N0} people/s");
                }
            }
        });
        foreach (var chunk in made)
        {
            data.AddAll(chunk);
        }

        DirectPaymentBuilder.ApproveRuns(data, org, runs);
        log.WriteLine($"generate: {data.Count<PersonalBudgets.Core.DirectPayments.DirectPayment>():N0} direct payments, {data.Count<PersonalBudgets.Core.DirectPayments.Payment>():N0} payments in {data.Count<PersonalBudgets.Core.DirectPayments.PaymentRun>():N0} approved runs");

        log.WriteLine($"generate: people and pathways made in {generate.Seconds():N1} s; giving keys and writing the audit trail");
        var model = db.Model;
        var writer = new CopyWriter(model, data, ids);
        writer.ClaimKeys();
        AddAuditTrail(data, ids, admin);
        generate.Stop();
        var counts = writer.Tables.ToDictionary(t => t.Table, t => t.Count(data));
        var totalRows = counts.Values.Sum();
        var generateCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        log.WriteLine($"generate: {totalRows:N0} rows built in {generate.Seconds():N1} s (this process's CPU so far {generateCpu:N1} s)");

        var load = Stopwatch.StartNew();
        await LoadAsync(options.ConnectionString, writer, counts, log, ct);
        load.Stop();
        total.Stop();
        var events = EventTypes.Sum(t => (long)data.Of(t).Count);
        var summary = new GeneratorSummary(counts, totalRows, events, generate.Seconds(), load.Seconds(), total.Seconds());
        log.WriteLine();
        log.WriteLine("table                              rows");
        foreach (var (table, rows) in counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value))
        {
            log.WriteLine($"{table,-30} {rows,12:N0}");
        }

        log.WriteLine($"total rows {totalRows:N0}; pathway events {events:N0}; people {options.People:N0}");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"elapsed {summary.ElapsedSeconds:F1} s (generate {summary.GenerateSeconds:F1} s, load {summary.LoadSeconds:F1} s); this process's CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s ({generateCpu:F1} s until the load)"));
        return summary;
    }

    private static void MakePerson(int i, OrganisationBuilder org, PeopleBuilder people, PathwayBuilder pathways, Random random, int teamCount, int firstTeam, Actor admin)
    {
        var team = i < firstTeam ? 0 : 1 + ((i - firstTeam) % (teamCount - 1));
        var manager = org.Managers[team].Actor();
        var person = people.Make(i, admin);
        people.Allocate(person, org.Teams[team], manager, person.CreatedAt.AddHours(1));
        if (random.Next(25) == 0)
        {
            var other = (team + 1 + random.Next(teamCount - 1)) % teamCount;
            people.Allocate(person, org.Teams[other], org.Managers[other].Actor(), person.CreatedAt.AddDays(30));
        }

        var isCaseload = team == 0 && i < PractitionerCaseload;
        BenchStaff? worker = null;
        if (isCaseload)
        {
            worker = org.Practitioner;
        }
        else if (random.Next(100) < 85)
        {
            var colleagues = org.Practitioners[team];
            worker = colleagues[1 + random.Next(colleagues.Count - 1)];
        }

        if (worker is not null)
        {
            people.AssignKeyWorker(person, worker, manager, person.CreatedAt.AddDays(1));
        }

        if (isCaseload)
        {
            // Everyone on the practitioner's caseload has an open step the practitioner owns.
            pathways.Build(person, team, worker, CaseloadStages[i % CaseloadStages.Length], ownedByKeyWorker: true);
        }
        else if (team == 0 && i < PractitionerCaseload + Math.Max(3, firstTeam / 100))
        {
            // Team 1's approvals queue always has plans waiting, whatever the scale.
            pathways.Build(person, team, worker, Target.Approval, ownedByKeyWorker: false);
        }
        else if (random.Next(100) >= WithoutPathwayPercent)
        {
            pathways.Build(person, team, worker, Weighted(random), ownedByKeyWorker: false);
        }
    }

    /// <summary>Team 1 is the largest: a tenth above an even share (5,500 at 100,000), the rest spread evenly.</summary>
    public static int FirstTeamSize(int people, int teams) => Math.Min(people, Math.Max(people * 21 / 400, (people + teams - 1) / teams * 11 / 10));

    private static Target Weighted(Random random)
    {
        var r = random.Next(Mix.Sum(m => m.Weight));
        foreach (var (target, weight) in Mix)
        {
            if (r < weight)
            {
                return target;
            }

            r -= weight;
        }

        return Target.BudgetInPlace;
    }

    /// <summary>A funding panel and a risk enablement panel every two weeks, from 14 months ago to two months ahead.</summary>
    private static List<PanelMeeting> PanelMeetings(OrganisationBuilder org, DateTimeOffset anchor)
    {
        var meetings = new List<PanelMeeting>();
        var today = UkTime.DateOf(anchor);
        var chair = org.PanelMembers[0].Actor();
        for (var day = today.AddDays(-430); day <= today.AddDays(60); day = day.AddDays(14))
        {
            foreach (var kind in new[] { PanelKind.Funding, PanelKind.RiskEnablement })
            {
                var scheduled = day.AddDays(-21);
                var at = new DateTimeOffset(scheduled.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                meetings.Add(PanelMeeting.Schedule(kind, day, "County Hall, Committee Room 2 (fictional)", scheduled, chair, at));
            }
        }

        return meetings;
    }

    /// <summary>The audit trail: each record created, each allocation, and the move into the current stage of each pathway.</summary>
    private static void AddAuditTrail(DataSet data, IdMap ids, Actor admin)
    {
        foreach (Person person in data.Of(typeof(Person)))
        {
            data.Add(new AuditEntry { OccurredAt = person.CreatedAt, UserId = admin.UserId, UserName = admin.DisplayName, Action = AuditAction.Created, RecordType = "Person", RecordId = person.Id.ToString(), PersonId = person.Id, Summary = "Record created" });
        }

        var openSteps = data.Of(typeof(PathwayStep)).Cast<PathwayStep>().Where(s => s.IsOpen);
        foreach (var step in openSteps)
        {
            data.Add(new AuditEntry
            {
                OccurredAt = step.OpenedAt,
                UserName = step.UpdatedByName,
                Action = AuditAction.Transitioned,
                RecordType = "Pathway",
                RecordId = ids.Map(step.Id).ToString(),
                PersonId = step.PersonId,
                Summary = $"Moved to {step.Stage.Label().ToLowerInvariant()}: owner {step.OwnerName ?? "none yet"}, due {UkFormat.Date(step.DueDate)}",
            });
        }

        foreach (StepOwnerChange change in data.Of(typeof(StepOwnerChange)))
        {
            data.Add(new AuditEntry
            {
                OccurredAt = change.ChangedAt,
                UserName = change.ChangedByName,
                Action = AuditAction.Reallocated,
                RecordType = "Pathway",
                RecordId = ids.Map(change.StepId).ToString(),
                PersonId = change.PersonId,
                Summary = $"Reallocated from {change.FromOwnerName} to {change.ToOwnerName}",
                Reason = change.Reason,
            });
        }

    }

    /// <summary>
    /// Loads every table with binary COPY. Secondary indexes are dropped first and each table's are built again as soon as it
    /// is loaded (faster than maintaining them row by row; the unique ones check the data as they are built). With a superuser connection the
    /// foreign key triggers are skipped for the load (session_replication_role) and tables load in parallel; otherwise
    /// one at a time, parents first.
    /// </summary>
    private static async Task LoadAsync(string connectionString, CopyWriter writer, Dictionary<string, long> counts, TextWriter log, CancellationToken ct)
    {
        var tables = writer.Tables.Where(t => counts[t.Table] > 0).ToList();
        var names = tables.Select(t => t.Table).ToHashSet();
        // The team read tables are filled after the load from what was loaded (their triggers are off for it): their
        // indexes too are built after they are filled.
        names.Add(TeamPersonSearch.TableName);
        List<(string Name, string Definition, string Table)> indexes;
        bool replica;
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync(ct);
            indexes = [];
            await using (var cmd = admin.CreateCommand())
            {
                cmd.CommandText = """
                    SELECT ic.relname, pg_get_indexdef(i.indexrelid), t.relname
                    FROM pg_index i
                    JOIN pg_class ic ON ic.oid = i.indexrelid
                    JOIN pg_class t ON t.oid = i.indrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    WHERE n.nspname = current_schema()
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                    """;
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (names.Contains(reader.GetString(2)))
                    {
                        indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                    }
                }
            }

            replica = await TryAsync(admin, "SET session_replication_role = replica", ct);
            foreach (var (name, _, _) in indexes)
            {
                await ExecAsync(admin, $"DROP INDEX \"{name}\"", ct);
            }
        }

        var pending = indexes.ToList();
        async Task BuildIndexesAsync(NpgsqlConnection connection, string table)
        {
            List<(string Name, string Definition, string Table)> mine;
            lock (pending)
            {
                mine = pending.Where(i => i.Table == table).ToList();
                pending.RemoveAll(i => i.Table == table);
            }

            if (mine.Count > 0)
            {
                await ExecAsync(connection, "SET maintenance_work_mem = '256MB'", ct);
                foreach (var index in mine)
                {
                    await ExecAsync(connection, index.Definition, ct);
                }
            }
        }

        log.WriteLine($"load: {tables.Count} tables, {indexes.Count} secondary indexes dropped for the load, foreign key checks {(replica ? "off for the load (parallel)" : "on (one table at a time)")}");
        var watch = Stopwatch.StartNew();
        long written = 0;
        try
        {
            if (replica)
            {
                var queue = new Queue<TablePlan>(tables.OrderByDescending(t => counts[t.Table]));
                var gate = new object();
                var workers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
                {
                    await using var connection = await OpenForLoadAsync(connectionString, replica: true, ct);
                    while (true)
                    {
                        TablePlan? next;
                        lock (gate)
                        {
                            if (!queue.TryDequeue(out next))
                            {
                                return;
                            }
                        }

                        var rows = writer.Write(connection, next, ct);
                        lock (gate)
                        {
                            written += rows;
                            log.WriteLine($"load: {next.Table} {rows:N0} rows; {written:N0} written, {written / watch.Seconds():N0} rows/s");
                        }

                        // The table's indexes are built as soon as it is loaded, while the other workers still copy.
                        await BuildIndexesAsync(connection, next.Table);
                    }
                }, ct)).ToList();
                await Task.WhenAll(workers);
            }
            else
            {
                await using var connection = await OpenForLoadAsync(connectionString, replica: false, ct);
                foreach (var table in ParentsFirst(tables))
                {
                    written += writer.Write(connection, table, ct);
                    log.WriteLine($"load: {table.Table} {counts[table.Table]:N0} rows; {written:N0} written, {written / watch.Seconds():N0} rows/s");
                    await BuildIndexesAsync(connection, table.Table);
                }
            }

            // With the triggers off (replica) the read table is empty; with them on it was kept row by row. Either way
            // it is made again from the loaded allocations, with the same statement the migration backfills with.
            var project = Stopwatch.StartNew();
            await using (var connection = await OpenForLoadAsync(connectionString, replica: false, ct))
            {
                await ExecAsync(connection, $"TRUNCATE \"{TeamPersonSearch.TableName}\"", ct);
                await ExecAsync(connection, TeamPeopleSearchSql.Backfill, ct);
                await BuildIndexesAsync(connection, TeamPersonSearch.TableName);
            }

            log.WriteLine($"load: {TeamPersonSearch.TableName} filled from the current allocations, with its indexes, in {project.Seconds():N1} s");
        }
        finally
        {
            // Whatever happened, the schema keeps every index: any not built yet (a failed load) is built now.
            List<(string Name, string Definition, string Table)> left;
            lock (pending)
            {
                left = [.. pending];
                pending.Clear();
            }

            if (left.Count > 0)
            {
                await using var connection = await OpenForLoadAsync(connectionString, replica: false, CancellationToken.None);
                foreach (var index in left)
                {
                    await ExecAsync(connection, index.Definition, CancellationToken.None);
                }
            }
        }

        // The read tables' triggers do not fire under session_replication_role = replica (and a load without it fired them
        // row by row): either way each backfill (which empties its table first) makes them exact from the loaded rows, then
        // a vacuum sets the visibility map so the pages read them from their indexes alone.
        var backfill = Stopwatch.StartNew();
        await using (var connection = await OpenForLoadAsync(connectionString, replica: false, ct))
        {
            await ExecAsync(connection, TeamOpenStepsSql.Backfill, ct);
            await ExecAsync(connection, TeamOpenApprovalsSql.Backfill, ct);
            await ExecAsync(connection, $"VACUUM \"TeamOpenSteps\", \"{TeamOpenApprovalsSql.Table}\"", ct);
        }

        log.WriteLine($"load: read tables TeamOpenSteps and {TeamOpenApprovalsSql.Table} filled in {backfill.Seconds():N1} s");

        await using (var analyse = await OpenForLoadAsync(connectionString, replica: false, ct))
        {
            await ExecAsync(analyse, "ANALYZE", ct);
        }

        log.WriteLine($"load: {written:N0} rows and indexes in {watch.Seconds():N1} s");
    }

    private static List<TablePlan> ParentsFirst(List<TablePlan> tables)
    {
        var ordered = new List<TablePlan>();
        var remaining = tables.ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => t.Entity.GetForeignKeys().Select(fk => fk.PrincipalEntityType.GetTableName())
                .All(parent => parent == t.Table || !remaining.Any(r => r.Table == parent))).ToList();
            if (ready.Count == 0)
            {
                ready = [remaining[0]];
            }

            ordered.AddRange(ready);
            remaining.RemoveAll(ready.Contains);
        }

        return ordered;
    }

    private static async Task<NpgsqlConnection> OpenForLoadAsync(string connectionString, bool replica, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecAsync(connection, "SET synchronous_commit = off", ct);
        if (replica)
        {
            await ExecAsync(connection, "SET session_replication_role = replica", ct);
        }

        return connection;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> TryAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        try
        {
            await ExecAsync(connection, sql, ct);
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }
}
