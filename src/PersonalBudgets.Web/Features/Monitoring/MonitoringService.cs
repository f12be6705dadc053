using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.People;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Monitoring;

/// <summary>The council's monitoring settings (configuration section "Monitoring"), ADR 0035.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>A balance above this many weeks of net payment raises a surplus flag.</summary>
    public int SurplusWeeks { get; set; } = 8;

    /// <summary>No money out for this many weeks raises a flag: the support may not be in place.</summary>
    public int NoSpendingWeeks { get; set; } = 8;

    /// <summary>Contributions are checked over this many weeks.</summary>
    public int ContributionWeeks { get; set; } = 4;

    /// <summary>The written notice before a reclaim is taken.</summary>
    public int NoticeWeeks { get; set; } = 4;

    /// <summary>The contingency reserve a new account starts with, in weeks of net payment.</summary>
    public int ContingencyWeeks { get; set; } = 4;

    /// <summary>A flag is due this many days after it is raised.</summary>
    public int FlagDueDays { get; set; } = 14;

    /// <summary>Merchant categories the council does not allow direct payments to be spent in (compared ignoring case).</summary>
    public List<string> DisallowedMerchantCategories { get; set; } = ["Gambling", "Betting", "Alcohol", "Tobacco"];

    public MonitoringSettings ToSettings() => new(SurplusWeeks, NoSpendingWeeks, ContributionWeeks, NoticeWeeks, FlagDueDays, DisallowedMerchantCategories);
}

/// <summary>An account with its position: the balance against what was paid in, and its flags and reclaims.</summary>
public sealed record AccountView(
    DirectPaymentAccount Account, decimal? Balance, DateOnly? BalanceOn, decimal PaidInByCouncil, decimal ContributionsPaidIn, decimal SpentPerStatements,
    decimal? SurplusWeeks, decimal Reclaimable, IReadOnlyList<MonitoringFlag> Flags, IReadOnlyList<Reclaim> Reclaims, IReadOnlyList<StatementImport> Imports)
{
    /// <summary>Money paid in from elsewhere than the council or the person's contribution.</summary>
    public decimal OtherPaidIn { get; init; }

    /// <summary>Everything paid in, latest first.</summary>
    public IReadOnlyList<AccountPayIn> PayIns { get; init; } = [];

    /// <summary>The reference of the direct payment agreement the account belongs to (none for accounts recorded before that).</summary>
    public string? AgreementReference { get; init; }
}

/// <summary>A direct payment agreement an account can be opened for, with the amounts it pays.</summary>
public sealed record AgreementOption(Guid Id, string Reference, string Status, decimal NetWeekly, decimal ContributionWeekly, DateOnly? StartDate);

/// <summary>What an import did.</summary>
public sealed record ImportResult(bool AlreadyImported, int Rows, int NewRows, IReadOnlyList<MonitoringFlag> FlagsRaised);

/// <summary>An open flag in a worklist.</summary>
public sealed record FlagWorkItem(Guid Id, Guid PersonId, Guid AccountId, string PersonName, string PersonIdentifier, FlagKind Kind, string? OwnerName, DateOnly DueDate, bool IsOverdue);

/// <summary>
/// Monitoring of direct payment accounts (issue 15 item 4, ADR 0035): statements imported idempotently, the balance
/// against what was paid in, flags with an owner and a due date, resolved with what the audit of the account found, and
/// reclaims of surplus with written notice. Staff see only people their teams work with; every view and change is audited.
/// </summary>
public sealed class MonitoringService(PersonalBudgetsDbContext db, PersonService people, AuditLog audit, ICurrentUser currentUser, TimeProvider clock, IOptions<MonitoringOptions> options)
{
    public const string RecordType = "DirectPaymentAccount";

    private DateOnly Today => clock.UkToday();

    private MonitoringSettings Settings => options.Value.ToSettings();

    public int DefaultContingencyWeeks => options.Value.ContingencyWeeks;

    public async Task<IReadOnlyList<AccountView>> AccountsAsync(Guid personId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var ids = await db.DirectPaymentAccounts.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.OpenedOn).Select(a => a.Id).ToListAsync(ct);
        var views = new List<AccountView>();
        foreach (var id in ids)
        {
            views.Add(await ViewAsync(personId, id, ct));
        }

        await audit.RecordAsync(AuditAction.Viewed, RecordType, null, personId, summary: $"Viewed the person's direct payment accounts: {views.Count}", cancellationToken: ct);
        return views;
    }

    public async Task<AccountView> GetAsync(Guid personId, Guid accountId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var view = await ViewAsync(personId, accountId, ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, accountId.ToString(), personId, summary: $"Viewed the direct payment account {view.Account.AccountReference}", cancellationToken: ct);
        return view;
    }

    /// <summary>The person's direct payment agreements that are not ended, latest first: what an account is opened for.</summary>
    public async Task<IReadOnlyList<AgreementOption>> AgreementsAsync(Guid personId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var rows = await db.DirectPayments.AsNoTracking().Where(d => d.PersonId == personId && d.Status != Core.DirectPayments.DirectPaymentStatus.Ended)
            .Select(d => new { d.Id, d.Reference, d.Status, d.NetWeekly, d.ContributionWeekly, d.StartDate, d.StartedAt }).ToListAsync(ct);
        return rows.OrderByDescending(d => d.StartedAt).Select(d => new AgreementOption(d.Id, d.Reference, d.Status.Label(), d.NetWeekly, d.ContributionWeekly, d.StartDate)).ToList();
    }

    /// <summary>
    /// Records the account of one of the person's direct payment agreements (ADR 0038). Without an agreement named, the
    /// person's latest open one is taken (the API's older callers); the page always names one. The weekly net payment and
    /// contribution default to the agreement's.
    /// </summary>
    public async Task<DirectPaymentAccount> OpenAsync(Guid personId, AccountKind? kind, string? reference, decimal? weeklyNet, decimal? weeklyContribution, int? contingencyWeeks, DateOnly? openedOn, CancellationToken ct = default) =>
        await OpenAsync(personId, null, requireAgreement: false, kind, reference, weeklyNet, weeklyContribution, contingencyWeeks, openedOn, ct);

    public async Task<DirectPaymentAccount> OpenAsync(Guid personId, Guid? agreementId, bool requireAgreement, AccountKind? kind, string? reference, decimal? weeklyNet, decimal? weeklyContribution,
        int? contingencyWeeks, DateOnly? openedOn, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var agreements = await AgreementsAsync(personId, ct);
        var agreement = agreementId is { } aid ? agreements.FirstOrDefault(a => a.Id == aid) : (agreements.Count > 0 ? agreements[0] : null);
        if ((agreementId is not null && agreement is null) || (requireAgreement && agreement is null))
        {
            throw new ValidationFailedException([new FieldError("DirectPaymentAgreementId", agreements.Count == 0
                ? "The person has no direct payment agreement: set up the direct payment first"
                : "Select the direct payment agreement the account is for")]);
        }

        var account = DirectPaymentAccount.Open(personId, agreement?.Id, kind, reference, weeklyNet ?? agreement?.NetWeekly, weeklyContribution ?? agreement?.ContributionWeekly,
            contingencyWeeks ?? options.Value.ContingencyWeeks, openedOn, currentUser.Actor, clock.GetUtcNow());
        db.DirectPaymentAccounts.Add(account);
        audit.Add(AuditAction.Created, RecordType, account.Id.ToString(), personId,
            summary: $"Recorded the {account.Kind.Label().ToLowerInvariant()} {account.AccountReference}{(agreement is null ? "" : $" for direct payment {agreement.Reference}")}: {UkFormat.Money(account.WeeklyNetPayment)} a week net, contingency reserve {account.ContingencyWeeks} weeks");
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException("account-reference-exists", "An account of this kind with this reference is already recorded")), ct);
        return account;
    }

    public async Task<AccountPayIn> RecordPayInAsync(Guid personId, Guid accountId, DateOnly? date, decimal? amount, PayInSource? source, string? reference, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var account = await LoadAsync(personId, accountId, ct);
        var payIn = AccountPayIn.Record(account.Id, date, amount, source, reference, Today, currentUser.Actor, clock.GetUtcNow());
        db.AccountPayIns.Add(payIn);
        audit.Add(AuditAction.Created, RecordType, account.Id.ToString(), personId, summary: $"Recorded {UkFormat.Money(payIn.Amount)} paid in ({payIn.Source.Label().ToLowerInvariant()}) on {UkFormat.Date(payIn.Date)}");
        await db.SaveChangesAsync(ct);
        return payIn;
    }

    /// <summary>
    /// Imports a statement. A malformed row refuses the whole file (nothing saved). The same file again changes nothing; lines
    /// already imported from another file are skipped by their key. Then the monitoring rules run and raise any new flags.
    /// </summary>
    public async Task<ImportResult> ImportAsync(Guid personId, Guid accountId, string? fileName, string? content, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var account = await LoadAsync(personId, accountId, ct);
        var parsed = StatementCsv.Parse(content);
        if (await db.StatementImports.AnyAsync(i => i.AccountId == accountId && i.FileHash == parsed.FileHash, ct))
        {
            return new ImportResult(true, parsed.Rows.Count, 0, []);
        }

        var earliest = parsed.Rows.Min(r => r.Date);
        var known = (await db.StatementLines.AsNoTracking().Where(l => l.AccountId == accountId && l.Date >= earliest).Select(l => l.LineKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = parsed.Rows.Where(r => !known.Contains(r.LineKey)).ToList();
        var import = StatementImport.Create(accountId, parsed.FileHash, fileName, parsed.Rows.Count, fresh.Count, currentUser.Actor, clock.GetUtcNow());
        db.StatementImports.Add(import);
        var lines = fresh.Select(r => StatementLine.From(accountId, import.Id, r)).ToList();
        db.StatementLines.AddRange(lines);
        audit.Add(AuditAction.Created, RecordType, accountId.ToString(), personId,
            summary: $"Imported a statement for {account.AccountReference}: {parsed.Rows.Count} rows, {fresh.Count} new, {UkFormat.Date(earliest)} to {UkFormat.Date(parsed.Rows.Max(r => r.Date))}");
        var raised = await RaiseFlagsAsync(account, lines.Select(l => new Transaction(l.Date, l.Amount, l.MerchantCategory)).ToList(), import, ct);
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException("statement-imported", "This statement was imported by someone else at the same moment")), ct);
        return new ImportResult(false, parsed.Rows.Count, fresh.Count, raised);
    }

    /// <summary>Runs the rules today (no spending and contributions change as time passes) and raises any new flags.</summary>
    public async Task<IReadOnlyList<MonitoringFlag>> CheckAsync(Guid personId, Guid accountId, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var account = await LoadAsync(personId, accountId, ct);
        var raised = await RaiseFlagsAsync(account, [], null, ct);
        audit.Add(AuditAction.Updated, RecordType, accountId.ToString(), personId, summary: $"Checked {account.AccountReference} against the monitoring rules: {raised.Count} new flags");
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException("flag-raised", "Someone raised the same flag at the same moment")), ct);
        return raised;
    }

    public async Task<MonitoringFlag> ResolveFlagAsync(Guid personId, Guid accountId, Guid flagId, int revision, string? finding, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var flag = await db.MonitoringFlags.SingleOrDefaultAsync(f => f.Id == flagId && f.AccountId == accountId && f.PersonId == personId, ct) ?? throw new NotFoundException("The flag");
        flag.Resolve(finding, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Decided, RecordType, accountId.ToString(), personId, summary: $"Resolved the flag '{flag.Kind.Label()}' after an audit of the account", reason: flag.Finding);
        await db.SaveChangesOrConflictAsync(db.MonitoringFlags.AsNoTracking().Where(f => f.Id == flagId).Select(f => new LastChange(f.ResolvedByName ?? "someone", f.ResolvedAt ?? clock.GetUtcNow())), ct);
        return flag;
    }

    public async Task<Reclaim> GiveReclaimNoticeAsync(Guid personId, Guid accountId, Guid? flagId, decimal? amount, ReclaimMethod? method, string? reason, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var account = await LoadAsync(personId, accountId, ct);
        var (balance, _) = await BalanceAsync(accountId, ct);
        if (balance is not { } b)
        {
            throw new DomainException("no-statement", "Import a statement first: a reclaim is worked out from the account's balance", "Amount");
        }

        if (flagId is { } fid && !await db.MonitoringFlags.AnyAsync(f => f.Id == fid && f.AccountId == accountId, ct))
        {
            throw new ValidationFailedException([new("FlagId", "Select a flag of this account")]);
        }

        var reclaim = Reclaim.GiveNotice(account, flagId, b, amount, method, reason, Today, options.Value.NoticeWeeks, currentUser.Actor, clock.GetUtcNow());
        db.Reclaims.Add(reclaim);
        audit.Add(AuditAction.Created, RecordType, accountId.ToString(), personId,
            summary: $"Gave notice of a reclaim of {UkFormat.Money(reclaim.Amount)} ({reclaim.Method.Label().ToLowerInvariant()}), not before {UkFormat.Date(reclaim.EarliestTakeDate)}; the person keeps {UkFormat.Money(reclaim.ContingencyReserve)}",
            reason: reclaim.Reason);
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException("reclaim-notice-running", "A reclaim's notice is already running for this account")), ct);
        return reclaim;
    }

    public async Task<Reclaim> TakeReclaimAsync(Guid personId, Guid accountId, Guid reclaimId, int revision, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var reclaim = await db.Reclaims.SingleOrDefaultAsync(r => r.Id == reclaimId && r.AccountId == accountId && r.PersonId == personId, ct) ?? throw new NotFoundException("The reclaim");
        reclaim.Take(Today, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Decided, RecordType, accountId.ToString(), personId, summary: $"Took the reclaim of {UkFormat.Money(reclaim.Amount)} ({reclaim.Method.Label().ToLowerInvariant()})");
        await db.SaveChangesOrConflictAsync(db.Reclaims.AsNoTracking().Where(r => r.Id == reclaimId).Select(r => new LastChange(r.TakenByName ?? r.CreatedByName, r.CreatedAt)), ct);
        return reclaim;
    }

    public async Task<(AccountView Account, Reclaim Reclaim)> ReclaimAsync(Guid personId, Guid accountId, Guid reclaimId, CancellationToken ct = default)
    {
        await people.EnsureAccessAsync(personId, ct);
        var view = await ViewAsync(personId, accountId, ct);
        var reclaim = view.Reclaims.SingleOrDefault(r => r.Id == reclaimId) ?? throw new NotFoundException("The reclaim");
        await audit.RecordAsync(AuditAction.Viewed, RecordType, accountId.ToString(), personId, summary: $"Viewed the notice of a reclaim of {UkFormat.Money(reclaim.Amount)}", cancellationToken: ct);
        return (view, reclaim);
    }

    /// <summary>Open flags the user owns, and unowned ones of people in their teams, by due date.</summary>
    public async Task<IReadOnlyList<FlagWorkItem>> MineAsync(CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var myTeams = db.TeamMemberships.Where(m => m.UserId == me).Select(m => m.TeamId);
        var inMyTeams = db.TeamAllocations.Where(a => a.EndedAt == null && myTeams.Contains(a.TeamId)).Select(a => a.PersonId);
        var items = await ItemsAsync(db.MonitoringFlags.AsNoTracking().Where(f => f.Status == FlagStatus.Open && (f.OwnerId == me || (f.OwnerId == null && inMyTeams.Contains(f.PersonId)))), ct);
        await audit.RecordAsync(AuditAction.Viewed, "Worklist", null, summary: $"Viewed my direct payment monitoring flags: {items.Count}", cancellationToken: ct);
        return items;
    }

    /// <summary>Open flags past their due date of people in the user's teams (Team work).</summary>
    public async Task<IReadOnlyList<FlagWorkItem>> OverdueInMyTeamsAsync(CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var today = Today;
        var myTeams = db.TeamMemberships.Where(m => m.UserId == me).Select(m => m.TeamId);
        var inMyTeams = db.TeamAllocations.Where(a => a.EndedAt == null && myTeams.Contains(a.TeamId)).Select(a => a.PersonId);
        var items = await ItemsAsync(db.MonitoringFlags.AsNoTracking().Where(f => f.Status == FlagStatus.Open && f.DueDate < today && inMyTeams.Contains(f.PersonId)), ct);
        await audit.RecordAsync(AuditAction.Viewed, "Worklist", null, summary: $"Viewed the teams' overdue direct payment monitoring flags: {items.Count}", cancellationToken: ct);
        return items;
    }

    private async Task<IReadOnlyList<FlagWorkItem>> ItemsAsync(IQueryable<MonitoringFlag> query, CancellationToken ct)
    {
        var today = Today;
        var rows = await query.Join(db.People, f => f.PersonId, p => p.Id, (f, p) => new { f, p.PreferredName, p.LegalFirstName, p.LegalLastName, p.PersonIdentifier })
            .OrderBy(x => x.f.DueDate).Take(200).ToListAsync(ct);
        return rows.Select(x => new FlagWorkItem(x.f.Id, x.f.PersonId, x.f.AccountId,
            string.IsNullOrWhiteSpace(x.PreferredName) ? $"{x.LegalFirstName} {x.LegalLastName}" : $"{x.PreferredName} {x.LegalLastName}", x.PersonIdentifier,
            x.f.Kind, x.f.OwnerName, x.f.DueDate, x.f.IsOverdue(today))).ToList();
    }

    private async Task<IReadOnlyList<MonitoringFlag>> RaiseFlagsAsync(DirectPaymentAccount account, IReadOnlyList<Transaction> toScreen, StatementImport? import, CancellationToken ct)
    {
        var settings = Settings;
        var (balance, balanceOn) = await BalanceAsync(account.Id, ct, import is null ? null : db.ChangeTracker.Entries<StatementLine>().Select(e => e.Entity).Where(l => l.AccountId == account.Id).ToList(), import);
        var windowStart = (balanceOn ?? Today).AddDays(-7 * (settings.NoSpendingWeeks + 1));
        var spending = await db.StatementLines.AsNoTracking().Where(l => l.AccountId == account.Id && l.Date >= windowStart).Select(l => new Transaction(l.Date, l.Amount, l.MerchantCategory)).ToListAsync(ct);
        spending.AddRange(toScreen);
        var contributionsFrom = Today.AddDays(-7 * settings.ContributionWeeks);
        var contributions = await db.AccountPayIns.AsNoTracking()
            .Where(p => p.AccountId == account.Id && p.Source == PayInSource.PersonContribution && p.Date > contributionsFrom)
            .Select(p => new { p.Date, p.Amount }).ToListAsync(ct);
        var position = new AccountPosition(account.OpenedOn, account.WeeklyNetPayment, account.WeeklyContribution, balance, balanceOn, spending, toScreen,
            contributions.Select(c => (c.Date, c.Amount)).ToList());
        var open = await db.MonitoringFlags.Where(f => f.AccountId == account.Id && f.Status == FlagStatus.Open).Select(f => f.Kind).ToListAsync(ct);
        var owner = new StaffOwner(currentUser.Id, currentUser.DisplayName);
        var raised = new List<MonitoringFlag>();
        foreach (var finding in MonitoringRules.Evaluate(position, Today, settings).Where(f => !open.Contains(f.Kind)))
        {
            var flag = MonitoringFlag.Raise(account, finding, owner, Today, settings.FlagDueDays);
            db.MonitoringFlags.Add(flag);
            audit.Add(AuditAction.Created, RecordType, account.Id.ToString(), account.PersonId,
                summary: $"Raised a flag: {finding.Kind.Label()}, owned by {owner.Name}, due {UkFormat.Date(flag.DueDate)}. {finding.Detail}");
            raised.Add(flag);
        }

        return raised;
    }

    /// <summary>The closing balance: the last line by date, then the latest import, then its order in the file.</summary>
    private async Task<(decimal? Balance, DateOnly? On)> BalanceAsync(Guid accountId, CancellationToken ct, IReadOnlyList<StatementLine>? pending = null, StatementImport? pendingImport = null)
    {
        var saved = await db.StatementLines.AsNoTracking().Where(l => l.AccountId == accountId)
            .Join(db.StatementImports, l => l.ImportId, i => i.Id, (l, i) => new { l.Date, l.Sequence, l.Balance, i.ImportedAt })
            .ToListAsync(ct);
        var all = saved.Select(x => (x.Date, x.ImportedAt, x.Sequence, x.Balance)).ToList();
        if (pending is not null && pendingImport is not null)
        {
            all.AddRange(pending.Select(l => (l.Date, pendingImport.ImportedAt, l.Sequence, l.Balance)));
        }

        if (all.Count == 0)
        {
            return (null, null);
        }

        var last = all.OrderBy(x => x.Date).ThenBy(x => x.ImportedAt).ThenBy(x => x.Sequence).Last();
        return (last.Balance, last.Date);
    }

    private async Task<AccountView> ViewAsync(Guid personId, Guid accountId, CancellationToken ct)
    {
        var account = await db.DirectPaymentAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId && a.PersonId == personId, ct) ?? throw new NotFoundException("The direct payment account");
        var (balance, on) = await BalanceAsync(accountId, ct);
        var payIns = await db.AccountPayIns.AsNoTracking().Where(p => p.AccountId == accountId).ToListAsync(ct);
        var agreementReference = account.DirectPaymentAgreementId is { } agreementId
            ? await db.DirectPayments.AsNoTracking().Where(d => d.Id == agreementId).Select(d => d.Reference).SingleOrDefaultAsync(ct)
            : null;
        var spent = await db.StatementLines.AsNoTracking().Where(l => l.AccountId == accountId && l.Amount < 0).Select(l => l.Amount).ToListAsync(ct);
        var flags = await db.MonitoringFlags.AsNoTracking().Where(f => f.AccountId == accountId).ToListAsync(ct);
        var reclaims = await db.Reclaims.AsNoTracking().Where(r => r.AccountId == accountId).ToListAsync(ct);
        var imports = await db.StatementImports.AsNoTracking().Where(i => i.AccountId == accountId).ToListAsync(ct);
        return new AccountView(account, balance, on,
            payIns.Where(p => p.Source == PayInSource.Council).Sum(p => p.Amount), payIns.Where(p => p.Source == PayInSource.PersonContribution).Sum(p => p.Amount), -spent.Sum(),
            balance is { } b ? MonitoringRules.SurplusWeeks(b, account.WeeklyNetPayment) : null,
            balance is { } bb ? ReclaimPolicy.Reclaimable(bb, account.WeeklyNetPayment, account.ContingencyWeeks) : 0m,
            flags.OrderBy(f => f.Status).ThenBy(f => f.DueDate).ToList(), reclaims.OrderByDescending(r => r.NoticeDate).ToList(), imports.OrderByDescending(i => i.ImportedAt).ToList())
        {
            OtherPaidIn = payIns.Where(p => p.Source == PayInSource.Other).Sum(p => p.Amount),
            PayIns = payIns.OrderByDescending(p => p.Date).ThenByDescending(p => p.RecordedAt).ToList(),
            AgreementReference = agreementReference,
        };
    }

    private async Task<DirectPaymentAccount> LoadAsync(Guid personId, Guid accountId, CancellationToken ct) =>
        await db.DirectPaymentAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId && a.PersonId == personId, ct) ?? throw new NotFoundException("The direct payment account");
}
