using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.DirectPayments;
using PersonalBudgets.Core.Notifications;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data.Projections;

namespace PersonalBudgets.Data;

/// <summary>
/// The one database context. Each provider has a derived type only so that each keeps its own migrations
/// (see docs/adr/0002-one-migration-set-per-provider.md).
/// </summary>
public abstract class PersonalBudgetsDbContext(DbContextOptions options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<KeptForm> KeptForms => Set<KeptForm>();
    public DbSet<PersonAccount> PersonAccounts => Set<PersonAccount>();
    public DbSet<PersonInvitation> PersonInvitations => Set<PersonInvitation>();
    public DbSet<PlanDraft> PlanDrafts => Set<PlanDraft>();
    public DbSet<PersonRequest> PersonRequests => Set<PersonRequest>();
    public DbSet<ReviewQuestionnaire> ReviewQuestionnaires => Set<ReviewQuestionnaire>();
    public DbSet<SelfAssessment> SelfAssessments => Set<SelfAssessment>();
    public DbSet<RecordGrant> RecordGrants => Set<RecordGrant>();
    public DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();

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
    public DbSet<PathwayEpisode> PathwayEpisodes => Set<PathwayEpisode>();
    public DbSet<PathwayStep> PathwaySteps => Set<PathwayStep>();
    public DbSet<StepOwnerChange> StepOwnerChanges => Set<StepOwnerChange>();
    public DbSet<ServiceStandardsVersion> ServiceStandardsVersions => Set<ServiceStandardsVersion>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<SupportPlan> SupportPlans => Set<SupportPlan>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<PanelMeeting> PanelMeetings => Set<PanelMeeting>();
    public DbSet<PersonalBudget> PersonalBudgets => Set<PersonalBudget>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Reporting.StatutoryReturn> StatutoryReturns => Set<Reporting.StatutoryReturn>();
    public DbSet<ChargingPolicyVersion> ChargingPolicyVersions => Set<ChargingPolicyVersion>();
    public DbSet<FinancialAssessment> FinancialAssessments => Set<FinancialAssessment>();
    public DbSet<UpratingRun> UpratingRuns => Set<UpratingRun>();
    public DbSet<UpratingRunItem> UpratingRunItems => Set<UpratingRunItem>();
    public DbSet<Core.Providers.Provider> Providers => Set<Core.Providers.Provider>();
    public DbSet<Core.Providers.CommissionedService> CommissionedServices => Set<Core.Providers.CommissionedService>();
    public DbSet<Core.Providers.Invoice> Invoices => Set<Core.Providers.Invoice>();
    public DbSet<Core.Monitoring.DirectPaymentAccount> DirectPaymentAccounts => Set<Core.Monitoring.DirectPaymentAccount>();
    public DbSet<Core.Monitoring.AccountPayIn> AccountPayIns => Set<Core.Monitoring.AccountPayIn>();
    public DbSet<Core.Monitoring.StatementImport> StatementImports => Set<Core.Monitoring.StatementImport>();
    public DbSet<Core.Monitoring.StatementLine> StatementLines => Set<Core.Monitoring.StatementLine>();
    public DbSet<Core.Monitoring.MonitoringFlag> MonitoringFlags => Set<Core.Monitoring.MonitoringFlag>();
    public DbSet<Core.Monitoring.Reclaim> Reclaims => Set<Core.Monitoring.Reclaim>();
    public DbSet<DirectPayment> DirectPayments => Set<DirectPayment>();
    public DbSet<PaymentRun> PaymentRuns => Set<PaymentRun>();
    public DbSet<Payment> Payments => Set<Payment>();

    /// <summary>Read only: kept by database triggers (<see cref="TeamOpenStepsSql"/>).</summary>
    public DbSet<TeamOpenStep> TeamOpenSteps => Set<TeamOpenStep>();

    /// <summary>Read only: kept by database triggers (see <see cref="TeamPersonSearch"/>).</summary>
    public DbSet<TeamPersonSearch> TeamPeopleSearch => Set<TeamPersonSearch>();

    /// <summary>Read only: kept by database triggers (see <see cref="TeamOpenApprovalsSql"/>); query it with AsNoTracking.</summary>
    public DbSet<TeamOpenApproval> TeamOpenApprovals => Set<TeamOpenApproval>();

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
        configurationBuilder.Properties<RasKind>().HaveConversion<string>().HaveMaxLength(40);
        // An eligible need is stored by its code: an adult's is the outcome's name, as before carers had plans (ADR 21).
        configurationBuilder.Properties<EligibleNeed>().HaveConversion<EligibleNeedConverter>().HaveMaxLength(40);
        configurationBuilder.Properties<CompletedWith>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ChallengeOutcome>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PathwayStage>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PathwayEndReason>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PlanStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PlanContributor>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PlanSection>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<Deployment>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ServiceCategory>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<UnitType>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<RiskLevel>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PlanAgreement>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ApprovalRoute>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ApprovalOutcome>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PanelKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ReviewReason>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<OutcomeAchieved>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ReviewDecision>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ReviewStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<SessionEndReason>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PersonalBudgets.Core.Common.ActorKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<InvitationDelivery>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PlanDraftKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PlanDraftStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PersonRequestKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PersonRequestStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ChallengedDecision>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<HowWell>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<SelfAssessmentStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<Relationship>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<LegalBasis>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<ChargingPolicyStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<FinancialAssessmentStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<FinancialAssessmentType>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<FinanceReviewOutcome>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<UpratingRunStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<UpratingItemOutcome>().HaveConversion<string>().HaveMaxLength(40);
        ProvidersAndMonitoringModel.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DirectPaymentStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<RecipientKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<AccountKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PaymentFrequency>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PaymentRunStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PayableSource>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PaymentStatus>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.ApplyConfiguration(new Reporting.StatutoryReturnConfiguration());
        ConfigureCharging(builder);
        ProvidersAndMonitoringModel.Configure(builder, OneOpen);
        ConfigureDirectPayments(builder);

        builder.Entity<StaffUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.JobTitle).HasMaxLength(200);
            b.HasOne<Organisation>().WithMany().HasForeignKey(u => u.EmployerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StaffSession>(b =>
        {
            b.HasKey(s => s.Id);
            // Ending every session of one account looks its open sessions up by user.
            b.HasIndex(s => new { s.UserId, s.EndedAt });
            b.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<KeptForm>(b =>
        {
            b.HasKey(f => f.Id);
            b.Property(f => f.Path).HasMaxLength(400);
            b.HasIndex(f => f.UserId);
            // Expired forms are deleted in one statement by this index.
            b.HasIndex(f => f.ExpiresAt);
            b.HasOne<StaffUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        // The person's own area (ADR 0029): accounts apart from staff Identity, one per person.
        builder.Entity<PersonAccount>(b =>
        {
            b.HasKey(a => a.Id);
            b.Property(a => a.Email).HasMaxLength(PersonDetailsRules.ShortTextMaxLength);
            b.Property(a => a.NormalizedEmail).HasMaxLength(PersonDetailsRules.ShortTextMaxLength);
            b.Property(a => a.PasswordHash).HasMaxLength(400);
            b.Property(a => a.ProtectedTotpSecret).HasMaxLength(1000);
            b.Property(a => a.RecoveryCodeHashes).HasMaxLength(1000);
            b.Property(a => a.SecurityStamp).HasMaxLength(64);
            b.Property(a => a.DisplayName).HasMaxLength(RecordGrant.NameMaxLength);
            b.Property(a => a.Version).IsConcurrencyToken();
            b.HasIndex(a => a.PersonId).IsUnique();
            b.HasIndex(a => a.NormalizedEmail).IsUnique();
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PersonInvitation>(b =>
        {
            b.HasKey(i => i.Id);
            b.Property(i => i.Email).HasMaxLength(PersonDetailsRules.ShortTextMaxLength);
            b.Property(i => i.CodeHash).HasMaxLength(64);
            b.Property(i => i.CreatedByName).HasMaxLength(200);
            b.HasIndex(i => i.CodeHash).IsUnique();
            b.HasIndex(i => new { i.PersonId, i.CreatedAt });
            OneOpen(b.HasIndex([nameof(PersonInvitation.PersonId)], "IX_PersonInvitations_OneWaitingPerPerson"), "\"UsedAt\" IS NULL AND \"CancelledAt\" IS NULL");
            b.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        ConfigureTakingPart(builder);
        // Representatives (ADR 0030): a person's record opened to another account, with scopes and dates.
        builder.Entity<RecordGrant>(b =>
        {
            b.HasKey(g => g.Id);
            b.Property(g => g.RepresentativeName).HasMaxLength(RecordGrant.NameMaxLength);
            b.Property(g => g.Email).HasMaxLength(PersonDetailsRules.ShortTextMaxLength);
            b.Property(g => g.Scopes).HasConversion<int>();
            b.Property(g => g.LegalReference).HasMaxLength(RecordGrant.ReferenceMaxLength);
            b.Property(g => g.GrantedByName).HasMaxLength(200);
            b.Property(g => g.EndedByName).HasMaxLength(200);
            b.Property(g => g.ChangedByName).HasMaxLength(200);
            b.Property(g => g.InvitationCodeHash).HasMaxLength(64);
            b.Property(g => g.Version).IsConcurrencyToken();
            b.HasIndex(g => g.InvitationCodeHash).IsUnique();
            b.HasIndex(g => new { g.PersonId, g.CreatedAt });
            // Every request of a representative looks up their grants by account.
            b.HasIndex(g => g.AccountId);
            b.HasOne<Person>().WithMany().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<PersonAccount>().WithMany().HasForeignKey(g => g.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OutgoingEmail>(b =>
        {
            b.HasKey(e => e.Id);
            b.Property(e => e.To).HasMaxLength(PersonDetailsRules.ShortTextMaxLength);
            b.Property(e => e.Subject).HasMaxLength(200);
            b.Property(e => e.Body).HasMaxLength(8000);
            b.HasIndex(e => e.CreatedAt);
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
            b.HasIndex(p => p.CaresForPersonId);
            b.HasOne<Person>().WithMany().HasForeignKey(p => p.CaresForPersonId).OnDelete(DeleteBehavior.Restrict);
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
            // Team work and access: the people currently allocated to a team, read from the index alone.
            b.HasIndex([nameof(TeamAllocation.TeamId), nameof(TeamAllocation.PersonId)], "IX_TeamAllocations_Current_TeamId_PersonId").HasFilter("\"EndedAt\" IS NULL");
            OneOpen(b.HasIndex([nameof(TeamAllocation.PersonId), nameof(TeamAllocation.TeamId)], "IX_TeamAllocations_OneCurrentPerPersonAndTeam"), "\"EndedAt\" IS NULL");
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<KeyWorkerAssignment>(b =>
        {
            b.Property(a => a.StartedByName).HasMaxLength(200);
            b.Property(a => a.Reason).HasMaxLength(AllocationRules.ReasonMaxLength);
            b.HasIndex(a => new { a.PersonId, a.StartedAt });
            OneOpen(b.HasIndex([nameof(KeyWorkerAssignment.PersonId)], "IX_KeyWorkerAssignments_OneCurrentPerPerson"), "\"EndedAt\" IS NULL");
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
        IdempotencyRecord.Configure(builder);
        TeamPersonSearch.Configure(builder);
        ConfigurePathway(builder);
        ConfigureSupportPlans(builder);
        ConfigureReadTables(builder);
    }

    /// <summary>
    /// Team-scoped read tables, kept exact by database triggers (docs/adr/0019-team-scoped-read-tables-kept-by-triggers.md):
    /// no foreign keys (the triggers follow their sources), and indexes that start with the team so a view reads only its rows.
    /// </summary>
    private static void ConfigureReadTables(ModelBuilder builder)
    {
        builder.Entity<TeamOpenStep>(b =>
        {
            b.ToTable("TeamOpenSteps");
            b.HasKey(s => new { s.TeamId, s.StepId });
            b.Property(s => s.OwnerName).HasMaxLength(200);
            // Team work's counts: the team's rows grouped by owner, read from the index alone.
            b.HasIndex([nameof(TeamOpenStep.TeamId), nameof(TeamOpenStep.OwnerId), nameof(TeamOpenStep.OwnerName), nameof(TeamOpenStep.OwnerProfession), nameof(TeamOpenStep.DueDate), nameof(TeamOpenStep.StepId)],
                "IX_TeamOpenSteps_TeamId_Owner");
            // The overdue list: the team's steps in page order (due date, then step), stopping at the page.
            b.HasIndex([nameof(TeamOpenStep.TeamId), nameof(TeamOpenStep.DueDate), nameof(TeamOpenStep.StepId)], "IX_TeamOpenSteps_TeamId_DueDate_StepId");
            // The unowned list, the same order over the few unowned steps.
            b.HasIndex([nameof(TeamOpenStep.TeamId), nameof(TeamOpenStep.DueDate), nameof(TeamOpenStep.StepId)], "IX_TeamOpenSteps_Unowned_TeamId_DueDate_StepId")
                .HasFilter("\"OwnerId\" IS NULL");
            // The triggers find a step's rows, and a person's rows in a team.
            b.HasIndex(s => s.StepId);
            b.HasIndex(s => new { s.PersonId, s.TeamId });
        });

        builder.Entity<TeamOpenApproval>(b =>
        {
            b.ToTable(TeamOpenApprovalsSql.Table);
            b.HasKey(t => new { t.TeamId, t.RequestId });
            // The queue: a team's open requests of a route in due order, read in order and stopped at the page.
            b.HasIndex(t => new { t.TeamId, t.Route, t.DueDate, t.RequestedAt, t.RequestId });
            // The triggers find a request's or a person's rows.
            b.HasIndex(t => new { t.PersonId, t.RequestId });
        });
    }

    private static void ConfigurePathway(ModelBuilder builder)
    {
        builder.Entity<PathwayEpisode>(b =>
        {
            b.HasKey(e => e.Id);
            b.Property(e => e.Revision).IsConcurrencyToken();
            b.Property(e => e.OpenedByName).HasMaxLength(200);
            b.Property(e => e.UpdatedByName).HasMaxLength(200);
            b.Property(e => e.ReferralNote).HasMaxLength(PathwayEpisode.NoteMaxLength);
            b.Property(e => e.EndNote).HasMaxLength(PathwayEpisode.NoteMaxLength);
            b.HasIndex(e => new { e.PersonId, e.EndedAt });
            // The episode a person was in at a moment (the dashboard's referral to eligibility): the latest opened by then.
            b.HasIndex(e => new { e.PersonId, e.OpenedAt });
            OneOpen(b.HasIndex([nameof(PathwayEpisode.PersonId)], "IX_PathwayEpisodes_OneOpenPerPerson"), "\"EndedAt\" IS NULL");
            b.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PathwayStep>(b =>
        {
            b.HasKey(s => s.Id);
            b.Property(s => s.Revision).IsConcurrencyToken();
            b.Property(s => s.OwnerName).HasMaxLength(200);
            b.Property(s => s.CompletedByName).HasMaxLength(200);
            b.Property(s => s.UpdatedByName).HasMaxLength(200);
            b.Property(s => s.BestInterestsConsulted).HasMaxLength(PersonsPart.ConsultedMaxLength);
            b.Property(s => s.Note).HasMaxLength(PathwayStep.NoteMaxLength);
            b.Property(s => s.OwnerProfession).HasConversion<string>().HasMaxLength(40);
            b.Property(s => s.Participation).HasConversion<string>().HasMaxLength(40);
            b.Ignore(s => s.PersonsPart);
            // My work: open steps of one owner by due date. Team work: open steps of people by due date, and unowned ones.
            b.HasIndex(s => new { s.OwnerId, s.CompletedAt, s.DueDate });
            b.HasIndex(s => new { s.PersonId, s.CompletedAt, s.DueDate });
            b.HasIndex(s => new { s.CompletedAt, s.DueDate });
            // Team work's unowned and overdue lists walk the open steps in page order (due date, then id) and stop at the page.
            b.HasIndex([nameof(PathwayStep.DueDate), nameof(PathwayStep.Id)], "IX_PathwaySteps_Open_DueDate_Id").HasFilter("\"CompletedAt\" IS NULL");
            // Team work's counts: the open steps of the team's people (PostgreSQL also carries the counted columns, for an index-only read).
            b.HasIndex([nameof(PathwayStep.PersonId)], "IX_PathwaySteps_Open_PersonId").HasFilter("\"CompletedAt\" IS NULL");
            b.HasIndex(s => new { s.EpisodeId, s.OpenedAt });
            OneOpen(b.HasIndex([nameof(PathwayStep.EpisodeId)], "IX_PathwaySteps_OneOpenPerEpisode"), "\"CompletedAt\" IS NULL");
            b.HasOne<PathwayEpisode>().WithMany().HasForeignKey(s => s.EpisodeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StepOwnerChange>(b =>
        {
            b.HasKey(c => c.Id);
            b.Property(c => c.FromOwnerName).HasMaxLength(200);
            b.Property(c => c.ToOwnerName).HasMaxLength(200);
            b.Property(c => c.ChangedByName).HasMaxLength(200);
            b.Property(c => c.Reason).HasMaxLength(StepOwnerChange.ReasonMaxLength);
            b.HasIndex(c => new { c.StepId, c.ChangedAt });
            b.HasIndex(c => new { c.PersonId, c.ChangedAt });
            b.HasOne<PathwayStep>().WithMany().HasForeignKey(c => c.StepId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ServiceStandardsVersion>(b =>
        {
            b.HasKey(v => v.Id);
            b.Property(v => v.CreatedByName).HasMaxLength(200);
            b.Property(v => v.Reason).HasMaxLength(1000);
            b.HasIndex(v => v.Number).IsUnique();
            b.Ignore(v => v.Standards);
        });

        builder.Entity<Notification>(b =>
        {
            b.HasKey(n => n.Id);
            b.Property(n => n.Message).HasMaxLength(Notification.MessageMaxLength);
            b.Property(n => n.Link).HasMaxLength(300);
            b.HasIndex(n => new { n.RecipientId, n.ReadAt, n.CreatedAt });
            b.HasIndex(n => n.StepId);
            b.HasOne<StaffUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    /// <summary>What the person writes and asks for in their own area (ADR 0031).</summary>
    private static void ConfigureTakingPart(ModelBuilder builder)
    {
        builder.Entity<PlanDraft>(b =>
        {
            b.HasKey(d => d.Id);
            b.Property(d => d.Revision).IsConcurrencyToken();
            b.Property(d => d.Text).HasMaxLength(PlanDraft.SectionMaxLength);
            b.Property(d => d.Reply).HasMaxLength(PlanDraft.ReplyMaxLength);
            b.Property(d => d.AuthorName).HasMaxLength(200);
            b.Property(d => d.OwnerName).HasMaxLength(200);
            b.Property(d => d.AnsweredByName).HasMaxLength(200);
            b.Property(d => d.UpdatedByName).HasMaxLength(200);
            b.HasIndex(d => new { d.PlanId, d.Status });
            b.HasIndex(d => new { d.OwnerId, d.Status, d.DueDate });
            b.HasIndex(d => new { d.PersonId, d.WrittenAt });
            // One waiting draft of a whole section per plan: the person rewrites it rather than adding a second.
            OneOpen(b.HasIndex([nameof(PlanDraft.PlanId), nameof(PlanDraft.Kind)], "IX_PlanDrafts_OneWaitingSectionPerPlan"),
                "\"Status\" = 'Waiting' AND \"Kind\" IN ('AboutMe', 'WhatMatters')");
            b.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<SupportPlan>().WithMany().HasForeignKey(d => d.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PersonRequest>(b =>
        {
            b.HasKey(r => r.Id);
            b.Property(r => r.Revision).IsConcurrencyToken();
            b.Property(r => r.Reason).HasMaxLength(PersonRequest.ReasonMaxLength);
            b.Property(r => r.Answer).HasMaxLength(PersonRequest.AnswerMaxLength);
            b.Property(r => r.AuthorName).HasMaxLength(200);
            b.Property(r => r.OwnerName).HasMaxLength(200);
            b.Property(r => r.AnsweredByName).HasMaxLength(200);
            b.Property(r => r.UpdatedByName).HasMaxLength(200);
            b.HasIndex(r => new { r.OwnerId, r.Status, r.DueDate });
            b.HasIndex(r => new { r.PersonId, r.CreatedAt });
            // One open review request per person, and one open challenge per decision.
            OneOpen(b.HasIndex([nameof(PersonRequest.PersonId)], "IX_PersonRequests_OneOpenReviewPerPerson"),
                "\"Status\" = 'Open' AND \"Kind\" = 'Review'");
            OneOpen(b.HasIndex([nameof(PersonRequest.PersonId), nameof(PersonRequest.Decision)], "IX_PersonRequests_OneOpenChallengePerDecision"),
                "\"Status\" = 'Open' AND \"Kind\" = 'Challenge'");
            b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ReviewQuestionnaire>(b =>
        {
            b.HasKey(q => q.Id);
            b.Property(q => q.Revision).IsConcurrencyToken();
            b.Property(q => q.AboutTheProcess).HasMaxLength(ReviewQuestionnaire.WordsMaxLength);
            b.Property(q => q.AuthorName).HasMaxLength(200);
            b.Property(q => q.UpdatedByName).HasMaxLength(200);
            b.HasIndex(q => q.PersonId);
            // One questionnaire per review, and one per plan while its review is due but not started.
            OneOpen(b.HasIndex([nameof(ReviewQuestionnaire.ReviewId)], "IX_ReviewQuestionnaires_OnePerReview"), "\"ReviewId\" IS NOT NULL");
            OneOpen(b.HasIndex([nameof(ReviewQuestionnaire.PlanId)], "IX_ReviewQuestionnaires_OneWaitingPerPlan"), "\"ReviewId\" IS NULL");
            b.HasOne<Person>().WithMany().HasForeignKey(q => q.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<SupportPlan>().WithMany().HasForeignKey(q => q.PlanId).OnDelete(DeleteBehavior.Restrict);
            // A review deleted as started by mistake gives the answers back to the plan, waiting for the next review.
            b.HasOne<Review>().WithMany().HasForeignKey(q => q.ReviewId).OnDelete(DeleteBehavior.SetNull);
            b.OwnsMany(q => q.Outcomes, o =>
            {
                o.ToTable("ReviewQuestionnaireOutcomes");
                o.WithOwner().HasForeignKey("QuestionnaireId");
                o.HasKey("QuestionnaireId", nameof(QuestionnaireOutcome.PlanOutcomeId));
                o.Property(x => x.OutcomeText).HasMaxLength(PlanOutcome.TextMaxLength);
                o.Property(x => x.InOwnWords).HasMaxLength(ReviewQuestionnaire.WordsMaxLength);
            });
            b.Navigation(q => q.Outcomes).AutoInclude();
        });

        builder.Entity<SelfAssessment>(b =>
        {
            b.HasKey(s => s.Id);
            b.Property(s => s.Revision).IsConcurrencyToken();
            b.Property(s => s.WhatMatters).HasMaxLength(SelfAssessment.WordsMaxLength);
            b.Property(s => s.AnythingElse).HasMaxLength(SelfAssessment.WordsMaxLength);
            b.Property(s => s.AuthorName).HasMaxLength(200);
            b.Property(s => s.SentByName).HasMaxLength(200);
            b.Property(s => s.OwnerName).HasMaxLength(200);
            b.Property(s => s.CheckedByName).HasMaxLength(200);
            b.Property(s => s.UpdatedByName).HasMaxLength(200);
            b.HasIndex(s => new { s.OwnerId, s.Status, s.DueDate });
            b.HasIndex(s => new { s.PersonId, s.CreatedAt });
            // One open self-assessment per person (being written or waiting for the worker): the loser of a race gets the conflict.
            OneOpen(b.HasIndex([nameof(SelfAssessment.PersonId)], "IX_SelfAssessments_OneOpenPerPerson"), "\"Status\" <> 'Checked'");
            b.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.OwnsMany(s => s.Answers, a =>
            {
                a.ToTable("SelfAssessmentAnswers");
                a.WithOwner().HasForeignKey("SelfAssessmentId");
                a.HasKey("SelfAssessmentId", nameof(SelfAssessmentAnswer.Outcome));
                a.Property(x => x.HowIManage).HasMaxLength(SelfAssessment.WordsMaxLength);
                a.Property(x => x.WhatIsHard).HasMaxLength(SelfAssessment.WordsMaxLength);
            });
            b.Navigation(s => s.Answers).AutoInclude();
        });
    }

    private static void ConfigureSupportPlans(ModelBuilder builder)
    {
        builder.Entity<SupportPlan>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.Revision).IsConcurrencyToken();
            b.Property(p => p.RevisionReason).HasMaxLength(SupportPlan.ReasonMaxLength);
            b.Property(p => p.VarianceReason).HasMaxLength(SupportPlan.ReasonMaxLength);
            b.Property(p => p.AgreementInOwnWords).HasMaxLength(SupportPlan.ReasonMaxLength);
            b.Property(p => p.AgreementByName).HasMaxLength(200);
            b.Property(p => p.BestInterestsConsulted).HasMaxLength(PersonsPart.ConsultedMaxLength);
            b.Property(p => p.AuthorName).HasMaxLength(200);
            b.Property(p => p.SubmittedByName).HasMaxLength(200);
            b.Property(p => p.UpdatedByName).HasMaxLength(200);
            b.Property(p => p.Participation).HasConversion<string>().HasMaxLength(40);
            b.HasIndex(p => new { p.PersonId, p.Number }).IsUnique();
            b.HasIndex(p => new { p.Status, p.SubmittedAt });
            OneOpen(b.HasIndex([nameof(SupportPlan.PersonId)], "IX_SupportPlans_OneOpenVersionPerPerson"), "\"Status\" IN ('Draft', 'AwaitingApproval')");
            b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(p => p.WeeklyCost);
            b.Ignore(p => p.AnnualCost);
            b.Ignore(p => p.HasDirectPayment);
            b.Ignore(p => p.IsEditable);
            b.OwnsMany(p => p.Sections, o =>
            {
                o.ToTable("SupportPlanSections");
                o.WithOwner().HasForeignKey("PlanId");
                o.HasKey("PlanId", nameof(PlanSectionText.Section));
                o.Property(x => x.Text).HasMaxLength(PlanSectionText.TextMaxLength);
                o.Property(x => x.WrittenByName).HasMaxLength(200);
            });
            b.OwnsMany(p => p.Outcomes, o =>
            {
                o.ToTable("SupportPlanOutcomes");
                o.WithOwner().HasForeignKey("PlanId");
                o.HasKey("PlanId", nameof(PlanOutcome.Id));
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.Text).HasMaxLength(PlanOutcome.TextMaxLength);
                o.Property(x => x.WrittenByName).HasMaxLength(200);
            });
            b.OwnsMany(p => p.Needs, o =>
            {
                o.ToTable("SupportPlanNeeds");
                o.WithOwner().HasForeignKey("PlanId");
                o.HasKey("PlanId", nameof(PlanNeed.Need));
                o.Property(x => x.HowMet).HasMaxLength(PlanNeed.TextMaxLength);
            });
            b.OwnsMany(p => p.Elements, o =>
            {
                o.ToTable("SupportPlanElements");
                o.WithOwner().HasForeignKey("PlanId");
                o.HasKey("PlanId", nameof(PlanElement.Id));
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.Description).HasMaxLength(PlanElement.DescriptionMaxLength);
                o.Property(x => x.Provider).HasMaxLength(PlanElement.ProviderMaxLength);
                o.Property(x => x.MeetsNeed).HasMaxLength(40);
            });
            b.OwnsMany(p => p.Risks, o =>
            {
                o.ToTable("SupportPlanRisks");
                o.WithOwner().HasForeignKey("PlanId");
                o.HasKey("PlanId", nameof(PlanRisk.Id));
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.Description).HasMaxLength(PlanRisk.TextMaxLength);
                o.Property(x => x.WhatWillBeDone).HasMaxLength(PlanRisk.TextMaxLength);
                o.Property(x => x.WhoDoesIt).HasMaxLength(200);
            });
            b.Navigation(p => p.Sections).AutoInclude();
            b.Navigation(p => p.Outcomes).AutoInclude();
            b.Navigation(p => p.Needs).AutoInclude();
            b.Navigation(p => p.Elements).AutoInclude();
            b.Navigation(p => p.Risks).AutoInclude();
        });

        builder.Entity<ApprovalRequest>(b =>
        {
            b.HasKey(a => a.Id);
            b.Property(a => a.Revision).IsConcurrencyToken();
            b.Property(a => a.RequestedByName).HasMaxLength(200);
            b.Property(a => a.DecidedByName).HasMaxLength(200);
            b.Property(a => a.Reasons).HasMaxLength(ApprovalRequest.TextMaxLength);
            b.Property(a => a.Changes).HasMaxLength(ApprovalRequest.TextMaxLength);
            b.Property(a => a.PanelAttendees).HasMaxLength(ApprovalRequest.TextMaxLength);
            b.HasIndex(a => new { a.PlanId, a.RequestedAt });
            b.HasIndex(a => new { a.PersonId, a.RequestedAt });
            b.HasIndex(a => new { a.Route, a.Outcome, a.DueDate });
            // The approvals queue: open requests of a route in due order (the few open ones, not the decided history).
            b.HasIndex([nameof(ApprovalRequest.Route), nameof(ApprovalRequest.DueDate), nameof(ApprovalRequest.RequestedAt)], "IX_ApprovalRequests_Open_Route_DueDate")
                .HasFilter("\"Outcome\" IS NULL OR \"Outcome\" = 'Deferred'");
            b.HasIndex(a => a.PanelMeetingId);
            OneOpen(b.HasIndex([nameof(ApprovalRequest.PlanId)], "IX_ApprovalRequests_OneOpenPerPlan"), "\"Outcome\" IS NULL OR \"Outcome\" = 'Deferred'");
            b.HasOne<SupportPlan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<PanelMeeting>().WithMany().HasForeignKey(a => a.PanelMeetingId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PanelMeeting>(b =>
        {
            b.HasKey(m => m.Id);
            b.Property(m => m.Location).HasMaxLength(200);
            b.Property(m => m.CreatedByName).HasMaxLength(200);
            b.HasIndex(m => new { m.Kind, m.MeetingDate });
        });

        builder.Entity<PersonalBudget>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.CreatedByName).HasMaxLength(200);
            b.HasIndex(p => new { p.PersonId, p.StartDate });
            b.HasIndex(p => p.PlanId).IsUnique();
            b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<SupportPlan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<ApprovalRequest>().WithMany().HasForeignKey(p => p.ApprovalRequestId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(p => p.Statement);
            b.Ignore(p => p.HasDirectPayment);
        });

        builder.Entity<Review>(b =>
        {
            b.HasKey(r => r.Id);
            b.Property(r => r.Revision).IsConcurrencyToken();
            b.Property(r => r.RequestDetail).HasMaxLength(2000);
            b.Property(r => r.BestInterestsConsulted).HasMaxLength(PersonsPart.ConsultedMaxLength);
            b.Property(r => r.WhatIsWorking).HasMaxLength(Review.TextMaxLength);
            b.Property(r => r.WhatIsNotWorking).HasMaxLength(Review.TextMaxLength);
            b.Property(r => r.DecisionNote).HasMaxLength(Review.TextMaxLength);
            b.Property(r => r.CreatedByName).HasMaxLength(200);
            b.Property(r => r.CompletedByName).HasMaxLength(200);
            b.Property(r => r.UpdatedByName).HasMaxLength(200);
            b.Property(r => r.Participation).HasConversion<string>().HasMaxLength(40);
            b.Property(r => r.Decision).HasConversion<string>().HasMaxLength(40);
            b.Ignore(r => r.PersonsPart);
            b.HasIndex(r => new { r.PersonId, r.CreatedAt });
            OneOpen(b.HasIndex([nameof(Review.PersonId)], "IX_Reviews_OneInProgressPerPerson"), "\"Status\" = 'InProgress'");
            b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<SupportPlan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Restrict);
            b.OwnsMany(r => r.Outcomes, o =>
            {
                o.ToTable("ReviewOutcomes");
                o.WithOwner().HasForeignKey("ReviewId");
                o.HasKey("ReviewId", nameof(ReviewOutcome.PlanOutcomeId));
                o.Property(x => x.OutcomeText).HasMaxLength(PlanOutcome.TextMaxLength);
                o.Property(x => x.PersonComment).HasMaxLength(Review.TextMaxLength);
                o.Property(x => x.Achieved).HasConversion<string>().HasMaxLength(40);
            });
            b.Navigation(r => r.Outcomes).AutoInclude();
        });
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
            OneOpen(b.HasIndex([nameof(Assessment.PreviousVersionId)], "IX_Assessments_OneCorrectionPerVersion"), "\"PreviousVersionId\" IS NOT NULL AND \"Status\" <> 'Cancelled'");
            OneOpen(b.HasIndex([nameof(Assessment.PersonId)], "IX_Assessments_OneOpenNeedsAssessmentPerPerson"), "\"Status\" = 'Draft' AND \"Kind\" = 'Adult'");
            b.Property(a => a.CancellationReason).HasMaxLength(Assessment.CancellationReasonMaxLength);
            b.Property(a => a.CancelledByName).HasMaxLength(200);
            b.Property(a => a.ImpairmentOther).HasMaxLength(Assessment.ImpairmentOtherMaxLength);
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(a => a.CarerPersonId);
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.CarerPersonId).OnDelete(DeleteBehavior.Restrict);
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
                o.Ignore(x => x.Answer);
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
            // Adults' and carers' systems are versioned apart: numbers, the one draft and the one published are per kind (ADR 21).
            b.HasIndex(v => new { v.Kind, v.Number }).IsUnique();
            OneOpen(b.HasIndex([nameof(RasVersion.Kind), nameof(RasVersion.Status)], "IX_RasVersions_OneDraft"), "\"Status\" = 'Draft'");
            OneOpen(b.HasIndex([nameof(RasVersion.Kind), nameof(RasVersion.Status)], "IX_RasVersions_OnePublished"), "\"Status\" = 'Published'");
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
            OneOpen(b.HasIndex([nameof(BudgetChallenge.IndicativeBudgetId)], "IX_BudgetChallenges_OneOpenPerBudget"), "\"Outcome\" IS NULL");
            b.HasOne<IndicativeBudget>().WithMany().HasForeignKey(c => c.IndicativeBudgetId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void ConfigureCharging(ModelBuilder builder)
    {
        builder.Entity<ChargingPolicyVersion>(b =>
        {
            b.HasKey(v => v.Id);
            b.Property(v => v.Name).HasMaxLength(200);
            b.Property(v => v.CreatedByName).HasMaxLength(200);
            b.Property(v => v.PublishedByName).HasMaxLength(200);
            b.Property(v => v.Revision).IsConcurrencyToken();
            b.HasIndex(v => v.Number).IsUnique();
            // One draft per financial year, and one version in force per year (ADR 0032).
            OneOpen(b.HasIndex([nameof(ChargingPolicyVersion.FinancialYearStart)], "IX_ChargingPolicyVersions_OneDraftPerYear"), "\"Status\" = 'Draft'");
            OneOpen(b.HasIndex([nameof(ChargingPolicyVersion.FinancialYearStart)], "IX_ChargingPolicyVersions_OneCurrentPerYear"), "\"IsCurrent\" = TRUE");
            b.Ignore(v => v.Definition);
        });

        builder.Entity<FinancialAssessment>(b =>
        {
            b.HasKey(f => f.Id);
            b.Property(f => f.OwnerName).HasMaxLength(200);
            b.Property(f => f.StartedByName).HasMaxLength(200);
            b.Property(f => f.CompletedByName).HasMaxLength(200);
            b.Property(f => f.ReviewDecidedByName).HasMaxLength(200);
            b.Property(f => f.CorrectionReason).HasMaxLength(FinancialAssessment.TextMaxLength);
            b.Property(f => f.ReviewReason).HasMaxLength(FinancialAssessment.TextMaxLength);
            b.Property(f => f.ReviewDecisionReason).HasMaxLength(FinancialAssessment.TextMaxLength);
            b.Property(f => f.Revision).IsConcurrencyToken();
            b.HasIndex(f => new { f.PersonId, f.Version }).IsUnique();
            b.HasIndex(f => new { f.OwnerId, f.Status, f.DueDate });
            // One financial assessment in progress, and one completed (in force), per person.
            OneOpen(b.HasIndex([nameof(FinancialAssessment.PersonId)], "IX_FinancialAssessments_OneInProgress"), "\"Status\" = 'InProgress'");
            OneOpen(b.HasIndex([nameof(FinancialAssessment.PersonId)], "IX_FinancialAssessments_OneCompleted"), "\"Status\" = 'Completed'");
            b.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<ChargingPolicyVersion>().WithMany().HasForeignKey(f => f.PolicyVersionId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(f => f.Input);
            b.Ignore(f => f.Result);
            b.Ignore(f => f.ReviewOpen);
        });

        builder.Entity<UpratingRun>(b =>
        {
            b.HasKey(r => r.Id);
            b.Property(r => r.StartedByName).HasMaxLength(200);
            // One uprating run per policy version, ever: a second is refused while one runs or after it completed.
            b.HasIndex(r => r.PolicyVersionId).IsUnique();
            b.HasOne<ChargingPolicyVersion>().WithMany().HasForeignKey(r => r.PolicyVersionId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(r => r.StartedBy);
            b.Ignore(r => r.Reason);
        });

        builder.Entity<UpratingRunItem>(b =>
        {
            b.HasKey(i => i.Id);
            b.Property(i => i.Note).HasMaxLength(500);
            // Each assessment is processed once per run: a resumed or repeated worker never makes a second version.
            b.HasIndex(i => new { i.RunId, i.AssessmentId }).IsUnique();
            b.HasIndex(i => i.PersonId);
            b.HasOne<UpratingRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<FinancialAssessment>().WithMany().HasForeignKey(i => i.AssessmentId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(i => i.Change);
        });
    }

    private static void ConfigureDirectPayments(ModelBuilder builder)
    {
        builder.Entity<DirectPayment>(b =>
        {
            b.HasKey(d => d.Id);
            b.Property(d => d.Reference).HasMaxLength(20);
            b.HasIndex(d => d.Reference).IsUnique();
            foreach (var name in new[] { nameof(DirectPayment.OwnerName), nameof(DirectPayment.RecipientName), nameof(DirectPayment.RecipientRelationship), nameof(DirectPayment.AccountName),
                nameof(DirectPayment.StartUpDescription), nameof(DirectPayment.SignatureRecordedByName), nameof(DirectPayment.UpdatedByName) })
            {
                b.Property(name).HasMaxLength(DirectPayment.NameMaxLength);
            }

            foreach (var name in new[] { nameof(DirectPayment.RecipientAddress), nameof(DirectPayment.SuitabilityReason), nameof(DirectPayment.CapacityAndConsentNotes),
                nameof(DirectPayment.CloseRelativeReason), nameof(DirectPayment.EndReason) })
            {
                b.Property(name).HasMaxLength(DirectPayment.TextMaxLength);
            }

            b.Property(d => d.SortCode).HasMaxLength(6);
            b.Property(d => d.AccountNumber).HasMaxLength(8);
            b.Property(d => d.Revision).IsConcurrencyToken();
            b.HasIndex(d => d.PersonId);
            b.HasIndex(d => new { d.OwnerId, d.Status, d.DueDate });
            // One open direct payment per personal budget (ADR 0034).
            OneOpen(b.HasIndex([nameof(DirectPayment.BudgetId)], "IX_DirectPayments_OneOpenPerBudget"), "\"Status\" <> 'Ended'");
            b.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<PersonalBudget>().WithMany().HasForeignKey(d => d.BudgetId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(d => d.Suspensions);
            b.Ignore(d => d.RateChanges);
        });

        builder.Entity<PaymentRun>(b =>
        {
            b.HasKey(r => r.Id);
            b.Property(r => r.BatchReference).HasMaxLength(40);
            b.HasIndex(r => r.BatchReference).IsUnique();
            b.Property(r => r.CreatedByName).HasMaxLength(200);
            b.Property(r => r.DecidedByName).HasMaxLength(200);
            b.Property(r => r.CancelReason).HasMaxLength(PaymentRun.TextMaxLength);
            b.Property(r => r.Revision).IsConcurrencyToken();
            b.HasIndex(r => new { r.Status, r.RunDate });
        });

        builder.Entity<Payment>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.Reference).HasMaxLength(60);
            b.Property(p => p.PayeeName).HasMaxLength(DirectPayment.NameMaxLength);
            b.HasIndex(p => p.RunId);
            b.HasIndex(p => new { p.PersonId, p.PeriodStart });
            // A period is never paid twice: one payment that is not cancelled per source and period start (ADR 0034).
            OneOpen(b.HasIndex([nameof(Payment.SourceKind), nameof(Payment.SourceId), nameof(Payment.PeriodStart)], "IX_Payments_OncePerPeriod"), "\"Status\" <> 'Cancelled'");
            b.HasOne<PaymentRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
            // Individual service funds and invoices are paid to a provider: what a provider was paid is read by it (ADR 0037).
            b.HasIndex(p => p.ProviderId);
            b.HasOne<Core.Providers.Provider>().WithMany().HasForeignKey(p => p.ProviderId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    /// <summary>
    /// An "only one open X" rule held by the database as well as the domain (docs/adr, one open record held by the
    /// database): a unique index over the rows the filter keeps. The filter is SQL that SQLite and PostgreSQL both
    /// read: identifiers in double quotes, enums stored by name as text.
    /// </summary>
    private static void OneOpen(Microsoft.EntityFrameworkCore.Metadata.Builders.IndexBuilder index, string filter) =>
        index.IsUnique().HasFilter(filter);

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

    /// <summary>The audit trail is append-only; the team read tables are the database triggers' alone to write.</summary>
    private void GuardAuditTrail()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
        }

        var written = ChangeTracker.Entries()
            .FirstOrDefault(e => (e.Entity is TeamOpenStep or TeamPersonSearch or TeamOpenApproval) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        if (written is not null)
        {
            throw new InvalidOperationException($"{written.Metadata.GetTableName()} is kept by database triggers: the application only reads it.");
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
    : PersonalBudgetsDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // People search by partial name ("%rob%"): a trigram index serves any substring; SQLite has no trigram and keeps a plain scan.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Person>(b =>
        {
            b.HasIndex([nameof(Person.SearchName)], "IX_People_SearchName_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
            // Postcode prefix ("LS1%") whatever the database's collation: pattern operators compare bytes, as LIKE does.
            b.HasIndex(p => p.SearchPostcode).HasOperators("varchar_pattern_ops");
        });
        // People search: a team's rows read from the index alone in page order (a list with no text, "without a key
        // worker" too); a partial name within one team from the trigram index (btree_gin puts the team in the same GIN
        // index), so a name search reads only the team's matches. The name is left out of the first index on purpose:
        // with it, the planner prefers filtering all the team's index entries (measured about 1.5 ms for 5,715) to the
        // trigram index's matches (about 0.4 ms for "car").
        builder.HasPostgresExtension("btree_gin");
        builder.Entity<TeamPersonSearch>(b =>
        {
            b.HasIndex([nameof(TeamPersonSearch.TeamId), nameof(TeamPersonSearch.LegalLastName), nameof(TeamPersonSearch.LegalFirstName), nameof(TeamPersonSearch.PersonId)], TeamPersonSearch.OrderIndexName)
                .IncludeProperties(s => new { s.KeyWorkerId });
            b.HasIndex([nameof(TeamPersonSearch.TeamId), nameof(TeamPersonSearch.SearchName)], "IX_TeamPeopleSearch_TeamId_SearchName_Trigram")
                .HasMethod("gin").HasOperators("", "gin_trgm_ops");
        });
        builder.Entity<PathwayStep>().HasIndex([nameof(PathwayStep.PersonId)], "IX_PathwaySteps_Open_PersonId")
            .IncludeProperties(s => new { s.OwnerId, s.DueDate, s.OwnerName, s.OwnerProfession });
        // The dashboard's reporting (issue 12) reads eligibility as it stood at a moment for every person: the latest adult
        // decision by then. Its rows are wide (the reasons), so the decisions are read from this index alone (measured at
        // 100,000 people: 170 ms to 40 ms for the anti-join), and a person's referral before a decision likewise.
        builder.Entity<EligibilityDetermination>().HasIndex(e => new { e.PersonId, e.ConfirmedAt }).IncludeProperties(e => new { e.Kind, e.Eligible });
        builder.Entity<PathwayEpisode>().HasIndex(e => new { e.PersonId, e.OpenedAt }).IncludeProperties(e => new { e.ReferralDate });
        // The dashboard again (ADR 0044): each person's milestones read from an index alone rather than the wide rows (the
        // funnel asks, of every person referred, whether they were assessed, planned, approved and reviewed by the period's
        // end), and the steps due or completed in a period counted from the index alone.
        builder.Entity<Assessment>().HasIndex(a => new { a.PersonId, a.StartedAt }).IncludeProperties(a => new { a.Kind, a.Status, a.CompletedAt });
        builder.Entity<SupportPlan>().HasIndex(p => new { p.PersonId, p.Number }).IncludeProperties(p => new { p.Status, p.SubmittedAt, p.ApprovedAt });
        builder.Entity<Review>().HasIndex(r => new { r.PersonId, r.CreatedAt }).IncludeProperties(r => new { r.Status, r.CompletedAt });
        builder.Entity<PathwayStep>().HasIndex(s => new { s.CompletedAt, s.DueDate }).IncludeProperties(s => new { s.Participation, s.OwnerProfession, s.PersonId });
        builder.Entity<PathwayStep>().HasIndex([nameof(PathwayStep.DueDate)], "IX_PathwaySteps_DueDate").IncludeProperties(s => new { s.CompletedOn, s.OwnerProfession, s.PersonId });
    }
}
