using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.Teams;

namespace PersonalBudgets.Data;

/// <summary>
/// The one database context. Each provider has a derived type only so that each keeps its own migrations
/// (see docs/adr/0002-one-migration-set-per-provider.md).
/// </summary>
public abstract class PersonalBudgetsDbContext(DbContextOptions options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Person> People => Set<Person>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<TeamAllocation> TeamAllocations => Set<TeamAllocation>();
    public DbSet<KeyWorkerAssignment> KeyWorkerAssignments => Set<KeyWorkerAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<EligibilityDetermination> EligibilityDeterminations => Set<EligibilityDetermination>();
    public DbSet<BudgetOffer> BudgetOffers => Set<BudgetOffer>();
    public DbSet<RasVersion> RasVersions => Set<RasVersion>();
    public DbSet<IndicativeBudget> IndicativeBudgets => Set<IndicativeBudget>();
    public DbSet<BudgetChallenge> BudgetChallenges => Set<BudgetChallenge>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Enums are stored by name so the data reads plainly and survives reordering.
        configurationBuilder.Properties<Gender>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<Ethnicity>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<AccommodationStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<EmploymentStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PrimarySupportReason>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<Profession>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<OrganisationType>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<AuditAction>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<AssessmentKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<AssessmentType>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<AssessmentStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<Participation>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<YesNoUnknown>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<SpecifiedOutcome>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<WellbeingArea>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<WellbeingImpact>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<CarerOutcome>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<OfferStage>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<OfferResponse>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<NotOfferedReason>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<RasVersionStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<CompletedWith>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ChallengeOutcome>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<StaffUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.JobTitle).HasMaxLength(200);
            b.HasOne<Organisation>().WithMany().HasForeignKey(u => u.EmployerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Person>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.LegalFirstName).HasMaxLength(PersonDetailsRules.NameMaxLength);
            b.Property(p => p.LegalLastName).HasMaxLength(PersonDetailsRules.NameMaxLength);
            b.Property(p => p.PreferredName).HasMaxLength(PersonDetailsRules.NameMaxLength);
            b.Property(p => p.NhsNumber).HasMaxLength(10);
            b.Property(p => p.PersonIdentifier).HasMaxLength(PersonDetailsRules.PersonIdentifierMaxLength);
            b.Property(p => p.AddressLine1).HasMaxLength(PersonDetailsRules.ShortTextMaxLength);
            b.Property(p => p.AddressLine2).HasMaxLength(PersonDetailsRules.ShortTextMaxLength);
            b.Property(p => p.Town).HasMaxLength(PersonDetailsRules.NameMaxLength);
            b.Property(p => p.Postcode).HasMaxLength(10);
            b.Property(p => p.SearchPostcode).HasMaxLength(10);
            b.Property(p => p.PhoneNumber).HasMaxLength(30);
            b.Property(p => p.Email).HasMaxLength(PersonDetailsRules.ShortTextMaxLength);
            b.Property(p => p.CommunicationNeeds).HasMaxLength(PersonDetailsRules.LongTextMaxLength);
            b.Property(p => p.GpPracticeCode).HasMaxLength(10);
            b.Property(p => p.SearchName).HasMaxLength(320);
            b.Property(p => p.UpdatedByName).HasMaxLength(200);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasIndex(p => p.NhsNumber).IsUnique();
            b.HasIndex(p => p.PersonIdentifier).IsUnique();
            b.HasIndex(p => p.SearchName);
            b.HasIndex(p => p.SearchPostcode);
            b.HasIndex(p => p.KeyWorkerId);
            b.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.KeyWorkerId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(p => p.DisplayName);
        });

        builder.Entity<Organisation>(b =>
        {
            b.Property(o => o.Name).HasMaxLength(200);
            b.Property(o => o.Code).HasMaxLength(20);
        });

        builder.Entity<Team>(b =>
        {
            b.Property(t => t.Name).HasMaxLength(200);
            b.Property(t => t.Description).HasMaxLength(PersonDetailsRules.LongTextMaxLength);
            b.HasIndex(t => t.Name).IsUnique();
        });

        builder.Entity<TeamMembership>(b =>
        {
            b.HasKey(m => new { m.TeamId, m.UserId });
            b.HasIndex(m => m.UserId);
            b.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<StaffUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<TeamAllocation>(b =>
        {
            b.Property(a => a.StartedByName).HasMaxLength(200);
            b.Property(a => a.EndedByName).HasMaxLength(200);
            b.Property(a => a.Reason).HasMaxLength(AllocationRules.ReasonMaxLength);
            b.HasIndex(a => new { a.PersonId, a.EndedAt });
            b.HasIndex(a => new { a.TeamId, a.EndedAt });
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<KeyWorkerAssignment>(b =>
        {
            b.Property(a => a.StartedByName).HasMaxLength(200);
            b.Property(a => a.Reason).HasMaxLength(AllocationRules.ReasonMaxLength);
            b.HasIndex(a => new { a.PersonId, a.StartedAt });
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AuditEntry>(b =>
        {
            b.Property(a => a.UserName).HasMaxLength(200);
            b.Property(a => a.RecordType).HasMaxLength(40);
            b.Property(a => a.RecordId).HasMaxLength(64);
            b.Property(a => a.Reason).HasMaxLength(2000);
            b.Property(a => a.Summary).HasMaxLength(1000);
            b.Property(a => a.IpAddress).HasMaxLength(64);
            b.HasIndex(a => a.OccurredAt);
            b.HasIndex(a => new { a.PersonId, a.OccurredAt });
            b.HasIndex(a => new { a.UserId, a.OccurredAt });
        });

        builder.Entity<BreakGlassGrant>(b =>
        {
            b.HasKey(g => g.Id);
            b.Property(g => g.UserName).HasMaxLength(200);
            b.Property(g => g.Reason).HasMaxLength(BreakGlassGrant.ReasonMaxLength);
            b.Property(g => g.ReviewedByName).HasMaxLength(200);
            b.Property(g => g.ReviewNote).HasMaxLength(1000);
            b.HasIndex(g => new { g.UserId, g.PersonId, g.ExpiresAt });
            b.HasIndex(g => g.ReviewedAt);
            b.HasOne<Person>().WithMany().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        ConfigureAssessments(builder);
    }

    private static void ConfigureAssessments(ModelBuilder builder)
    {
        builder.Entity<Assessment>(b =>
        {
            b.HasKey(a => a.Id);
            b.Property(a => a.Revision).IsConcurrencyToken();
            foreach (var text in new[] { nameof(Assessment.WhoTookPart), nameof(Assessment.BestInterestsConsulted), nameof(Assessment.WhatMattersInOwnWords), nameof(Assessment.OutcomesWanted), nameof(Assessment.FluctuationPeriodConsidered), nameof(Assessment.FluctuationDescription), nameof(Assessment.AdvocacyNote) })
            {
                b.Property(text).HasMaxLength(Assessment.TextMaxLength);
            }

            b.Property(a => a.CorrectionReason).HasMaxLength(1000);
            b.Property(a => a.CarerName).HasMaxLength(200);
            b.Property(a => a.CarerRelationship).HasMaxLength(200);
            b.Property(a => a.StartedByName).HasMaxLength(200);
            b.Property(a => a.CompletedByName).HasMaxLength(200);
            b.Property(a => a.UpdatedByName).HasMaxLength(200);
            b.HasIndex(a => new { a.PersonId, a.StartedAt });
            b.HasIndex(a => new { a.OwnerId, a.Status, a.DueDate });
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
            b.OwnsMany(a => a.Outcomes, o =>
            {
                o.ToTable("AssessmentOutcomes");
                o.WithOwner().HasForeignKey("AssessmentId");
                o.HasKey("AssessmentId", nameof(AssessmentOutcome.Outcome));
                o.Property(x => x.Note).HasMaxLength(Assessment.TextMaxLength);
            });
            b.OwnsMany(a => a.Wellbeing, o =>
            {
                o.ToTable("AssessmentWellbeing");
                o.WithOwner().HasForeignKey("AssessmentId");
                o.HasKey("AssessmentId", nameof(WellbeingFinding.Area));
                o.Property(x => x.Note).HasMaxLength(Assessment.TextMaxLength);
            });
            b.OwnsMany(a => a.CarerOutcomes, o =>
            {
                o.ToTable("AssessmentCarerOutcomes");
                o.WithOwner().HasForeignKey("AssessmentId");
                o.HasKey("AssessmentId", nameof(CarerOutcomeFinding.Outcome));
                o.Property(x => x.Note).HasMaxLength(Assessment.TextMaxLength);
            });
            b.Navigation(a => a.Outcomes).AutoInclude();
            b.Navigation(a => a.Wellbeing).AutoInclude();
            b.Navigation(a => a.CarerOutcomes).AutoInclude();
        });

        builder.Entity<EligibilityDetermination>(b =>
        {
            b.HasKey(e => e.Id);
            b.Property(e => e.SignificantImpactReason).HasMaxLength(EligibilityDetermination.TextMaxLength);
            b.Property(e => e.Advice).HasMaxLength(EligibilityDetermination.TextMaxLength);
            b.Property(e => e.ConfirmedByName).HasMaxLength(200);
            b.Ignore(e => e.Reasons);
            b.HasIndex(e => e.AssessmentId).IsUnique();
            b.HasIndex(e => new { e.PersonId, e.ConfirmedAt });
            b.HasOne<Assessment>().WithMany().HasForeignKey(e => e.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<BudgetOffer>(b =>
        {
            b.HasKey(o => o.Id);
            b.Property(o => o.Detail).HasMaxLength(BudgetOffer.DetailMaxLength);
            b.Property(o => o.RecordedByName).HasMaxLength(200);
            b.HasIndex(o => new { o.PersonId, o.RecordedAt });
            b.HasIndex(o => new { o.TeamId, o.RecordedAt });
            b.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<RasVersion>(b =>
        {
            b.HasKey(v => v.Id);
            b.Property(v => v.Name).HasMaxLength(200);
            b.Property(v => v.CreatedByName).HasMaxLength(200);
            b.Property(v => v.PublishedByName).HasMaxLength(200);
            b.Property(v => v.Revision).IsConcurrencyToken();
            b.HasIndex(v => v.Number).IsUnique();
            b.Ignore(v => v.Definition);
        });

        builder.Entity<IndicativeBudget>(b =>
        {
            b.HasKey(i => i.Id);
            b.Property(i => i.CalculatedByName).HasMaxLength(200);
            b.HasIndex(i => new { i.PersonId, i.CalculatedAt });
            b.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<RasVersion>().WithMany().HasForeignKey(i => i.RasVersionId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(i => i.Result);
            b.Ignore(i => i.Answers);
        });

        builder.Entity<BudgetChallenge>(b =>
        {
            b.HasKey(c => c.Id);
            b.Property(c => c.Reason).HasMaxLength(BudgetChallenge.TextMaxLength);
            b.Property(c => c.OutcomeReason).HasMaxLength(BudgetChallenge.TextMaxLength);
            b.Property(c => c.RaisedByName).HasMaxLength(200);
            b.Property(c => c.DecidedByName).HasMaxLength(200);
            b.Property(c => c.Revision).IsConcurrencyToken();
            b.HasIndex(c => c.IndicativeBudgetId);
            b.HasOne<IndicativeBudget>().WithMany().HasForeignKey(c => c.IndicativeBudgetId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditTrail();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditTrail();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit trail is append-only.</summary>
    private void GuardAuditTrail()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
        }
    }
}

public sealed class SqlitePersonalBudgetsDbContext(DbContextOptions<SqlitePersonalBudgetsDbContext> options)
    : PersonalBudgetsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date-time-with-offset type; stored as sortable binary so ordering and ranges work.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresPersonalBudgetsDbContext(DbContextOptions<PostgresPersonalBudgetsDbContext> options)
    : PersonalBudgetsDbContext(options);
