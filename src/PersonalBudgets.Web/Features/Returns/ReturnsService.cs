using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Returns;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Reporting;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Returns;

/// <summary>Configuration section "Returns": the council's code on the return, and the key that pseudonymises people for analysts.</summary>
public sealed class ReturnsOptions
{
    public const string Section = "Returns";

    /// <summary>The submitting council's LA code, written on every row.</summary>
    public string LaCode { get; set; } = "";
}

/// <summary>A return made, as the list shows it (not its bytes).</summary>
public sealed record ReturnSummary(Guid Id, string Kind, DateOnly PeriodStart, DateOnly PeriodEnd, DateTimeOffset MadeAt, string MadeByName, int RowCount, int IssueCount, string Sha256);

/// <summary>The data-quality report for a period, with how long building the rows took.</summary>
public sealed record QualityCheck(ReturnPeriod Period, CldQualityReport Report, TimeSpan Took);

/// <summary>ASCOF 3D for a period, with each person's pseudonym.</summary>
public sealed record AscofView(ReturnPeriod Period, Ascof3DResult Result, IReadOnlyDictionary<string, string> Pseudonyms);

/// <summary>
/// Statutory returns (ADR 0028): the CLD data-quality report, making and storing the file, downloading it, and ASCOF 3D
/// from the same rows. Checking, making and each download are audited.
/// </summary>
public sealed class ReturnsService(PersonalBudgetsDbContext db, TimeProvider clock, ICurrentUser currentUser, AuditLog audit, IOptions<ReturnsOptions> options, Dashboard.Pseudonyms pseudonymOf)
{
    private const string RecordType = "StatutoryReturn";

    public ReturnPeriod LatestPeriod => ReturnPeriod.LatestEndedBefore(clock.UkToday());

    public IReadOnlyList<ReturnPeriod> RecentPeriods => ReturnPeriod.Recent(clock.UkToday(), 8);

    /// <summary>The period ending on the day given, which must be a quarter's end that has passed.</summary>
    public ReturnPeriod Period(DateOnly end)
    {
        var period = ReturnPeriod.EndingOn(end);
        if (period.End >= clock.UkToday())
        {
            throw new DomainException("quarter-not-ended", "Choose a quarter that has ended", "PeriodEnd");
        }

        return period;
    }

    public bool IsPastQuarterEnd(DateOnly end) => ReturnPeriod.IsQuarterEnd(end) && end < clock.UkToday();

    /// <summary>What is wrong with a chosen period end (null: nothing), for the pages to show beside the field.</summary>
    public static string? PeriodProblem(DateOnly? end, bool bound, DateOnly today) =>
        !bound || end is null ? "Choose the quarter: its last day, like 2026-09-30"
        : !ReturnPeriod.IsQuarterEnd(end.Value) ? "Choose the last day of a quarter: 30 June, 30 September, 31 December or 31 March"
        : end.Value >= today ? "Choose a quarter that has ended"
        : null;

    public DateOnly Today => clock.UkToday();

    private string LaCode => string.IsNullOrWhiteSpace(options.Value.LaCode) ? "" : options.Value.LaCode.Trim();

    private async Task<IReadOnlyList<CldRow>> RowsAsync(ReturnPeriod period, CancellationToken cancellationToken)
    {
        var source = await CldSourceQuery.LoadAsync(db, period, cancellationToken);
        return CldReturn.Build(source, period, LaCode);
    }

    /// <summary>The data-quality report for the period (audited: it lists people by their council identifier).</summary>
    public async Task<QualityCheck> CheckAsync(DateOnly periodEnd, CancellationToken cancellationToken = default)
    {
        var period = Period(periodEnd);
        var watch = Stopwatch.StartNew();
        var rows = await RowsAsync(period, cancellationToken);
        var report = CldDataQuality.Check(rows);
        watch.Stop();
        await audit.RecordAsync(AuditAction.ReturnChecked, RecordType, null,
            summary: $"CLD data-quality report for {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}: {report.RowCount} rows, {report.Issues.Count} problems for {report.PeopleWithIssues} people",
            cancellationToken: cancellationToken);
        return new QualityCheck(period, report, watch.Elapsed);
    }

    /// <summary>Makes the CLD file for the period and stores it with who made it and when. Returns its id.</summary>
    public async Task<Guid> MakeAsync(DateOnly periodEnd, CancellationToken cancellationToken = default)
    {
        var period = Period(periodEnd);
        if (LaCode.Length == 0)
        {
            throw new DomainException("la-code-missing", "The council's LA code is not configured (Returns:LaCode): ask an administrator to set it", "PeriodEnd");
        }

        var rows = await RowsAsync(period, cancellationToken);
        var issues = CldDataQuality.Check(rows).Issues.Count;
        var bytes = CldCsv.Write(rows);
        var made = new StatutoryReturn
        {
            Id = Guid.NewGuid(),
            Kind = StatutoryReturn.ClientLevelData,
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            MadeAt = clock.GetUtcNow(),
            MadeById = currentUser.Id,
            MadeByName = currentUser.DisplayName,
            RowCount = rows.Count,
            IssueCount = issues,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
        };
        db.StatutoryReturns.Add(made);
        audit.Add(AuditAction.ReturnMade, RecordType, made.Id.ToString(),
            summary: $"CLD file for {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}: {rows.Count} rows, SHA-256 {made.Sha256}");
        await db.SaveChangesAsync(cancellationToken);
        return made.Id;
    }

    public async Task<IReadOnlyList<ReturnSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        (await db.StatutoryReturns.AsNoTracking()
            .Select(r => new ReturnSummary(r.Id, r.Kind, r.PeriodStart, r.PeriodEnd, r.MadeAt, r.MadeByName, r.RowCount, r.IssueCount, r.Sha256))
            .ToListAsync(cancellationToken))
        .OrderByDescending(r => r.MadeAt)
        .ToList();

    /// <summary>A stored file, exactly as made (audited).</summary>
    public async Task<(string FileName, byte[] Content)> DownloadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var stored = await db.StatutoryReturns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("The return");
        await audit.RecordAsync(AuditAction.ReturnDownloaded, RecordType, id.ToString(),
            summary: $"CLD file for {stored.PeriodStart:yyyy-MM-dd} to {stored.PeriodEnd:yyyy-MM-dd}", cancellationToken: cancellationToken);
        return ($"CLD_{LaCodeForFile(stored)}_{stored.PeriodStart:yyyyMMdd}_{stored.PeriodEnd:yyyyMMdd}_{stored.MadeAt:yyyyMMddHHmmss}.csv", stored.Content);
    }

    private string LaCodeForFile(StatutoryReturn stored) =>
        new(LaCode.Where(char.IsAsciiLetterOrDigit).DefaultIfEmpty('X').ToArray());

    /// <summary>ASCOF 3D at the period's end (clients) and over the period (carers), from the period's CLD rows.</summary>
    public async Task<AscofView> AscofAsync(DateOnly periodEnd, CancellationToken cancellationToken = default)
    {
        var period = Period(periodEnd);
        var rows = await RowsAsync(period, cancellationToken);
        var result = Ascof3D.Calculate(rows, period.End, period.Start);
        var pseudonyms = result.Clients.Concat(result.Carers)
            .Select(p => p.Id)
            .Distinct()
            .ToDictionary(id => id, id => pseudonymOf.Of(id));
        await audit.RecordAsync(AuditAction.ReturnChecked, RecordType, null,
            summary: $"ASCOF 3D for {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}: {result.Clients.Count} clients and {result.Carers.Count} carers listed by pseudonym",
            cancellationToken: cancellationToken);
        return new AscofView(period, result, pseudonyms);
    }
}
