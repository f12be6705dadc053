using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Providers;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Providers;

/// <summary>
/// The provider register, commissioned services and invoices over JSON (issue 15, ADR 0035), with the pages' rules: all
/// staff read names and contacts; administrators and finance staff change providers and rates; only finance staff see or
/// record bank details (others get them masked), commission services and record, approve or query invoices.
/// </summary>
public static class ProvidersApi
{
    public static RouteGroupBuilder MapProvidersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/providers", async (ProviderService providers, CancellationToken ct) => TypedResults.Ok(await providers.ListAsync(ct)))
            .RequirePermission(Permission.ViewProviders)
            .WithTags("Providers").WithName("ListProviders").WithSummary("The provider register: names, types, CQC location IDs and contacts.");

        api.MapPost("/providers", async (ProviderRequest request, ProviderService providers, CancellationToken ct) =>
            {
                var p = await providers.CreateAsync(request.Details(), ct);
                return TypedResults.Created($"/api/v1/providers/{p.Id}", ProviderDto.From(new ProviderView(p, false, true)));
            })
            .RequirePermission(Permission.ManageProviders)
            .WithTags("Providers").WithName("CreateProvider").WithSummary("Add a provider: name, CQC location ID (1- and digits), type and contact.");

        api.MapGet("/providers/{providerId:guid}", async (Guid providerId, ProviderService providers, CancellationToken ct) =>
                TypedResults.Ok(ProviderDto.From(await providers.GetAsync(providerId, ct))))
            .RequirePermission(Permission.ViewProviders)
            .WithTags("Providers").WithName("GetProvider").WithSummary("A provider with its rates; bank details in full for finance staff, masked for others.");

        api.MapPut("/providers/{providerId:guid}", async (Guid providerId, ProviderRequest request, ProviderService providers, CancellationToken ct) =>
                TypedResults.Ok(ProviderDto.From(new ProviderView(await providers.UpdateAsync(providerId, request.Revision ?? 0, request.Details(), ct), false, true))))
            .RequirePermission(Permission.ManageProviders)
            .WithTags("Providers").WithName("UpdateProvider").WithSummary("Change a provider's details. 409 if the revision is stale.");

        api.MapPut("/providers/{providerId:guid}/bank-details", async (Guid providerId, BankDetailsRequest request, ProviderService providers, CancellationToken ct) =>
                TypedResults.Ok(ProviderDto.From(new ProviderView(await providers.SetBankDetailsAsync(providerId, request.Revision ?? 0, request.SortCode, request.AccountNumber, request.AccountName, ct), true, true))))
            .RequirePermission(Permission.ViewBankDetails)
            .WithTags("Providers").WithName("SetProviderBankDetails").WithSummary("Record a provider's bank details (finance staff): sort code of 6 digits, account number of 8.");

        api.MapPost("/providers/{providerId:guid}/rates", async (Guid providerId, RateRequest request, ProviderService providers, CancellationToken ct) =>
            {
                var (p, rate) = await providers.AddRateAsync(providerId, request.Revision ?? 0, request.Service, request.Unit, request.Rate, request.From, ct);
                return TypedResults.Created($"/api/v1/providers/{p.Id}", new RateDto(rate.Id, rate.Service, rate.Unit, rate.Rate, rate.From));
            })
            .RequirePermission(Permission.ManageProviders)
            .WithTags("Providers").WithName("AddProviderRate").WithSummary("Add a rate from a date (service, unit: Hour, Session or Week, rate). Earlier rates are kept.");

        api.MapGet("/people/{id:guid}/commissioned-services", async (Guid id, CommissioningService commissioning, CancellationToken ct) =>
                TypedResults.Ok((await commissioning.ForPersonAsync(id, ct)).Select(CommissionedServiceDto.From).ToList()))
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Providers").WithName("ListCommissionedServices").WithSummary("The person's individual service funds and commissioned services.");

        api.MapPost("/people/{id:guid}/commissioned-services", async (Guid id, CommissionRequest request, CommissioningService commissioning, CancellationToken ct) =>
            {
                var s = await commissioning.CommissionAsync(id, request.PlanId, request.ElementId, request.ProviderId, request.Service, request.UnitsPerWeek, request.StartDate, request.EndDate, ct);
                return TypedResults.Created($"/api/v1/people/{id}/commissioned-services", CommissionedServiceDto.From(new CommissionedServiceItem(s, "")));
            })
            .RequirePermission(Permission.PayProviders)
            .WithTags("Providers").WithName("CommissionService")
            .WithSummary("Commission a provider for an approved plan's individual service fund or commissioned element, at the provider's rate for the service on the start date.");

        api.MapPost("/people/{id:guid}/commissioned-services/{serviceId:guid}/suspensions", async (Guid id, Guid serviceId, SuspendServiceRequest request, CommissioningService commissioning, CancellationToken ct) =>
                TypedResults.Ok(CommissionedServiceDto.From(new CommissionedServiceItem(await commissioning.SuspendAsync(id, serviceId, request.Revision ?? 0, request.From, request.To, request.Reason, ct), ""))))
            .RequirePermission(Permission.PayProviders)
            .WithTags("Providers").WithName("SuspendCommissionedService")
            .WithSummary("Suspend a commissioned service from a date, to a date or until further notice (to: null), with a reason: a fund is paid nothing for those days. 409 if the revision is stale.");

        api.MapPost("/people/{id:guid}/commissioned-services/{serviceId:guid}/resume", async (Guid id, Guid serviceId, ResumeServiceRequest request, CommissioningService commissioning, CancellationToken ct) =>
                TypedResults.Ok(CommissionedServiceDto.From(new CommissionedServiceItem(await commissioning.ResumeAsync(id, serviceId, request.Revision ?? 0, request.ResumeOn, ct), ""))))
            .RequirePermission(Permission.PayProviders)
            .WithTags("Providers").WithName("ResumeCommissionedService")
            .WithSummary("End a commissioned service's suspension until further notice: it starts again on resumeOn. 409 if the revision is stale.");

        api.MapPost("/people/{id:guid}/commissioned-services/{serviceId:guid}/changes", async (Guid id, Guid serviceId, ChangeServiceRequest request, CommissioningService commissioning, CancellationToken ct) =>
                TypedResults.Ok(CommissionedServiceDto.From(new CommissionedServiceItem(
                    await commissioning.ChangeAsync(id, serviceId, request.Revision ?? 0, request.From, request.UnitsPerWeek, request.Rate, request.Reason, ct), ""))))
            .RequirePermission(Permission.PayProviders)
            .WithTags("Providers").WithName("ChangeCommissionedService")
            .WithSummary("Change a commissioned service's units a week or rate from a date (after its start and its last change); the rate not given is the provider's on that date. 409 if the revision is stale.");

        api.MapGet("/providers/{providerId:guid}/invoices", async (Guid providerId, CommissioningService commissioning, CancellationToken ct) =>
                TypedResults.Ok((await commissioning.InvoicesAsync(providerId, ct)).Select(i => new InvoiceSummaryDto(i.Id, i.InvoiceNumber, i.PeriodStart, i.PeriodEnd, i.Total, i.Status, i.ApprovedAmount, i.Revision)).ToList()))
            .RequirePermission(Permission.PayProviders)
            .WithTags("Providers").WithName("ListInvoices").WithSummary("A provider's invoices, latest period first.");

        api.MapPost("/providers/{providerId:guid}/invoices", async (Guid providerId, InvoiceRequest request, CommissioningService commissioning, CancellationToken ct) =>
            {
                var view = await commissioning.RecordInvoiceAsync(providerId, request.InvoiceNumber, request.PeriodStart, request.PeriodEnd,
                    request.Lines?.Select(l => new InvoiceLineInput(l.CommissionedServiceId, l.Description, l.Units, l.Rate)).ToList(), ct);
                return TypedResults.Created($"/api/v1/providers/{providerId}/invoices/{view.Invoice.Id}", InvoiceDto.From(view));
            })
            .RequirePermission(Permission.PayProviders)
            .WithTags("Providers").WithName("RecordInvoice")
            .WithSummary("Record a provider's invoice for a period with its lines; the answer shows each line matched against the plan. 409 if the provider already has that invoice number.");

        api.MapGet("/providers/{providerId:guid}/invoices/{invoiceId:guid}", async (Guid providerId, Guid invoiceId, CommissioningService commissioning, CancellationToken ct) =>
                TypedResults.Ok(InvoiceDto.From(await commissioning.GetInvoiceAsync(providerId, invoiceId, ct))))
            .RequirePermission(Permission.PayProviders)
            .WithTags("Providers").WithName("GetInvoice").WithSummary("An invoice matched line by line against planned units and rates.");

        api.MapPost("/providers/{providerId:guid}/invoices/{invoiceId:guid}/approve", async (Guid providerId, Guid invoiceId, DecideInvoiceRequest request, CommissioningService commissioning, CancellationToken ct) =>
                TypedResults.Ok(InvoiceDto.From(await commissioning.ApproveAsync(providerId, invoiceId, request.Revision ?? 0, request.Note, ct))))
            .RequirePermission(Permission.PayProviders)
            .WithTags("Providers").WithName("ApproveInvoice")
            .WithSummary("Approve an invoice for payment at its total (a note is needed when it differs from the plan); a payment run picks up approved invoices.");

        api.MapPost("/providers/{providerId:guid}/invoices/{invoiceId:guid}/query", async (Guid providerId, Guid invoiceId, DecideInvoiceRequest request, CommissioningService commissioning, CancellationToken ct) =>
                TypedResults.Ok(InvoiceDto.From(await commissioning.QueryAsync(providerId, invoiceId, request.Revision ?? 0, request.Reason, ct))))
            .RequirePermission(Permission.PayProviders)
            .WithTags("Providers").WithName("QueryInvoice").WithSummary("Query an invoice with the provider, with a reason.");

        return api;
    }

    public sealed record ProviderRequest(int? Revision, string? Name, string? CqcLocationId, ProviderType? Type, string? ContactName, string? ContactEmail, string? ContactPhone)
    {
        public ProviderDetails Details() => new(Name, CqcLocationId, Type, ContactName, ContactEmail, ContactPhone);
    }

    public sealed record BankDetailsRequest(int? Revision, string? SortCode, string? AccountNumber, string? AccountName)
    {
        /// <summary>Never print bank details, whatever logs a request.</summary>
        public override string ToString() => "BankDetailsRequest { redacted }";
    }

    public sealed record RateRequest(int? Revision, string? Service, RateUnit? Unit, decimal? Rate, DateOnly? From);

    public sealed record RateDto(Guid Id, string Service, RateUnit Unit, decimal Rate, DateOnly From);

    public sealed record BankDetailsDto(bool Recorded, string? AccountName, string? SortCode, string? AccountNumber, string Shown);

    public sealed record ProviderDto(Guid Id, string Name, string? CqcLocationId, ProviderType Type, string? ContactName, string? ContactEmail, string? ContactPhone,
        BankDetailsDto BankDetails, IReadOnlyList<RateDto> Rates, int Revision)
    {
        public static ProviderDto From(ProviderView v)
        {
            var p = v.Provider;
            var bank = v.MaySeeBankDetails
                ? new BankDetailsDto(p.HasBankDetails, p.AccountName, p.SortCode, p.AccountNumber, v.BankDetailsShown)
                : new BankDetailsDto(p.HasBankDetails, null, null, null, v.BankDetailsShown);
            return new ProviderDto(p.Id, p.Name, p.CqcLocationId, p.Type, p.ContactName, p.ContactEmail, p.ContactPhone, bank,
                p.Rates.OrderBy(r => r.Service).ThenByDescending(r => r.From).Select(r => new RateDto(r.Id, r.Service, r.Unit, r.Rate, r.From)).ToList(), p.Revision);
        }
    }

    public sealed record CommissionRequest(Guid? PlanId, Guid? ElementId, Guid? ProviderId, string? Service, decimal? UnitsPerWeek, DateOnly? StartDate, DateOnly? EndDate);

    public sealed record SuspendServiceRequest(int? Revision, DateOnly? From, DateOnly? To, string? Reason);

    public sealed record ResumeServiceRequest(int? Revision, DateOnly? ResumeOn);

    public sealed record ChangeServiceRequest(int? Revision, DateOnly? From, decimal? UnitsPerWeek, decimal? Rate, string? Reason);

    public sealed record ServiceSuspensionDto(DateOnly From, DateOnly? To, string Reason, DateTimeOffset RecordedAt, string RecordedByName);

    public sealed record ServiceChangeDto(DateOnly From, decimal UnitsPerWeek, decimal Rate, decimal WeeklyCost, string? Reason, DateTimeOffset RecordedAt, string RecordedByName);

    /// <summary>
    /// A commissioned service. <c>unitsPerWeek</c>, <c>rate</c> and <c>weeklyCost</c> are the values from the start date;
    /// <c>changes</c> lists the values from later dates and <c>suspensions</c> the days not delivered (ADR 0040).
    /// </summary>
    public sealed record CommissionedServiceDto(Guid Id, Guid PersonId, Guid ProviderId, string? ProviderName, Guid PlanId, Guid ElementId, string Deployment, string Description,
        string Service, RateUnit Unit, decimal UnitsPerWeek, decimal Rate, decimal WeeklyCost, DateOnly StartDate, DateOnly? EndDate, CommissionedServiceStatus Status,
        int Revision, IReadOnlyList<ServiceChangeDto> Changes, IReadOnlyList<ServiceSuspensionDto> Suspensions)
    {
        public static CommissionedServiceDto From(CommissionedServiceItem i)
        {
            var s = i.Service;
            return new(s.Id, s.PersonId, s.ProviderId, i.ProviderName.Length == 0 ? null : i.ProviderName, s.PlanId, s.ElementId, s.Deployment.ToString(), s.Description,
                s.Service, s.Unit, s.UnitsPerWeek, s.Rate, s.WeeklyCost, s.StartDate, s.EndDate, s.Status, s.Revision,
                s.Changes.Select(c => new ServiceChangeDto(c.From, c.UnitsPerWeek, c.Rate, c.WeeklyCost, c.Reason, c.RecordedAt, c.RecordedByName)).ToList(),
                s.Suspensions.Select(x => new ServiceSuspensionDto(x.From, x.To, x.Reason, x.RecordedAt, x.RecordedByName)).ToList());
        }
    }

    public sealed record InvoiceLineRequest(Guid? CommissionedServiceId, string? Description, decimal? Units, decimal? Rate);

    public sealed record InvoiceRequest(string? InvoiceNumber, DateOnly? PeriodStart, DateOnly? PeriodEnd, IReadOnlyList<InvoiceLineRequest>? Lines);

    public sealed record DecideInvoiceRequest(int? Revision, string? Note, string? Reason);

    public sealed record InvoiceSummaryDto(Guid Id, string InvoiceNumber, DateOnly PeriodStart, DateOnly PeriodEnd, decimal Total, InvoiceStatus Status, decimal? ApprovedAmount, int Revision);

    public sealed record LineMatchDto(int Line, Guid? CommissionedServiceId, string? PersonIdentifier, string Description, decimal Units, decimal Rate, decimal Amount,
        decimal PlannedUnits, decimal? PlannedRate, decimal PlannedAmount, decimal Excess, IReadOnlyList<string> Differences);

    public sealed record InvoiceDto(Guid Id, Guid ProviderId, string ProviderName, string InvoiceNumber, DateOnly PeriodStart, DateOnly PeriodEnd, decimal Total,
        InvoiceStatus Status, bool HasDifferences, decimal Excess, decimal? ApprovedAmount, string? ApprovalNote, string? QueryReason, int Revision, IReadOnlyList<LineMatchDto> Lines)
    {
        public static InvoiceDto From(InvoiceView v)
        {
            var i = v.Invoice;
            return new(i.Id, i.ProviderId, v.ProviderName, i.InvoiceNumber, i.PeriodStart, i.PeriodEnd, i.Total, i.Status, v.Match.HasDifferences, v.Match.Excess,
                i.ApprovedAmount, i.ApprovalNote, i.QueryReason, i.Revision,
                v.Match.Lines.Select(m => new LineMatchDto(m.Line.Order, m.Line.CommissionedServiceId, m.Service is { } s ? v.PersonIdentifiers.GetValueOrDefault(s.PersonId) : null,
                    m.Line.Description, m.Line.Units, m.Line.Rate, m.Line.Amount, m.PlannedUnits, m.PlannedRate, m.PlannedAmount, m.Excess,
                    m.DifferenceList.Select(d => d.ToString()).ToList())).ToList());
        }
    }
}
