using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.DirectPayments;

/// <summary>What the person's Direct payment tab shows: the agreements (newest first), the current one's payments and what is due next.</summary>
public sealed record DirectPaymentOverview(
    PersonRecord Record,
    IReadOnlyList<DirectPayment> Agreements,
    IReadOnlyList<Payment> Payments,
    IReadOnlyList<SchedulePeriod> Upcoming,
    bool MaySeeBankDetails,
    bool MayManage,
    PersonalBudget? BudgetWithoutDirectPayment,
    IReadOnlyList<Payment>? ServiceFundPayments = null)
{
    public DirectPayment? Current => Agreements.FirstOrDefault(a => a.Status != DirectPaymentStatus.Ended) ?? (Agreements.Count > 0 ? Agreements[0] : null);
}

/// <summary>One agreement with its person, for the set-up form and the agreement letter.</summary>
public sealed record DirectPaymentView(PersonRecord Record, DirectPayment Agreement, PersonalBudget Budget, IReadOnlyList<SchedulePeriod> FirstPeriods, bool MaySeeBankDetails);

/// <summary>A direct payment being set up, in a worklist.</summary>
public sealed record DirectPaymentWorkItem(Guid Id, Guid PersonId, string PersonName, string PersonIdentifier, string? OwnerName, DateOnly DueDate, bool IsOverdue);

/// <summary>A payment in a run, with the person it is for (none for a provider invoice).</summary>
public sealed record RunPaymentRow(Payment Payment, string? PersonIdentifier, string SourceReference);

/// <summary>
/// A run with its payments and, while it waits for approval, what it could not pay (providers without bank details) and
/// the invoices still to be checked, which no run pays until they are approved.
/// </summary>
public sealed record PaymentRunView(PaymentRun Run, IReadOnlyList<RunPaymentRow> Payments, bool MayApprove, IReadOnlyList<UnpayableItem> Unpayable, IReadOnlyList<WaitingInvoice> InvoicesWaiting)
{
    /// <summary>The control totals per kind: the count of payments of more than nothing and their sum.</summary>
    public IReadOnlyList<(PayableSource Kind, int Count, decimal Total)> TotalsByKind =>
        Payments.Select(r => r.Payment).Where(p => p.Status != PaymentStatus.Cancelled || Run.Status == PaymentRunStatus.Cancelled)
            .GroupBy(p => p.SourceKind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count(p => p.Amount > 0), g.Sum(p => p.Amount))).ToList();
}

/// <summary>
/// Direct payments (issue 15, ADR 0034): the set-up started when a plan with direct-payment elements is approved, owned by
/// a finance officer with a due date; the agreement signed before anything is paid; suspensions, ends and changes from a
/// date; and payment runs that pay each period once. Staff see only people their teams work with (the person service
/// checks); bank details are finance's alone; every view and change is audited.
/// </summary>
public sealed class DirectPaymentService(
    PersonalBudgetsDbContext db, PersonService people, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    public const string RecordType = "DirectPayment";
    public const string RunRecordType = "PaymentRun";

    /// <summary>Working days from the plan's approval to the set-up's due date (ADR 0034).</summary>
    public const int SetUpWorkingDays = 10;

    private DateOnly Today => clock.UkToday();

    private bool MayManage => currentUser.Principal.Has(Permission.ManageDirectPayments);

    public async Task<DirectPaymentOverview> OverviewAsync(Guid personId, CancellationToken ct = default)
    {
        var record = await people.ViewAsync(personId, ct);
        var agreements = await db.DirectPayments.AsNoTracking().Where(d => d.PersonId == personId).OrderByDescending(d => d.StartedAt).ToListAsync(ct);
        var current = agreements.FirstOrDefault(a => a.Status != DirectPaymentStatus.Ended) ?? (agreements.Count > 0 ? agreements[0] : null);
        var payments = current is null ? [] : await PaymentsOfAsync(current.Id, ct);
        var upcoming = current is { IsSigned: true } ? Due(current, payments, Today.AddDays(56)).Take(3).ToList() : [];
        PersonalBudget? withoutDp = null;
        if (MayManage && agreements.All(a => a.Status == DirectPaymentStatus.Ended))
        {
            withoutDp = await OpenBudgetWithDirectPaymentAsync(personId, ct);
        }

        // What the person's individual service funds have paid their providers (ADR 0037), newest period first.
        var fundPayments = await db.Payments.AsNoTracking()
            .Where(p => p.PersonId == personId && p.SourceKind == PayableSource.IndividualServiceFund && p.Status != PaymentStatus.Cancelled)
            .OrderByDescending(p => p.PeriodStart).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, RecordType, current?.Id.ToString(), personId,
            summary: (current is null ? "Viewed the direct payment tab: none" : $"Viewed direct payment {current.Reference}{(MayManage ? " with its bank details" : "")}")
                + (fundPayments.Count > 0 ? $"; {fundPayments.Count} individual service fund payments" : ""), cancellationToken: ct);
        return new DirectPaymentOverview(record, agreements, payments, upcoming, MayManage, MayManage, withoutDp, fundPayments);
    }

    public async Task<DirectPaymentView> GetAsync(Guid personId, Guid id, CancellationToken ct = default)
    {
        var record = await people.ViewAsync(personId, ct);
        var dp = await db.DirectPayments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.PersonId == personId, ct) ?? throw new NotFoundException("The direct payment");
        var budget = await db.PersonalBudgets.AsNoTracking().SingleAsync(b => b.Id == dp.BudgetId, ct);
        var first = dp.StartDate is null ? [] : PaymentSchedule.Periods(dp.Terms(), dp.StartDate.Value).ToList();
        await audit.RecordAsync(AuditAction.Viewed, RecordType, dp.Id.ToString(), personId, summary: $"Viewed direct payment {dp.Reference}{(MayManage ? " with its bank details" : "")}", cancellationToken: ct);
        return new DirectPaymentView(record, dp, budget, first, MayManage);
    }

    /// <summary>The payments of an agreement, newest period first.</summary>
    public async Task<IReadOnlyList<Payment>> PaymentsOfAsync(Guid directPaymentId, CancellationToken ct = default) =>
        await db.Payments.AsNoTracking().Where(p => p.SourceKind == PayableSource.DirectPayment && p.SourceId == directPaymentId && p.Status != PaymentStatus.Cancelled)
            .OrderByDescending(p => p.PeriodStart).ToListAsync(ct);

    /// <summary>
    /// Called as a plan is approved (in the decision's unit of work, which saves): the new budget's direct-payment part
    /// starts a set-up, owned by a finance officer of the person's teams with the fewest open set-ups (else unowned); a
    /// direct payment already open for the person takes the new amounts from the new budget's start.
    /// </summary>
    public async Task StartOnApprovalAsync(Guid personId, Guid budgetId, CancellationToken ct = default)
    {
        var budget = db.ChangeTracker.Entries<PersonalBudget>().Select(e => e.Entity).FirstOrDefault(b => b.Id == budgetId)
            ?? await db.PersonalBudgets.SingleOrDefaultAsync(b => b.Id == budgetId, ct);
        if (budget is null)
        {
            return;
        }

        var open = await db.DirectPayments.Where(d => d.PersonId == personId && d.Status != DirectPaymentStatus.Ended).ToListAsync(ct);
        if (open.Count > 0)
        {
            foreach (var dp in open)
            {
                if (dp.ChangeAmounts(budget.Id, budget.StartDate, budget.DirectPaymentWeekly, budget.ContributionWeekly, $"Plan version {budget.PlanNumber} approved", currentUser.Actor, clock.GetUtcNow()))
                {
                    audit.Add(AuditAction.Updated, RecordType, dp.Id.ToString(), personId,
                        changes: [new FieldChange("Gross (weekly)", "", UkFormat.Money(budget.DirectPaymentWeekly)), new FieldChange("Contribution (weekly)", "", UkFormat.Money(budget.ContributionWeekly))],
                        summary: $"Direct payment {dp.Reference} takes the amounts of plan version {budget.PlanNumber} from {UkFormat.Date(budget.StartDate)}"
                            + (budget.HasDirectPayment ? "" : ": the new plan has no direct payment, so finance should end it with notice"));
                }
            }

            return;
        }

        if (!budget.HasDirectPayment)
        {
            return;
        }

        var owner = await FinanceOfficerForAsync(personId, ct);
        var started = DirectPayment.Start(personId, budget.Id, budget.StartDate, budget.DirectPaymentWeekly, budget.ContributionWeekly, owner?.Id, owner?.Name,
            DueDates.AddWorkingDays(Today, SetUpWorkingDays, EnglandBankHolidays.All), currentUser.Actor, clock.GetUtcNow());
        db.DirectPayments.Add(started);
        audit.Add(AuditAction.Created, RecordType, started.Id.ToString(), personId,
            summary: $"Started setting up direct payment {started.Reference} as plan version {budget.PlanNumber} was approved: {(owner is null ? "no finance officer in the person's teams, so unowned" : $"owned by {owner.Name}")}, due {UkFormat.Date(started.DueDate)}");
    }

    /// <summary>A finance officer starts the set-up by hand for a budget in place with a direct-payment part and none open.</summary>
    public async Task<DirectPayment> StartAsync(Guid personId, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var budget = await OpenBudgetWithDirectPaymentAsync(personId, ct)
            ?? throw new DomainException("dp-no-budget", "The person has no personal budget in place with a direct-payment part");
        if (await db.DirectPayments.AnyAsync(d => d.BudgetId == budget.Id && d.Status != DirectPaymentStatus.Ended, ct))
        {
            throw new ConflictException("dp-already-open", "A direct payment is already open for this personal budget");
        }

        var dp = DirectPayment.Start(personId, budget.Id, budget.StartDate, budget.DirectPaymentWeekly, budget.ContributionWeekly, currentUser.Id, currentUser.DisplayName,
            DueDates.AddWorkingDays(Today, SetUpWorkingDays, EnglandBankHolidays.All), currentUser.Actor, clock.GetUtcNow());
        db.DirectPayments.Add(dp);
        audit.Add(AuditAction.Created, RecordType, dp.Id.ToString(), personId, summary: $"Started setting up direct payment {dp.Reference}, owned by {dp.OwnerName}, due {UkFormat.Date(dp.DueDate)}");
        await SaveAsync(dp, ct);
        return dp;
    }

    public async Task<DirectPayment> RecordAsync(Guid personId, Guid id, int revision, DirectPaymentSetUp input, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var dp = await LoadAsync(personId, id, ct);
        dp.Record(input, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, RecordType, dp.Id.ToString(), personId,
            summary: $"Recorded the set-up of direct payment {dp.Reference}: to {dp.Recipient?.Label().ToLowerInvariant() ?? "not yet chosen"}, held in {dp.Account?.Label().ToLowerInvariant() ?? "not yet chosen"}, {dp.Frequency.Label().ToLowerInvariant()}, {UkFormat.Money(dp.NetWeekly)} a week net",
            reason: dp.PaysCloseRelativeInHousehold == true ? $"Paying a close relative in the household is necessary: {dp.CloseRelativeReason}" : null);
        await SaveAsync(dp, ct);
        return dp;
    }

    public async Task<DirectPayment> RecordSignatureAsync(Guid personId, Guid id, int revision, DateOnly? signedOn, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var dp = await LoadAsync(personId, id, ct);
        dp.RecordSignature(signedOn, revision, Today, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Decided, RecordType, dp.Id.ToString(), personId, summary: $"Recorded that the agreement for direct payment {dp.Reference} was signed on {UkFormat.Date(dp.SignedOn!.Value)}: it can now be paid");
        await SaveAsync(dp, ct);
        return dp;
    }

    public async Task<DirectPayment> SuspendAsync(Guid personId, Guid id, int revision, DateOnly? from, DateOnly? to, string? reason, DateOnly? noticeGivenOn, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var dp = await LoadAsync(personId, id, ct);
        dp.Suspend(from, to, reason, noticeGivenOn, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, RecordType, dp.Id.ToString(), personId,
            summary: $"Suspended direct payment {dp.Reference} from {UkFormat.Date(from!.Value)}{(to is { } t ? $" to {UkFormat.Date(t)}" : " until further notice")}, notice given {UkFormat.Date(noticeGivenOn!.Value)}", reason: reason?.Trim());
        await SaveAsync(dp, ct);
        return dp;
    }

    public async Task<DirectPayment> ResumeAsync(Guid personId, Guid id, int revision, DateOnly? resumeOn, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var dp = await LoadAsync(personId, id, ct);
        dp.Resume(resumeOn, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Updated, RecordType, dp.Id.ToString(), personId, summary: $"Direct payment {dp.Reference} resumes on {UkFormat.Date(resumeOn!.Value)}");
        await SaveAsync(dp, ct);
        return dp;
    }

    public async Task<DirectPayment> EndAsync(Guid personId, Guid id, int revision, DateOnly? lastDay, string? reason, DateOnly? noticeGivenOn, CancellationToken ct = default)
    {
        await people.LoadForEditAsync(personId, ct);
        var dp = await LoadAsync(personId, id, ct);
        dp.End(lastDay, reason, noticeGivenOn, revision, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Decided, RecordType, dp.Id.ToString(), personId,
            summary: $"Ended direct payment {dp.Reference}: the last day paid is {UkFormat.Date(lastDay!.Value)}, notice given {UkFormat.Date(noticeGivenOn!.Value)}. The council meets the needs another way", reason: reason?.Trim());
        await SaveAsync(dp, ct);
        return dp;
    }

    /// <summary>Direct payments being set up that the user owns, and unowned ones of people in their teams, by due date.</summary>
    public async Task<IReadOnlyList<DirectPaymentWorkItem>> MineAsync(CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var today = Today;
        var myTeams = db.TeamMemberships.Where(m => m.UserId == me).Select(m => m.TeamId);
        var inMyTeams = db.TeamAllocations.Where(a => a.EndedAt == null && myTeams.Contains(a.TeamId)).Select(a => a.PersonId);
        var rows = await db.DirectPayments.AsNoTracking()
            .Where(d => d.Status == DirectPaymentStatus.SettingUp && (d.OwnerId == me || (d.OwnerId == null && inMyTeams.Contains(d.PersonId))))
            .Join(db.People, d => d.PersonId, p => p.Id, (d, p) => new { d.Id, d.PersonId, d.OwnerName, d.DueDate, p.PreferredName, p.LegalFirstName, p.LegalLastName, p.PersonIdentifier })
            .OrderBy(x => x.DueDate).Take(200).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, "Worklist", null, summary: $"Viewed my direct payment set-ups: {rows.Count}", cancellationToken: ct);
        return rows.Select(x => new DirectPaymentWorkItem(x.Id, x.PersonId,
            string.IsNullOrWhiteSpace(x.PreferredName) ? $"{x.LegalFirstName} {x.LegalLastName}" : $"{x.PreferredName} {x.LegalLastName}", x.PersonIdentifier, x.OwnerName, x.DueDate, x.DueDate < today)).ToList();
    }

    /// <summary>Direct payment set-ups past their due date of people in the user's teams (Team work).</summary>
    public async Task<IReadOnlyList<DirectPaymentWorkItem>> OverdueInMyTeamsAsync(CancellationToken ct = default)
    {
        var me = currentUser.Id;
        var today = Today;
        var myTeams = db.TeamMemberships.Where(m => m.UserId == me).Select(m => m.TeamId);
        var inMyTeams = db.TeamAllocations.Where(a => a.EndedAt == null && myTeams.Contains(a.TeamId)).Select(a => a.PersonId);
        var rows = await db.DirectPayments.AsNoTracking()
            .Where(d => d.Status == DirectPaymentStatus.SettingUp && d.DueDate < today && inMyTeams.Contains(d.PersonId))
            .Join(db.People, d => d.PersonId, p => p.Id, (d, p) => new { d.Id, d.PersonId, d.OwnerName, d.DueDate, p.PreferredName, p.LegalFirstName, p.LegalLastName, p.PersonIdentifier })
            .OrderBy(x => x.DueDate).Take(200).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.Viewed, "Worklist", null, summary: $"Viewed the teams' overdue direct payment set-ups: {rows.Count}", cancellationToken: ct);
        return rows.Select(x => new DirectPaymentWorkItem(x.Id, x.PersonId,
            string.IsNullOrWhiteSpace(x.PreferredName) ? $"{x.LegalFirstName} {x.LegalLastName}" : $"{x.PreferredName} {x.LegalLastName}", x.PersonIdentifier, x.OwnerName, x.DueDate, true)).ToList();
    }

    // ---- Payment runs ----

    /// <summary>The advisory lock that makes payment runs one at a time: any fixed number nothing else uses ("PBRUNS").</summary>
    public const long RunLockId = 0x50_42_52_55_4E_53;

    /// <summary>
    /// Creates a run for a date: every period due by then of every signed agreement, not yet in another run that is not
    /// cancelled. One unit of work, and one run made at a time (<see cref="OneAtATime"/>): two runs made at once would
    /// each insert many payments whose keys overlap, in different orders, and deadlock each other on the unique index
    /// (seen with twenty at once on PostgreSQL); one after the other, the second takes only what the first left, or
    /// nothing. The unique index still refuses a period taken twice.
    /// </summary>
    public async Task<PaymentRun> CreateRunAsync(DateOnly? runDate, CancellationToken ct = default)
    {
        var date = ValidRunDate(runDate);
        return await db.OneAtATimeAsync(RunLockId, token => CreateRunOnItsOwnAsync(date, token), ct);
    }

    private DateOnly ValidRunDate(DateOnly? runDate)
    {
        if (runDate is not { } date)
        {
            throw new ValidationFailedException([new("RunDate", "Enter the date of the payment run")]);
        }

        if (date > Today.AddDays(28) || date < Today.AddYears(-1))
        {
            throw new ValidationFailedException([new("RunDate", "The run date must be within the last year and no more than 28 days ahead")]);
        }

        return date;
    }

    private async Task<PaymentRun> CreateRunOnItsOwnAsync(DateOnly date, CancellationToken ct)
    {
        var run = PaymentRun.Create(date, currentUser.Actor, clock.GetUtcNow());
        // Individual service funds and approved invoices go in the same run (ADR 0037); a provider without bank details is left out.
        var (payments, unpayable) = await ProviderPayables.DueAsync(db, run.Id, date, ct);
        var agreements = await db.DirectPayments.AsNoTracking()
            .Where(d => d.Status != DirectPaymentStatus.SettingUp && d.SignedOn != null && d.SignedOn <= date).ToListAsync(ct);
        var ids = agreements.Select(a => a.Id).ToList();
        var taken = await db.Payments.AsNoTracking()
            .Where(p => p.SourceKind == PayableSource.DirectPayment && ids.Contains(p.SourceId) && p.Status != PaymentStatus.Cancelled).ToListAsync(ct);
        var byAgreement = taken.ToLookup(p => p.SourceId);
        foreach (var dp in agreements.Where(a => a.PayableOn(date)))
        {
            foreach (var period in Due(dp, byAgreement[dp.Id].ToList(), date))
            {
                payments.Add(Payment.Propose(run.Id, PayableSource.DirectPayment, dp.Id, dp.Reference, dp.PersonId, Payee(dp), period));
            }
        }

        if (payments.Count == 0)
        {
            throw new DomainException("payment-run-empty", $"Nothing is due by {UkFormat.Date(date)} that is not already paid or in a run waiting for approval"
                + (unpayable.Count > 0 ? $" ({unpayable.Count} due to providers cannot be paid: no bank details)" : ""), "RunDate");
        }

        run.Include(payments);
        db.PaymentRuns.Add(run);
        db.Payments.AddRange(payments);
        audit.Add(AuditAction.Created, RunRecordType, run.Id.ToString(),
            summary: $"Created payment run {run.BatchReference} for {UkFormat.Date(date)}: {run.PaymentCount} payments, {UkFormat.Money(run.Total)}"
                + (unpayable.Count > 0 ? $"; {unpayable.Count} left out: the provider has no bank details" : ""));
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException("payment-run-overlap",
            "Another payment run took some of these payments at the same moment. Nothing was saved: look at the runs waiting for approval, then try again")), ct);
        return run;
    }

    public async Task<IReadOnlyList<PaymentRun>> RunsAsync(CancellationToken ct = default) =>
        await db.PaymentRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(100).ToListAsync(ct);

    /// <summary>The kinds of payment each run pays (direct payments, individual service funds, invoices), for the list of runs.</summary>
    public async Task<ILookup<Guid, PayableSource>> RunKindsAsync(IReadOnlyCollection<Guid> runIds, CancellationToken ct = default) =>
        (await db.Payments.AsNoTracking().Where(p => runIds.Contains(p.RunId)).Select(p => new { p.RunId, p.SourceKind }).Distinct().ToListAsync(ct))
            .OrderBy(p => p.SourceKind).ToLookup(p => p.RunId, p => p.SourceKind);

    /// <summary>What has been paid to a provider by approved runs (individual service funds and invoices), newest first.</summary>
    public Task<IReadOnlyList<ProviderPaymentRow>> PaidToProviderAsync(Guid providerId, CancellationToken ct = default) => ProviderPayables.PaidToAsync(db, providerId, ct);

    /// <summary>Invoices received or queried: a run pays none of them until a finance officer approves it.</summary>
    public Task<IReadOnlyList<WaitingInvoice>> InvoicesWaitingAsync(CancellationToken ct = default) => ProviderPayables.WaitingAsync(db, ct);

    public async Task<PaymentRunView> RunAsync(Guid runId, CancellationToken ct = default)
    {
        var run = await db.PaymentRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException("The payment run");
        var rows = await db.Payments.AsNoTracking().Where(p => p.RunId == runId)
            .GroupJoin(db.People, p => p.PersonId, person => person.Id, (p, people) => new { p, people })
            .SelectMany(x => x.people.DefaultIfEmpty(), (x, person) => new { x.p, PersonIdentifier = person == null ? null : person.PersonIdentifier })
            .ToListAsync(ct);
        var sourceIds = rows.Select(r => r.p.SourceId).Distinct().ToList();
        var refs = await db.DirectPayments.AsNoTracking().Where(d => sourceIds.Contains(d.Id)).Select(d => new { d.Id, d.Reference }).ToDictionaryAsync(d => d.Id, d => d.Reference, ct);
        foreach (var fund in await db.CommissionedServices.AsNoTracking().Where(s => sourceIds.Contains(s.Id)).ToListAsync(ct))
        {
            refs[fund.Id] = fund.Reference;
        }

        foreach (var r in rows.Where(r => r.p.SourceKind == PayableSource.ProviderInvoice))
        {
            refs[r.p.SourceId] = r.p.Reference;
        }

        var (unpayable, waiting) = run.Status == PaymentRunStatus.Created
            ? ((await ProviderPayables.DueAsync(db, Guid.Empty, run.RunDate, ct)).Unpayable, await ProviderPayables.WaitingAsync(db, ct))
            : ([], []);
        await audit.RecordAsync(AuditAction.Viewed, RunRecordType, run.Id.ToString(), summary: $"Viewed payment run {run.BatchReference}: {rows.Count} payments", cancellationToken: ct);
        return new PaymentRunView(run, rows.OrderBy(r => r.p.SourceKind).ThenBy(r => r.p.Reference, StringComparer.Ordinal).Select(r => new RunPaymentRow(r.p, r.PersonIdentifier, refs.GetValueOrDefault(r.p.SourceId, ""))).ToList(),
            run.Status == PaymentRunStatus.Created && run.CreatedById != currentUser.Id, unpayable, waiting);
    }

    /// <summary>
    /// Another finance officer approves: the file is made and every payment marked paid, in one unit of work. Approving a
    /// run that is already approved changes nothing and returns it (a retried request), so nothing is paid twice.
    /// </summary>
    public async Task<PaymentRun> ApproveRunAsync(Guid runId, CancellationToken ct = default)
    {
        var run = await db.PaymentRuns.SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException("The payment run");
        if (run.Status == PaymentRunStatus.Approved)
        {
            return run;
        }

        var payments = await db.Payments.Where(p => p.RunId == runId).ToListAsync(ct);
        var ids = payments.Select(p => p.SourceId).Distinct().ToList();
        var accounts = await db.DirectPayments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.AccountName, d.RecipientName, d.SortCode, d.AccountNumber }).ToListAsync(ct);
        var banks = accounts.ToDictionary(a => a.Id, a => new BankDetails(a.AccountName ?? a.RecipientName ?? "", a.SortCode ?? "", a.AccountNumber ?? ""));
        foreach (var (source, bank) in await ProviderPayables.AccountsAsync(db, payments, ct))
        {
            banks[source] = bank;
        }

        run.Approve(payments, banks, currentUser.Actor, clock.GetUtcNow());
        await RecordPayInsAsync(run, payments, ct);
        await ProviderPayables.MarkInvoicesPaidAsync(db, run, payments, clock.GetUtcNow(), ct);
        audit.Add(AuditAction.Decided, RunRecordType, run.Id.ToString(),
            summary: $"Approved payment run {run.BatchReference} created by {run.CreatedByName}: {run.PaymentCount} payments, {UkFormat.Money(run.Total)}; the payment file was made");
        await db.SaveChangesOrConflictAsync(async (_, c) =>
        {
            var saved = await db.PaymentRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.DecidedByName, r.DecidedAt }).SingleAsync(c);
            return new ConflictException("payment-run-decided", $"This payment run was already decided by {saved.DecidedByName} at {(saved.DecidedAt is { } at ? UkFormat.DateTime(at) : "")}");
        }, ct);
        return run;
    }

    /// <summary>
    /// Each direct payment the run pays into a monitored account (a managed account or prepaid card account, ADR 0035) is
    /// recorded there as the council's pay-in, in the same unit of work as the approval, so the account's balance is
    /// checked against what was really paid. The account is the one of the payment's agreement, else the person's latest
    /// opened one (ADR 0034, 0038).
    /// </summary>
    private async Task RecordPayInsAsync(PaymentRun run, IReadOnlyList<Payment> payments, CancellationToken ct)
    {
        var paid = payments.Where(p => p.SourceKind == PayableSource.DirectPayment && p.Status == PaymentStatus.Paid && p.Amount > 0).ToList();
        var people = paid.Where(p => p.PersonId is not null).Select(p => p.PersonId!.Value).Distinct().ToList();
        if (people.Count == 0)
        {
            return;
        }

        var monitored = await db.DirectPaymentAccounts.AsNoTracking().Where(a => people.Contains(a.PersonId))
            .Select(a => new { a.Id, a.PersonId, a.DirectPaymentAgreementId, a.OpenedOn, a.CreatedAt }).ToListAsync(ct);
        var today = clock.UkToday();
        var now = clock.GetUtcNow();
        foreach (var payment in paid)
        {
            var accounts = monitored.Where(a => a.PersonId == payment.PersonId).OrderByDescending(a => a.OpenedOn).ThenByDescending(a => a.CreatedAt).ToList();
            if ((accounts.FirstOrDefault(a => a.DirectPaymentAgreementId == payment.SourceId) ?? accounts.FirstOrDefault()) is { } account)
            {
                db.AccountPayIns.Add(AccountPayIn.Record(account.Id, today, payment.Amount, PayInSource.Council, $"{run.BatchReference} {payment.Reference}", today, currentUser.Actor, now));
            }
        }
    }

    public async Task<PaymentRun> CancelRunAsync(Guid runId, string? reason, CancellationToken ct = default)
    {
        var run = await db.PaymentRuns.SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException("The payment run");
        var payments = await db.Payments.Where(p => p.RunId == runId).ToListAsync(ct);
        run.Cancel(payments, reason, currentUser.Actor, clock.GetUtcNow());
        audit.Add(AuditAction.Decided, RunRecordType, run.Id.ToString(), summary: $"Cancelled payment run {run.BatchReference}: its payments can go in a later run", reason: run.CancelReason);
        await db.SaveChangesOrConflictAsync((_, _) => Task.FromResult<Exception>(new ConflictException("payment-run-decided", "This payment run was decided by someone else at the same moment")), ct);
        return run;
    }

    /// <summary>The approved run's payment file (CSV). Downloading it is audited.</summary>
    public async Task<(string FileName, string Csv)> FileAsync(Guid runId, CancellationToken ct = default)
    {
        var run = await db.PaymentRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException("The payment run");
        if (run.FileCsv is null)
        {
            throw new DomainException("payment-run-not-approved", "The payment file is made when another finance officer approves the run");
        }

        await audit.RecordAsync(AuditAction.Viewed, RunRecordType, run.Id.ToString(), summary: $"Downloaded the payment file of run {run.BatchReference}", cancellationToken: ct);
        return ($"{run.BatchReference}.csv", run.FileCsv);
    }

    /// <summary>The periods of an agreement due by a date that no run has taken yet (paid or waiting for approval).</summary>
    public static IReadOnlyList<SchedulePeriod> Due(DirectPayment dp, IReadOnlyCollection<Payment> taken, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(dp);
        ArgumentNullException.ThrowIfNull(taken);
        var live = taken.Where(p => p.Status != PaymentStatus.Cancelled).ToList();
        var through = live.Count == 0 ? (DateOnly?)null : live.Max(p => p.PeriodEnd);
        return PaymentSchedule.Due(dp.Terms(), through, live.Sum(p => p.Amount), until);
    }

    private static string Payee(DirectPayment dp) => dp.Recipient == RecipientKind.Person || dp.RecipientName is null ? dp.AccountName ?? "The person" : dp.RecipientName;

    private async Task<PersonalBudget?> OpenBudgetWithDirectPaymentAsync(Guid personId, CancellationToken ct) =>
        await db.PersonalBudgets.Where(b => b.PersonId == personId && b.EndDate == null && b.DirectPaymentWeekly > 0).OrderByDescending(b => b.StartDate).FirstOrDefaultAsync(ct);

    private Task<People.StaffRef?> FinanceOfficerForAsync(Guid personId, CancellationToken ct) =>
        Charging.FinanceOfficers.LeastLoadedAsync(db, personId, ids => db.DirectPayments.Where(d => d.Status == DirectPaymentStatus.SettingUp && ids.Contains(d.OwnerId)).Select(d => d.OwnerId), ct);

    private async Task<DirectPayment> LoadAsync(Guid personId, Guid id, CancellationToken ct) =>
        await db.DirectPayments.SingleOrDefaultAsync(d => d.Id == id && d.PersonId == personId, ct) ?? throw new NotFoundException("The direct payment");

    private Task SaveAsync(DirectPayment dp, CancellationToken ct) =>
        db.SaveChangesOrConflictAsync(async (_, c) =>
        {
            var saved = await db.DirectPayments.AsNoTracking().Where(d => d.Id == dp.Id).Select(d => new { d.UpdatedByName, d.UpdatedAt }).SingleOrDefaultAsync(c);
            return saved is null
                ? new ConflictException("dp-already-open", "A direct payment is already open for this personal budget")
                : new ConcurrencyConflictException(saved.UpdatedByName, saved.UpdatedAt);
        }, ct);
}
