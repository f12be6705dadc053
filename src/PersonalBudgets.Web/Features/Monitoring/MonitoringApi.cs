using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Monitoring;

/// <summary>
/// Direct payment account monitoring over JSON (issue 15 item 4, ADR 0035): anyone who may see the person sees the
/// account's position, flags and reclaims; finance staff record accounts and pay-ins, import statements, resolve flags and
/// record reclaims. A statement is sent as JSON: its file name and its CSV text.
/// </summary>
public static class MonitoringApi
{
    public static RouteGroupBuilder MapMonitoringApi(this RouteGroupBuilder api)
    {
        var accounts = "/people/{id:guid}/dp-accounts";
        api.MapGet(accounts, async (Guid id, MonitoringService monitoring, CancellationToken ct) =>
                TypedResults.Ok((await monitoring.AccountsAsync(id, ct)).Select(AccountDto.From).ToList()))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Monitoring").WithName("ListDirectPaymentAccounts").WithSummary("The person's direct payment accounts: balance against what was paid in, flags and reclaims.");

        api.MapPost(accounts, async (Guid id, OpenAccountRequest r, MonitoringService monitoring, CancellationToken ct) =>
            {
                var a = await monitoring.OpenAsync(id, r.DirectPaymentAgreementId, requireAgreement: false, r.Kind, r.AccountReference, r.WeeklyNetPayment, r.WeeklyContribution, r.ContingencyWeeks, r.OpenedOn, ct);
                return TypedResults.Created($"/api/v1/people/{id}/dp-accounts/{a.Id}", AccountDto.From(await monitoring.GetAsync(id, a.Id, ct)));
            })
            .RequirePermission(Permission.MonitorDirectPayments)
            .WithTags("Monitoring").WithName("OpenDirectPaymentAccount").WithSummary("Record a managed account or prepaid card account for the person's direct payment agreement (directPaymentAgreementId; without it, their latest open one): reference, weekly net payment and contribution (default from the agreement), contingency weeks (default from settings).");

        api.MapGet(accounts + "/{accountId:guid}", async (Guid id, Guid accountId, MonitoringService monitoring, CancellationToken ct) =>
                TypedResults.Ok(AccountDto.From(await monitoring.GetAsync(id, accountId, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Monitoring").WithName("GetDirectPaymentAccount").WithSummary("One account's position, flags, reclaims and imports.");

        api.MapPost(accounts + "/{accountId:guid}/pay-ins", async (Guid id, Guid accountId, PayInRequest r, MonitoringService monitoring, CancellationToken ct) =>
            {
                var p = await monitoring.RecordPayInAsync(id, accountId, r.Date, r.Amount, r.Source, r.Reference, ct);
                return TypedResults.Created($"/api/v1/people/{id}/dp-accounts/{accountId}", new PayInDto(p.Id, p.Date, p.Amount, p.Source, p.Reference));
            })
            .RequirePermission(Permission.MonitorDirectPayments)
            .WithTags("Monitoring").WithName("RecordPayIn").WithSummary("Record money paid into the account: a council payment or the person's contribution.");

        api.MapPost(accounts + "/{accountId:guid}/statements", async (Guid id, Guid accountId, StatementRequest r, MonitoringService monitoring, CancellationToken ct) =>
            {
                var result = await monitoring.ImportAsync(id, accountId, r.FileName, r.Content, ct);
                return TypedResults.Ok(new ImportDto(result.AlreadyImported, result.Rows, result.NewRows, result.FlagsRaised.Select(FlagDto.From).ToList()));
            })
            .RequirePermission(Permission.MonitorDirectPayments)
            .WithTags("Monitoring").WithName("ImportStatement")
            .WithSummary("Import a statement (CSV: Date, Description, Amount, Balance, Merchant category). The same file twice changes nothing; a malformed row is a 400 naming the row, and nothing is imported.");

        api.MapPost(accounts + "/{accountId:guid}/check", async (Guid id, Guid accountId, MonitoringService monitoring, CancellationToken ct) =>
                TypedResults.Ok((await monitoring.CheckAsync(id, accountId, ct)).Select(FlagDto.From).ToList()))
            .RequirePermission(Permission.MonitorDirectPayments)
            .WithTags("Monitoring").WithName("CheckDirectPaymentAccount").WithSummary("Run the monitoring rules today and raise any new flags.");

        api.MapPost(accounts + "/{accountId:guid}/flags/{flagId:guid}/resolve", async (Guid id, Guid accountId, Guid flagId, ResolveRequest r, MonitoringService monitoring, CancellationToken ct) =>
                TypedResults.Ok(FlagDto.From(await monitoring.ResolveFlagAsync(id, accountId, flagId, r.Revision ?? 0, r.Finding, ct))))
            .RequirePermission(Permission.MonitorDirectPayments)
            .WithTags("Monitoring").WithName("ResolveFlag").WithSummary("Resolve a flag, recording what the audit of the account found.");

        api.MapPost(accounts + "/{accountId:guid}/reclaims", async (Guid id, Guid accountId, ReclaimRequest r, MonitoringService monitoring, CancellationToken ct) =>
            {
                var reclaim = await monitoring.GiveReclaimNoticeAsync(id, accountId, r.FlagId, r.Amount, r.Method, r.Reason, ct);
                return TypedResults.Created($"/api/v1/people/{id}/dp-accounts/{accountId}", ReclaimDto.From(reclaim));
            })
            .RequirePermission(Permission.MonitorDirectPayments)
            .WithTags("Monitoring").WithName("GiveReclaimNotice")
            .WithSummary("Record a reclaim of surplus with written notice: no more than the balance above the contingency reserve; taken only after the notice period.");

        api.MapPost(accounts + "/{accountId:guid}/reclaims/{reclaimId:guid}/take", async (Guid id, Guid accountId, Guid reclaimId, TakeRequest r, MonitoringService monitoring, CancellationToken ct) =>
                TypedResults.Ok(ReclaimDto.From(await monitoring.TakeReclaimAsync(id, accountId, reclaimId, r.Revision ?? 0, ct))))
            .RequirePermission(Permission.MonitorDirectPayments)
            .WithTags("Monitoring").WithName("TakeReclaim").WithSummary("Record the reclaim taken; refused before the notice period ends.");

        return api;
    }

    public sealed record OpenAccountRequest(AccountKind? Kind, string? AccountReference, decimal? WeeklyNetPayment, decimal? WeeklyContribution, int? ContingencyWeeks, DateOnly? OpenedOn,
        Guid? DirectPaymentAgreementId = null);

    public sealed record PayInRequest(DateOnly? Date, decimal? Amount, PayInSource? Source, string? Reference);

    public sealed record StatementRequest(string? FileName, string? Content);

    public sealed record ResolveRequest(int? Revision, string? Finding);

    public sealed record ReclaimRequest(Guid? FlagId, decimal? Amount, ReclaimMethod? Method, string? Reason);

    public sealed record TakeRequest(int? Revision);

    public sealed record PayInDto(Guid Id, DateOnly Date, decimal Amount, PayInSource Source, string? Reference);

    public sealed record ImportDto(bool AlreadyImported, int Rows, int NewRows, IReadOnlyList<FlagDto> FlagsRaised);

    public sealed record FlagDto(Guid Id, FlagKind Kind, string Detail, DateOnly RaisedOn, string? OwnerName, DateOnly DueDate, FlagStatus Status, string? Finding, int Revision)
    {
        public static FlagDto From(MonitoringFlag f) => new(f.Id, f.Kind, f.Detail, f.RaisedOn, f.OwnerName, f.DueDate, f.Status, f.Finding, f.Revision);
    }

    public sealed record ReclaimDto(Guid Id, decimal Amount, decimal BalanceAtNotice, decimal ContingencyReserve, string Reason, DateOnly NoticeDate, DateOnly EarliestTakeDate,
        ReclaimMethod Method, ReclaimStatus Status, DateOnly? TakenOn, int Revision)
    {
        public static ReclaimDto From(Reclaim r) => new(r.Id, r.Amount, r.BalanceAtNotice, r.ContingencyReserve, r.Reason, r.NoticeDate, r.EarliestTakeDate, r.Method, r.Status, r.TakenOn, r.Revision);
    }

    public sealed record AccountDto(Guid Id, AccountKind Kind, string AccountReference, decimal WeeklyNetPayment, decimal WeeklyContribution, int ContingencyWeeks, DateOnly OpenedOn,
        decimal? Balance, DateOnly? BalanceOn, decimal PaidInByCouncil, decimal ContributionsPaidIn, decimal Spent, decimal? SurplusWeeks, decimal Reclaimable,
        int StatementsImported, IReadOnlyList<FlagDto> Flags, IReadOnlyList<ReclaimDto> Reclaims)
    {
        /// <summary>The direct payment agreement the account belongs to (null for accounts recorded before accounts belonged to one).</summary>
        public Guid? DirectPaymentAgreementId { get; init; }

        public static AccountDto From(AccountView v)
        {
            var a = v.Account;
            return new(a.Id, a.Kind, a.AccountReference, a.WeeklyNetPayment, a.WeeklyContribution, a.ContingencyWeeks, a.OpenedOn, v.Balance, v.BalanceOn,
                v.PaidInByCouncil, v.ContributionsPaidIn, v.SpentPerStatements, v.SurplusWeeks, v.Reclaimable, v.Imports.Count,
                v.Flags.Select(FlagDto.From).ToList(), v.Reclaims.Select(ReclaimDto.From).ToList())
            { DirectPaymentAgreementId = a.DirectPaymentAgreementId };
        }
    }
}
