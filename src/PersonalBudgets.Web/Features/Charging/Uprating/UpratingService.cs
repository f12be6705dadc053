using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Uprating;

/// <summary>One person in the uprating preview or run: the contribution before and after 1 April.</summary>
public sealed record UpratingLine(Guid PersonId, string PersonName, string PersonIdentifier, Guid AssessmentId, int Version, decimal Before, decimal? After, string? Note, Guid? NewAssessmentId = null)
{
    public UpratingChange? Change => After is { } after ? UpratingRules.Classify(Before, after) : null;

    public decimal? Difference => After - Before;
}

/// <summary>The uprating page: the policy, its run (if started) and the people with their contributions before and after.</summary>
public sealed record UpratingView(ChargingPolicyVersion Policy, UpratingRun? Run, IReadOnlyList<UpratingLine> Lines)
{
    public DateOnly EffectiveFrom => UpratingRules.EffectiveFrom(Policy.FinancialYearStart);

    public int Count(UpratingChange change) => Lines.Count(l => l.Change == change);

    public int NotRecalculated => Lines.Count(l => l.After is null);
}

/// <summary>
/// The April uprating (issue 14 item 5, ADR 0032): a finance team manager previews every person's contribution under a
/// newly published financial year's policy from 1 April, downloads it, and starts a run that the background service
/// carries out. Council-wide by nature (every completed assessment), so it is for finance team managers only; every
/// view of the list is audited.
/// </summary>
public sealed class UpratingService(PersonalBudgetsDbContext db, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<UpratingView> GetAsync(Guid policyId, CancellationToken ct = default)
    {
        var policy = await db.ChargingPolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == policyId, ct) ?? throw new NotFoundException("The charging policy version");
        var run = await db.UpratingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.PolicyVersionId == policyId, ct);
        var lines = run is null ? await PreviewAsync(policy, ct) : await RunLinesAsync(run, ct);
        await audit.RecordAsync(AuditAction.Viewed, "UpratingRun", run?.Id.ToString(),
            summary: $"Viewed the {UpratingRules.Reason(policy.FinancialYearStart)} {(run is null ? "preview" : "run")}: {lines.Count} people", cancellationToken: ct);
        return new UpratingView(policy, run, lines);
    }

    /// <summary>Starts the run: refused unless the policy is published and in force, and when it already has a run (a unique index holds it).</summary>
    public async Task<UpratingRun> StartAsync(Guid policyId, CancellationToken ct = default)
    {
        var policy = await db.ChargingPolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == policyId, ct) ?? throw new NotFoundException("The charging policy version");
        if (await db.UpratingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.PolicyVersionId == policyId, ct) is { } existing)
        {
            throw AlreadyRun(existing);
        }

        var from = UpratingRules.EffectiveFrom(policy.FinancialYearStart);
        var total = await db.FinancialAssessments.CountAsync(f => f.Status == FinancialAssessmentStatus.Completed && f.EffectiveFrom < from, ct);
        var run = UpratingRun.Start(policy, total, currentUser.Actor, clock.GetUtcNow());
        db.UpratingRuns.Add(run);
        audit.Add(AuditAction.Created, "UpratingRun", run.Id.ToString(), summary: $"Started the {run.Reason} under charging policy version {policy.Number}: {total} assessments to recalculate from {UkFormat.Date(from)}");
        await db.SaveChangesOrConflictAsync(async (_, c) =>
            AlreadyRun(await db.UpratingRuns.AsNoTracking().SingleAsync(r => r.PolicyVersionId == policyId, c)), ct);
        return run;
    }

    /// <summary>The policy's run, for its progress; not found before it starts.</summary>
    public async Task<UpratingRun> RunOfAsync(Guid policyId, CancellationToken ct = default) =>
        await db.UpratingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.PolicyVersionId == policyId, ct) ?? throw new NotFoundException("The uprating run");

    /// <summary>The new versions whose contribution changed, for their letters (one page per person, or all in one).</summary>
    public async Task<IReadOnlyList<(UpratingLine Line, FinancialAssessment Assessment)>> ChangedAsync(Guid policyId, CancellationToken ct = default)
    {
        var run = await db.UpratingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.PolicyVersionId == policyId, ct) ?? throw new NotFoundException("The uprating run");
        var lines = (await RunLinesAsync(run, ct)).Where(l => l.NewAssessmentId is not null && l.After != l.Before).ToList();
        var ids = lines.Select(l => l.NewAssessmentId!.Value).ToList();
        var assessments = await db.FinancialAssessments.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        await audit.RecordAsync(AuditAction.Viewed, "UpratingRun", run.Id.ToString(), summary: $"Viewed the letters of the {run.Reason}: {lines.Count} people", cancellationToken: ct);
        return lines.Select(l => (l, assessments[l.NewAssessmentId!.Value])).ToList();
    }

    public static byte[] Csv(UpratingView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = new StringBuilder();
        void Line(IEnumerable<string> cells) => text.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        static string Money(decimal? d) => d?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
        Line(["Person", "Identifier", "Assessment version", "Weekly contribution before", $"Weekly contribution from {view.EffectiveFrom:yyyy-MM-dd}", "Difference", "Change", "Note"]);
        foreach (var l in view.Lines)
        {
            Line([l.PersonName, l.PersonIdentifier, l.Version.ToString(CultureInfo.InvariantCulture), Money(l.Before), Money(l.After), Money(l.Difference), l.Change?.Label() ?? "Not recalculated", l.Note ?? ""]);
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would read as a formula is prefixed with an apostrophe.</summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static ConflictException AlreadyRun(UpratingRun run) => new("uprating-already-run", run.Status == UpratingRunStatus.Running
        ? $"The {run.Reason} is already running: {run.StartedByName} started it on {UkFormat.DateTime(run.StartedAt)}"
        : $"The {run.Reason} has already been applied: {run.StartedByName} started it on {UkFormat.DateTime(run.StartedAt)}");

    private async Task<IReadOnlyList<UpratingLine>> PreviewAsync(ChargingPolicyVersion policy, CancellationToken ct)
    {
        var from = UpratingRules.EffectiveFrom(policy.FinancialYearStart);
        var assessments = await db.FinancialAssessments.AsNoTracking().Where(f => f.Status == FinancialAssessmentStatus.Completed && f.EffectiveFrom < from).ToListAsync(ct);
        var personIds = assessments.Select(a => a.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var correcting = (await db.FinancialAssessments.AsNoTracking().Where(f => f.Status == FinancialAssessmentStatus.InProgress && personIds.Contains(f.PersonId)).Select(f => f.PersonId).ToListAsync(ct)).ToHashSet();
        var costs = await ContributionFlow.ChargeableWeeklyCostsAsync(db, personIds, ct);
        var definition = policy.Definition;
        return assessments.Select(a =>
        {
            var person = people[a.PersonId];
            var before = a.WeeklyContribution ?? 0m;
            if (correcting.Contains(a.PersonId))
            {
                return new UpratingLine(a.PersonId, person.DisplayName, person.PersonIdentifier, a.Id, a.Version, before, null, "A correction is in progress: it will not be recalculated");
            }

            var after = a.Recalculate(definition, costs.TryGetValue(a.PersonId, out var cost) ? cost : a.Input.WeeklyCost, person.Section117InForceOn(from)).Weekly;
            return new UpratingLine(a.PersonId, person.DisplayName, person.PersonIdentifier, a.Id, a.Version, before, after, null);
        }).OrderBy(l => l.PersonName, StringComparer.Ordinal).ThenBy(l => l.PersonId).ToList();
    }

    private async Task<IReadOnlyList<UpratingLine>> RunLinesAsync(UpratingRun run, CancellationToken ct)
    {
        var items = await db.UpratingRunItems.AsNoTracking().Where(i => i.RunId == run.Id).ToListAsync(ct);
        var personIds = items.Select(i => i.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var oldIds = items.Select(i => i.AssessmentId).ToList();
        var versions = await db.FinancialAssessments.AsNoTracking().Where(f => oldIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Version, ct);
        return items.Select(i => new UpratingLine(i.PersonId, people[i.PersonId].DisplayName, people[i.PersonId].PersonIdentifier, i.AssessmentId, versions[i.AssessmentId], i.Before, i.After, i.Note, i.NewAssessmentId))
            .OrderBy(l => l.PersonName, StringComparer.Ordinal).ThenBy(l => l.PersonId).ToList();
    }
}
