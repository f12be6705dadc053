using System.Text;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.DirectPayments;

/// <summary>
/// Direct payments and payment runs over JSON, with the pages' rules: everyone who may see the person sees the agreement
/// and its payments; only finance staff see bank details, record the set-up, suspend or end it, and run and approve
/// payment runs (four eyes: the creator of a run cannot approve it).
/// </summary>
public static class DirectPaymentsApi
{
    public static RouteGroupBuilder MapDirectPaymentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:guid}/direct-payments", async (Guid id, DirectPaymentService service, HttpContext http, CancellationToken ct) =>
            {
                var overview = await service.OverviewAsync(id, ct);
                var bank = http.User.Has(Permission.ManageDirectPayments);
                var result = new List<DirectPaymentDto>();
                foreach (var dp in overview.Agreements)
                {
                    result.Add(DirectPaymentDto.From(dp, bank, await service.PaymentsOfAsync(dp.Id, ct)));
                }

                return TypedResults.Ok(result);
            })
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Direct payments").WithName("ListDirectPayments")
            .WithSummary("A person's direct payments, newest first, with the net amount, schedule state and payments made; bank details for finance staff only.");

        api.MapPost("/people/{id:guid}/direct-payments", async (Guid id, DirectPaymentService service, CancellationToken ct) =>
                TypedResults.Ok(DirectPaymentDto.From(await service.StartAsync(id, ct), true, [])))
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Direct payments").WithName("StartDirectPayment")
            .WithSummary("Start setting up a direct payment for the person's budget in place (409 if one is already open for it).");

        api.MapPut("/people/{id:guid}/direct-payments/{directPaymentId:guid}", async (Guid id, Guid directPaymentId, RecordDirectPaymentRequest request, DirectPaymentService service, CancellationToken ct) =>
                TypedResults.Ok(DirectPaymentDto.From(await service.RecordAsync(id, directPaymentId, request.Revision,
                    request.SetUp ?? throw new ValidationFailedException([new("SetUp", "Send the set-up")]), ct), true, [])))
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Direct payments").WithName("RecordDirectPaymentSetUp")
            .WithSummary("Record the set-up: recipient, capacity and consent, the close-relative decision, account, personal assistants, frequency, start date. 400 names the field; 409 if the revision is stale.");

        api.MapPost("/people/{id:guid}/direct-payments/{directPaymentId:guid}/signature", async (Guid id, Guid directPaymentId, SignatureRequest request, DirectPaymentService service, CancellationToken ct) =>
                TypedResults.Ok(DirectPaymentDto.From(await service.RecordSignatureAsync(id, directPaymentId, request.Revision, request.SignedOn, ct), true, [])))
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Direct payments").WithName("RecordDirectPaymentSignature")
            .WithSummary("Record the date the agreement was signed: nothing is paid before this.");

        api.MapPost("/people/{id:guid}/direct-payments/{directPaymentId:guid}/suspension", async (Guid id, Guid directPaymentId, SuspendRequest request, DirectPaymentService service, CancellationToken ct) =>
                TypedResults.Ok(DirectPaymentDto.From(await service.SuspendAsync(id, directPaymentId, request.Revision, request.From, request.To, request.Reason, request.NoticeGivenOn, ct), true, [])))
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Direct payments").WithName("SuspendDirectPayment")
            .WithSummary("Suspend the payments from a date, to a date or until further notice, with a reason and the date notice was given.");

        api.MapPost("/people/{id:guid}/direct-payments/{directPaymentId:guid}/end", async (Guid id, Guid directPaymentId, EndRequest request, DirectPaymentService service, CancellationToken ct) =>
                TypedResults.Ok(DirectPaymentDto.From(await service.EndAsync(id, directPaymentId, request.Revision, request.LastDay, request.Reason, request.NoticeGivenOn, ct), true, [])))
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Direct payments").WithName("EndDirectPayment")
            .WithSummary("End the direct payment: the last day paid, the reason and the date notice was given.");

        api.MapGet("/payment-runs", async (DirectPaymentService service, CancellationToken ct) =>
                TypedResults.Ok((await service.RunsAsync(ct)).Select(PaymentRunDto.From).ToList()))
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Payment runs").WithName("ListPaymentRuns")
            .WithSummary("Payment runs, newest first.");

        api.MapPost("/payment-runs", async (CreateRunRequest request, DirectPaymentService service, CancellationToken ct) =>
                TypedResults.Ok(PaymentRunDto.From(await service.CreateRunAsync(request.RunDate, ct))))
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Payment runs").WithName("CreatePaymentRun")
            .WithSummary("Create a run for a date: every period due by then and not yet paid or in another run. 409 if another run took some of them at the same moment.");

        api.MapGet("/payment-runs/{runId:guid}", async (Guid runId, DirectPaymentService service, CancellationToken ct) =>
            {
                var view = await service.RunAsync(runId, ct);
                return TypedResults.Ok(PaymentRunDetailsDto.From(view));
            })
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Payment runs").WithName("GetPaymentRun")
            .WithSummary("A payment run with its payments (each with its kind), control totals per kind and, while it waits for approval, what it cannot pay: providers without bank details.");

        api.MapPost("/payment-runs/{runId:guid}/approval", async (Guid runId, DirectPaymentService service, CancellationToken ct) =>
                TypedResults.Ok(PaymentRunDto.From(await service.ApproveRunAsync(runId, ct))))
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Payment runs").WithName("ApprovePaymentRun")
            .WithSummary("Approve a run (not its creator): makes the payment file and marks each payment paid. Repeating it changes nothing.");

        api.MapPost("/payment-runs/{runId:guid}/cancellation", async (Guid runId, CancelRunRequest request, DirectPaymentService service, CancellationToken ct) =>
                TypedResults.Ok(PaymentRunDto.From(await service.CancelRunAsync(runId, request.Reason, ct))))
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Payment runs").WithName("CancelPaymentRun")
            .WithSummary("Cancel a run waiting for approval, with a reason: its periods go in a later run.");

        api.MapGet("/payment-runs/{runId:guid}/file", async (Guid runId, DirectPaymentService service, CancellationToken ct) =>
            {
                var (name, csv) = await service.FileAsync(runId, ct);
                return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv", name);
            })
            .RequirePermission(Permission.ManageDirectPayments)
            .WithTags("Payment runs").WithName("DownloadPaymentFile")
            .WithSummary("The approved run's payment file (CSV: batch reference, one row per payment, control totals).");

        return api;
    }

    public sealed record RecordDirectPaymentRequest(int Revision, DirectPaymentSetUp? SetUp);

    public sealed record SignatureRequest(int Revision, DateOnly? SignedOn);

    public sealed record SuspendRequest(int Revision, DateOnly? From, DateOnly? To, string? Reason, DateOnly? NoticeGivenOn);

    public sealed record EndRequest(int Revision, DateOnly? LastDay, string? Reason, DateOnly? NoticeGivenOn);

    public sealed record CreateRunRequest(DateOnly? RunDate);

    public sealed record CancelRunRequest(string? Reason);

    public sealed record BankDetailsDto(AccountKind? Account, string? AccountName, string? SortCode, string? AccountNumber);

    /// <summary>A payment; <c>Kind</c> says what it pays (a direct payment, an individual service fund, a provider invoice), the provider for the last two.</summary>
    public sealed record PaymentDto(Guid Id, string Reference, DateOnly PeriodStart, DateOnly PeriodEnd, decimal Amount, decimal Adjustment, PaymentStatus Status, DateTimeOffset? PaidAt,
        PayableSource Kind, Guid SourceId, string PayeeName, Guid? PersonId, Guid? ProviderId)
    {
        public static PaymentDto From(Payment p) => new(p.Id, p.Reference, p.PeriodStart, p.LastDay, p.Amount, p.Adjustment, p.Status, p.PaidAt, p.SourceKind, p.SourceId, p.PayeeName, p.PersonId, p.ProviderId);
    }

    /// <summary>A run's control total for one kind of payment: payments of more than nothing and their sum.</summary>
    public sealed record KindTotalDto(PayableSource Kind, int PaymentCount, decimal Total);

    /// <summary>Something due to a provider that the run left out because the provider has no bank details.</summary>
    public sealed record UnpayableDto(Guid ProviderId, string ProviderName, PayableSource Kind, string Reference, decimal Amount);

    public sealed record DirectPaymentDto(
        Guid Id, string Reference, DirectPaymentStatus Status, Guid BudgetId, string? OwnerName, DateOnly DueDate, RecipientKind? Recipient, string? RecipientName,
        bool? PaysCloseRelativeInHousehold, string? CloseRelativeReason, decimal GrossWeekly, decimal ContributionWeekly, decimal NetWeekly, PaymentFrequency Frequency,
        DateOnly? StartDate, DateOnly? SignedOn, DateOnly? EndDate, int Revision, BankDetailsDto? BankDetails, IReadOnlyList<PaymentDto> Payments)
    {
        public static DirectPaymentDto From(DirectPayment d, bool bank, IReadOnlyList<Payment> payments) => new(
            d.Id, d.Reference, d.Status, d.BudgetId, d.OwnerName, d.DueDate, d.Recipient, d.RecipientName, d.PaysCloseRelativeInHousehold, d.CloseRelativeReason,
            d.GrossWeekly, d.ContributionWeekly, d.NetWeekly, d.Frequency, d.StartDate, d.SignedOn, d.EndDate, d.Revision,
            bank ? new BankDetailsDto(d.Account, d.AccountName, d.SortCode, d.AccountNumber) : null, payments.Select(PaymentDto.From).ToList());
    }

    public sealed record PaymentRunDto(Guid Id, string BatchReference, DateOnly RunDate, PaymentRunStatus Status, string CreatedByName, string? DecidedByName, int PaymentCount, decimal Total, bool HasFile)
    {
        public static PaymentRunDto From(PaymentRun r) => new(r.Id, r.BatchReference, r.RunDate, r.Status, r.CreatedByName, r.DecidedByName, r.PaymentCount, r.Total, r.FileCsv is not null);
    }

    public sealed record PaymentRunDetailsDto(PaymentRunDto Run, IReadOnlyList<PaymentDto> Payments, IReadOnlyList<KindTotalDto> TotalsByKind, IReadOnlyList<UnpayableDto> CannotBePaidNoBankDetails)
    {
        public static PaymentRunDetailsDto From(PaymentRunView view) => new(
            PaymentRunDto.From(view.Run), view.Payments.Select(r => PaymentDto.From(r.Payment)).ToList(),
            view.TotalsByKind.Select(t => new KindTotalDto(t.Kind, t.Count, t.Total)).ToList(),
            view.Unpayable.Select(u => new UnpayableDto(u.ProviderId, u.ProviderName, u.Kind, u.Reference, u.Amount)).ToList());
    }
}
