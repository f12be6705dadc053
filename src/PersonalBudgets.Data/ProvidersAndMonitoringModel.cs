using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Providers;

namespace PersonalBudgets.Data;

/// <summary>
/// The model of issue 15's providers, commissioned services, invoices and direct payment account monitoring (ADR 0035),
/// kept apart from the rest of the context so the merge with the direct payments slice stays small.
/// </summary>
internal static class ProvidersAndMonitoringModel
{
    public static void ConfigureConventions(ModelConfigurationBuilder c)
    {
        c.Properties<ProviderType>().HaveConversion<string>().HaveMaxLength(40);
        c.Properties<RateUnit>().HaveConversion<string>().HaveMaxLength(40);
        c.Properties<CommissionedServiceStatus>().HaveConversion<string>().HaveMaxLength(40);
        c.Properties<InvoiceStatus>().HaveConversion<string>().HaveMaxLength(40);
        c.Properties<AccountKind>().HaveConversion<string>().HaveMaxLength(40);
        c.Properties<PayInSource>().HaveConversion<string>().HaveMaxLength(40);
        c.Properties<FlagKind>().HaveConversion<string>().HaveMaxLength(40);
        c.Properties<FlagStatus>().HaveConversion<string>().HaveMaxLength(40);
        c.Properties<ReclaimStatus>().HaveConversion<string>().HaveMaxLength(40);
        c.Properties<ReclaimMethod>().HaveConversion<string>().HaveMaxLength(40);
    }

    public static void Configure(ModelBuilder builder, Action<Microsoft.EntityFrameworkCore.Metadata.Builders.IndexBuilder, string> oneOpen)
    {
        builder.Entity<Provider>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.Name).HasMaxLength(Provider.NameMaxLength);
            b.Property(p => p.CqcLocationId).HasMaxLength(20);
            b.Property(p => p.ContactName).HasMaxLength(Provider.ContactMaxLength);
            b.Property(p => p.ContactEmail).HasMaxLength(Provider.ContactMaxLength);
            b.Property(p => p.ContactPhone).HasMaxLength(40);
            b.Property(p => p.SortCode).HasMaxLength(6);
            b.Property(p => p.AccountNumber).HasMaxLength(8);
            b.Property(p => p.AccountName).HasMaxLength(Provider.NameMaxLength);
            b.Property(p => p.CreatedByName).HasMaxLength(200);
            b.Property(p => p.UpdatedByName).HasMaxLength(200);
            b.Property(p => p.Revision).IsConcurrencyToken();
            b.HasIndex(p => p.Name);
            b.OwnsMany(p => p.Rates, o =>
            {
                o.ToTable("ProviderRates");
                o.WithOwner().HasForeignKey("ProviderId");
                o.HasKey("ProviderId", nameof(ProviderRate.Id));
                o.Property(r => r.Id).ValueGeneratedNever();
                o.Property(r => r.Service).HasMaxLength(ProviderRate.ServiceMaxLength);
            });
            b.Navigation(p => p.Rates).AutoInclude();
            b.Ignore(p => p.HasBankDetails);
        });

        builder.Entity<CommissionedService>(b =>
        {
            b.HasKey(s => s.Id);
            b.Property(s => s.Description).HasMaxLength(300);
            b.Property(s => s.Service).HasMaxLength(ProviderRate.ServiceMaxLength);
            b.Property(s => s.CreatedByName).HasMaxLength(200);
            b.Property(s => s.EndReason).HasMaxLength(CommissionedService.EndReasonMaxLength);
            b.Property(s => s.Revision).IsConcurrencyToken();
            b.HasIndex(s => new { s.ProviderId, s.Status });
            b.HasIndex(s => s.PersonId);
            // One active commissioned service per element of a plan version.
            oneOpen(b.HasIndex([nameof(CommissionedService.PlanId), nameof(CommissionedService.ElementId)], "IX_CommissionedServices_OneActivePerElement"), "\"Status\" = 'Active'");
            b.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Provider>().WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(s => s.WeeklyCost);
            // Suspensions and changes of units or rate are kept as JSON, like a direct payment's (ADR 0040).
            b.Ignore(s => s.Suspensions);
            b.Ignore(s => s.Changes);
            b.Ignore(s => s.OpenSuspension);
        });

        builder.Entity<Invoice>(b =>
        {
            b.HasKey(i => i.Id);
            b.Property(i => i.InvoiceNumber).HasMaxLength(Invoice.NumberMaxLength);
            b.Property(i => i.RecordedByName).HasMaxLength(200);
            b.Property(i => i.QueriedByName).HasMaxLength(200);
            b.Property(i => i.ApprovedByName).HasMaxLength(200);
            b.Property(i => i.QueryReason).HasMaxLength(Invoice.ReasonMaxLength);
            b.Property(i => i.ApprovalNote).HasMaxLength(Invoice.ReasonMaxLength);
            b.Property(i => i.PaidInRun).HasMaxLength(60);
            b.Property(i => i.Revision).IsConcurrencyToken();
            // One invoice number per provider.
            b.HasIndex(i => new { i.ProviderId, i.InvoiceNumber }).IsUnique();
            // What a payment run picks up: approved invoices.
            b.HasIndex(i => new { i.Status, i.ApprovedAt });
            b.HasOne<Provider>().WithMany().HasForeignKey(i => i.ProviderId).OnDelete(DeleteBehavior.Restrict);
            b.OwnsMany(i => i.Lines, o =>
            {
                o.ToTable("InvoiceLines");
                o.WithOwner().HasForeignKey("InvoiceId");
                o.HasKey("InvoiceId", nameof(InvoiceLine.Id));
                o.Property(l => l.Id).ValueGeneratedNever();
                o.Property(l => l.Description).HasMaxLength(InvoiceLine.DescriptionMaxLength);
                o.HasIndex(l => l.CommissionedServiceId);
            });
            b.Navigation(i => i.Lines).AutoInclude();
        });

        builder.Entity<DirectPaymentAccount>(b =>
        {
            b.HasKey(a => a.Id);
            b.Property(a => a.AccountReference).HasMaxLength(DirectPaymentAccount.ReferenceMaxLength);
            b.Property(a => a.CreatedByName).HasMaxLength(200);
            b.Property(a => a.Revision).IsConcurrencyToken();
            b.HasIndex(a => new { a.Kind, a.AccountReference }).IsUnique();
            b.HasIndex(a => a.PersonId);
            b.HasIndex(a => a.DirectPaymentAgreementId);
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            // The agreement the account holds the money of (ADR 0038); null for accounts recorded before.
            b.HasOne<Core.DirectPayments.DirectPayment>().WithMany().HasForeignKey(a => a.DirectPaymentAgreementId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AccountPayIn>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.Reference).HasMaxLength(100);
            b.Property(p => p.RecordedByName).HasMaxLength(200);
            b.HasIndex(p => new { p.AccountId, p.Date });
            b.HasOne<DirectPaymentAccount>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StatementImport>(b =>
        {
            b.HasKey(s => s.Id);
            b.Property(s => s.FileHash).HasMaxLength(64);
            b.Property(s => s.FileName).HasMaxLength(200);
            b.Property(s => s.ImportedByName).HasMaxLength(200);
            // The same file twice for an account is one import.
            b.HasIndex(s => new { s.AccountId, s.FileHash }).IsUnique();
            b.HasOne<DirectPaymentAccount>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StatementLine>(b =>
        {
            b.HasKey(l => l.Id);
            b.Property(l => l.LineKey).HasMaxLength(64);
            b.Property(l => l.Description).HasMaxLength(StatementCsv.DescriptionMaxLength);
            b.Property(l => l.MerchantCategory).HasMaxLength(StatementCsv.CategoryMaxLength);
            // A transaction is imported once, whichever file it comes in.
            b.HasIndex(l => new { l.AccountId, l.LineKey }).IsUnique();
            b.HasIndex(l => new { l.AccountId, l.Date });
            b.HasOne<DirectPaymentAccount>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<StatementImport>().WithMany().HasForeignKey(l => l.ImportId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<MonitoringFlag>(b =>
        {
            b.HasKey(f => f.Id);
            b.Property(f => f.Detail).HasMaxLength(MonitoringFlag.TextMaxLength);
            b.Property(f => f.Finding).HasMaxLength(MonitoringFlag.TextMaxLength);
            b.Property(f => f.OwnerName).HasMaxLength(200);
            b.Property(f => f.ResolvedByName).HasMaxLength(200);
            b.Property(f => f.Revision).IsConcurrencyToken();
            b.HasIndex(f => new { f.OwnerId, f.Status, f.DueDate });
            b.HasIndex(f => f.PersonId);
            // One open flag of each kind per account.
            oneOpen(b.HasIndex([nameof(MonitoringFlag.AccountId), nameof(MonitoringFlag.Kind)], "IX_MonitoringFlags_OneOpenPerKind"), "\"Status\" = 'Open'");
            b.HasOne<DirectPaymentAccount>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Reclaim>(b =>
        {
            b.HasKey(r => r.Id);
            b.Property(r => r.Reason).HasMaxLength(Reclaim.ReasonMaxLength);
            b.Property(r => r.CreatedByName).HasMaxLength(200);
            b.Property(r => r.TakenByName).HasMaxLength(200);
            b.Property(r => r.Revision).IsConcurrencyToken();
            b.HasIndex(r => r.PersonId);
            // One reclaim with notice running per account: a second waits until the first is taken or cancelled.
            oneOpen(b.HasIndex([nameof(Reclaim.AccountId)], "IX_Reclaims_OneNoticeRunning"), "\"Status\" = 'NoticeGiven'");
            b.HasOne<DirectPaymentAccount>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
