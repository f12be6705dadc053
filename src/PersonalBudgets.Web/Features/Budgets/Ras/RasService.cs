using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

public sealed record RasVersionSummary(Guid Id, int Number, string Name, RasVersionStatus Status, bool IsExample, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>What an administrator enters for one answer, already checked for format.</summary>
public sealed record AnswerChange(string Text, int Points, decimal DeductionPercent);

/// <summary>
/// Configuring the resource allocation system: drafts are copied from the published version, changed one small step
/// at a time (each step carries the draft's revision, so nobody's change is silently overwritten) and published when
/// they have no problems. Every change is audited.
/// </summary>
public sealed class RasService(PersonalBudgetsDbContext db, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "RasVersion";
    public const int QuestionMaxLength = 500;
    public const int AnswerMaxLength = 200;

    /// <summary>The versions of one kind of system (adults' or carers', ADR 21), newest first.</summary>
    public async Task<IReadOnlyList<RasVersionSummary>> ListAsync(RasKind kind = RasKind.Adult, CancellationToken ct = default) =>
        await db.RasVersions.AsNoTracking().Where(v => v.Kind == kind).OrderByDescending(v => v.Number)
            .Select(v => new RasVersionSummary(v.Id, v.Number, v.Name, v.Status, v.IsExample, v.CreatedAt, v.CreatedByName, v.PublishedAt, v.PublishedByName))
            .ToListAsync(ct);

    public async Task<RasVersion> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.RasVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("The version of the resource allocation system");

    public async Task<RasVersion?> PublishedAsync(RasKind kind = RasKind.Adult, CancellationToken ct = default) =>
        await db.RasVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Kind == kind && v.Status == RasVersionStatus.Published, ct);

    /// <summary>A new draft, copying the published version (or the latest, if none is published).</summary>
    public async Task<RasVersion> CreateDraftAsync(string? name, RasKind kind = RasKind.Adult, CancellationToken ct = default)
    {
        if (await db.RasVersions.AsNoTracking().Where(v => v.Kind == kind && v.Status == RasVersionStatus.Draft).Select(v => (int?)v.Number).FirstOrDefaultAsync(ct) is { } draft)
        {
            throw new ConflictException("ras-draft-exists", $"There is already a draft (version {draft}). Change or publish it before creating another");
        }

        var source = await PublishedAsync(kind, ct)
            ?? await db.RasVersions.AsNoTracking().Where(v => v.Kind == kind).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        var number = (await db.RasVersions.Where(v => v.Kind == kind).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var version = RasVersion.CreateDraft(number, name, source?.Definition ?? new RasDefinition([], new RasConversion(null, [], 0m, 0m)),
            isExample: false, currentUser.Actor, clock.GetUtcNow(), kind);
        db.RasVersions.Add(version);
        audit.Add(AuditAction.Created, RecordType, version.Id.ToString(),
            summary: source is null ? $"Created draft version {number}" : $"Created draft version {number} from version {source.Number}");
        // Another administrator may create a draft at the same moment: the version number and the one-draft index refuse ours.
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(
            new ConflictException("ras-draft-exists", "Another administrator has just created a draft. Open it from the list")), ct);

        return version;
    }

    public Task<RasVersion> AddQuestionAsync(Guid id, int revision, string? text, string? hint, CancellationToken ct = default) =>
        ChangeAsync(id, revision, d =>
        {
            var (t, h) = CheckQuestion(text, hint);
            var question = new RasQuestion(NewId("q", d.Questions.Select(q => q.Id)), t, h, []);
            return (d with { Questions = [.. d.Questions, question] }, $"Added question {d.Questions.Count + 1}");
        }, ct);

    public Task<RasVersion> UpdateQuestionAsync(Guid id, int revision, string questionId, string? text, string? hint, CancellationToken ct = default) =>
        ChangeAsync(id, revision, d =>
        {
            var (index, q) = FindQuestion(d, questionId);
            var (t, h) = CheckQuestion(text, hint);
            return (d with { Questions = Replace(d.Questions, index, q with { Text = t, Hint = h }) }, $"Changed question {index + 1}");
        }, ct);

    public Task<RasVersion> RemoveQuestionAsync(Guid id, int revision, string questionId, CancellationToken ct = default) =>
        ChangeAsync(id, revision, d =>
        {
            var (index, _) = FindQuestion(d, questionId);
            return (d with { Questions = d.Questions.Where((_, i) => i != index).ToList() }, $"Removed question {index + 1}");
        }, ct);

    public Task<RasVersion> AddAnswerAsync(Guid id, int revision, string questionId, AnswerChange answer, CancellationToken ct = default) =>
        ChangeAsync(id, revision, d =>
        {
            var (index, q) = FindQuestion(d, questionId);
            var a = new RasAnswer(NewId("a", q.Answers.Select(x => x.Id)), CheckAnswer(answer.Text), answer.Points, answer.DeductionPercent);
            return (d with { Questions = Replace(d.Questions, index, q with { Answers = [.. q.Answers, a] }) },
                $"Added an answer to question {index + 1}: {a.Points} points, {a.DeductionPercent:0.##}% deduction");
        }, ct);

    public Task<RasVersion> UpdateAnswerAsync(Guid id, int revision, string questionId, string answerId, AnswerChange answer, CancellationToken ct = default) =>
        ChangeAsync(id, revision, d =>
        {
            var (index, q) = FindQuestion(d, questionId);
            var (ai, a) = FindAnswer(q, answerId);
            var changed = a with { Text = CheckAnswer(answer.Text), Points = answer.Points, DeductionPercent = answer.DeductionPercent };
            return (d with { Questions = Replace(d.Questions, index, q with { Answers = Replace(q.Answers, ai, changed) }) },
                $"Changed answer {ai + 1} of question {index + 1}: {a.Points} to {changed.Points} points, {a.DeductionPercent:0.##}% to {changed.DeductionPercent:0.##}% deduction");
        }, ct);

    public Task<RasVersion> RemoveAnswerAsync(Guid id, int revision, string questionId, string answerId, CancellationToken ct = default) =>
        ChangeAsync(id, revision, d =>
        {
            var (index, q) = FindQuestion(d, questionId);
            var (ai, _) = FindAnswer(q, answerId);
            return (d with { Questions = Replace(d.Questions, index, q with { Answers = q.Answers.Where((_, i) => i != ai).ToList() }) },
                $"Removed answer {ai + 1} of question {index + 1}");
        }, ct);

    public Task<RasVersion> UpdateConversionAsync(Guid id, int revision, decimal? pricePerPoint, decimal minimum, decimal maximum, CancellationToken ct = default) =>
        ChangeAsync(id, revision, d =>
        {
            var c = d.Conversion with { PricePerPoint = pricePerPoint, MinimumWeekly = minimum, MaximumWeekly = maximum };
            return (d with { Conversion = c }, $"Changed the conversion: price per point {Show(d.Conversion.PricePerPoint)} to {Show(pricePerPoint)}, "
                + $"minimum {UkFormat.Money(d.Conversion.MinimumWeekly)} to {UkFormat.Money(minimum)}, maximum {UkFormat.Money(d.Conversion.MaximumWeekly)} to {UkFormat.Money(maximum)}");
        }, ct);

    public Task<RasVersion> AddBandAsync(Guid id, int revision, RasBand band, CancellationToken ct = default) =>
        ChangeAsync(id, revision, d =>
            (d with { Conversion = d.Conversion with { Bands = [.. d.Conversion.Bands.Append(band).OrderBy(b => b.FromPoints)] } },
                $"Added a band: {band.FromPoints} to {band.ToPoints} points, {UkFormat.Money(band.WeeklyAmount)} a week"), ct);

    public Task<RasVersion> RemoveBandAsync(Guid id, int revision, int bandIndex, CancellationToken ct = default) =>
        ChangeAsync(id, revision, d =>
        {
            if (bandIndex < 0 || bandIndex >= d.Conversion.Bands.Count)
            {
                throw new NotFoundException("The band");
            }

            var b = d.Conversion.Bands[bandIndex];
            return (d with { Conversion = d.Conversion with { Bands = d.Conversion.Bands.Where((_, i) => i != bandIndex).ToList() } },
                $"Removed the band {b.FromPoints} to {b.ToPoints} points");
        }, ct);

    /// <summary>Publishes a draft with no problems, retiring the version published until now.</summary>
    public async Task<RasVersion> PublishAsync(Guid id, int revision, CancellationToken ct = default)
    {
        var version = await db.RasVersions.SingleOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("The version of the resource allocation system");
        await EnsureRevisionAsync(version, revision, ct);
        var current = await db.RasVersions.SingleOrDefaultAsync(v => v.Kind == version.Kind && v.Status == RasVersionStatus.Published, ct);
        version.Publish(currentUser.Actor, clock.GetUtcNow(), current);
        audit.Add(AuditAction.Updated, RecordType, version.Id.ToString(), summary: $"Published version {version.Number}");
        if (current is not null)
        {
            audit.Add(AuditAction.Updated, RecordType, current.Id.ToString(), summary: $"Retired version {current.Number}: replaced by version {version.Number}");
        }

        await SaveAsync(version, ct);
        return version;
    }

    /// <summary>
    /// Deletes a draft nobody has used (only published versions give indicative budgets), from the page it was
    /// confirmed on: a draft changed or published since is refused. The deletion is in the audit trail.
    /// </summary>
    public async Task<RasVersion> DeleteDraftAsync(Guid id, int revision, CancellationToken ct = default)
    {
        var version = await db.RasVersions.SingleOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("The version of the resource allocation system");
        if (version.Status != RasVersionStatus.Draft)
        {
            throw new DomainException("ras-version-frozen", $"Version {version.Number} is {version.Status.Label().ToLowerInvariant()}: only a draft can be deleted");
        }

        await EnsureRevisionAsync(version, revision, ct);
        db.RasVersions.Remove(version);
        audit.Add(AuditAction.DraftDeleted, RecordType, version.Id.ToString(), summary: $"Deleted draft version {version.Number} ({version.Name})");
        await SaveAsync(version, ct);
        return version;
    }

    private async Task<RasVersion> ChangeAsync(Guid id, int revision, Func<RasDefinition, (RasDefinition Definition, string Summary)> change, CancellationToken ct)
    {
        var version = await db.RasVersions.SingleOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("The version of the resource allocation system");
        if (version.Status != RasVersionStatus.Draft)
        {
            throw new DomainException("ras-version-frozen", $"Version {version.Number} is {version.Status.Label().ToLowerInvariant()} and cannot be changed. Create a new draft from it");
        }

        await EnsureRevisionAsync(version, revision, ct);
        var (definition, summary) = change(version.Definition);
        version.UpdateDraft(definition, revision);
        audit.Add(AuditAction.Updated, RecordType, version.Id.ToString(), summary: $"Version {version.Number}: {summary}");
        await SaveAsync(version, ct);
        return version;
    }

    /// <summary>Refuses a change made from an out-of-date page, naming who changed the version last and when.</summary>
    private async Task EnsureRevisionAsync(RasVersion version, int revision, CancellationToken ct)
    {
        if (version.Revision != revision)
        {
            db.ChangeTracker.Clear();
            throw await ConflictAsync(version, ct);
        }
    }

    private async Task<ConcurrencyConflictException> ConflictAsync(RasVersion version, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == RecordType && a.RecordId == version.Id.ToString())
            .OrderByDescending(a => a.Id).Select(a => new { a.UserName, a.OccurredAt }).FirstOrDefaultAsync(ct);
        return new ConcurrencyConflictException(last?.UserName ?? version.CreatedByName, last?.OccurredAt ?? version.CreatedAt);
    }

    private Task SaveAsync(RasVersion version, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync(async (_, c) => await ConflictAsync(version, c), ct);

    private static (string Text, string? Hint) CheckQuestion(string? text, string? hint)
    {
        var errors = new List<FieldError>();
        var t = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var h = string.IsNullOrWhiteSpace(hint) ? null : hint.Trim();
        if (t is null) errors.Add(new("Text", "Enter the question"));
        else if (t.Length > QuestionMaxLength) errors.Add(new("Text", $"The question must be {QuestionMaxLength} characters or fewer"));
        if (h is { Length: > QuestionMaxLength }) errors.Add(new("Hint", $"The hint must be {QuestionMaxLength} characters or fewer"));
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return (t!, h);
    }

    private static string CheckAnswer(string? text)
    {
        var t = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (t is null) throw new ValidationFailedException([new("Text", "Enter the answer")]);
        if (t.Length > AnswerMaxLength) throw new ValidationFailedException([new("Text", $"The answer must be {AnswerMaxLength} characters or fewer")]);
        return t;
    }

    private static (int Index, RasQuestion Question) FindQuestion(RasDefinition d, string questionId)
    {
        var index = d.Questions.ToList().FindIndex(q => q.Id == questionId);
        return index < 0 ? throw new NotFoundException("The question") : (index, d.Questions[index]);
    }

    private static (int Index, RasAnswer Answer) FindAnswer(RasQuestion q, string answerId)
    {
        var index = q.Answers.ToList().FindIndex(a => a.Id == answerId);
        return index < 0 ? throw new NotFoundException("The answer") : (index, q.Answers[index]);
    }

    private static List<T> Replace<T>(IReadOnlyList<T> items, int index, T item) => items.Select((x, i) => i == index ? item : x).ToList();

    /// <summary>A short reference, unique within its list, kept in indicative budgets' answers.</summary>
    private static string NewId(string prefix, IEnumerable<string> existing)
    {
        var taken = existing.ToHashSet();
        string id;
        do
        {
            id = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        }
        while (taken.Contains(id));
        return id;
    }

    private static string Show(decimal? price) => price is { } p ? UkFormat.Money(p) : "none";
}
