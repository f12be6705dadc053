using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PathwaySupportPlansApprovalReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    StepId = table.Column<Guid>(type: "uuid", nullable: true),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MeetingDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelMeetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PathwayEpisodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReferralDate = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferralNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EndNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PathwayEpisodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PathwayEpisodes_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceStandardsVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    AssessmentDaysFromReferral = table.Column<int>(type: "integer", nullable: false),
                    EligibilityWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    IndicativeBudgetWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    PlanDaysFromEligibility = table.Column<int>(type: "integer", nullable: false),
                    ApprovalWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    FirstReviewWeeksAfterStart = table.Column<int>(type: "integer", nullable: false),
                    ReviewMonths = table.Column<int>(type: "integer", nullable: false),
                    DirectPaymentFirstReviewMonths = table.Column<int>(type: "integer", nullable: false),
                    TeamManagerWeeklyLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    PlanVariancePercent = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceStandardsVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupportPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    PreviousVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    RevisionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IndicativeBudgetId = table.Column<Guid>(type: "uuid", nullable: true),
                    IndicativeWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    VarianceReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AssessedContributionWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    NhsShareWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    SignificantRisk = table.Column<bool>(type: "boolean", nullable: false),
                    Agreement = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AgreementInOwnWords = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AgreementRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Participation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    BestInterestsConsulted = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedById = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupportPlans_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PathwaySteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OwnerProfession = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Participation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    BestInterestsConsulted = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PathwaySteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PathwaySteps_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PathwaySteps_PathwayEpisodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "PathwayEpisodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PathwaySteps_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanNumber = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanAuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Route = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WeeklyCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RequestedById = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    PanelMeetingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Changes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalRequests_PanelMeetings_PanelMeetingId",
                        column: x => x.PanelMeetingId,
                        principalTable: "PanelMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApprovalRequests_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequestDetail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Participation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    BestInterestsConsulted = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    WhatIsWorking = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    WhatIsNotWorking = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DirectPaymentReviewed = table.Column<bool>(type: "boolean", nullable: true),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reviews_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reviews_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupportPlanElements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    UnitType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitsPerWeek = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    WeeklyCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Deployment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MeetsNeed = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPlanElements", x => new { x.PlanId, x.Id });
                    table.ForeignKey(
                        name: "FK_SupportPlanElements_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupportPlanNeeds",
                columns: table => new
                {
                    Need = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    HowMet = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    WrittenBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPlanNeeds", x => new { x.PlanId, x.Need });
                    table.ForeignKey(
                        name: "FK_SupportPlanNeeds_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupportPlanOutcomes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    WrittenBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPlanOutcomes", x => new { x.PlanId, x.Id });
                    table.ForeignKey(
                        name: "FK_SupportPlanOutcomes_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupportPlanRisks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsPositiveRisk = table.Column<bool>(type: "boolean", nullable: false),
                    WhatWillBeDone = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    WhoDoesIt = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPlanRisks", x => new { x.PlanId, x.Id });
                    table.ForeignKey(
                        name: "FK_SupportPlanRisks_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupportPlanSections",
                columns: table => new
                {
                    Section = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    WrittenBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPlanSections", x => new { x.PlanId, x.Section });
                    table.ForeignKey(
                        name: "FK_SupportPlanSections_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StepOwnerChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StepId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromOwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromOwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ToOwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToOwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepOwnerChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StepOwnerChanges_PathwaySteps_StepId",
                        column: x => x.StepId,
                        principalTable: "PathwaySteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonalBudgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanNumber = table.Column<int>(type: "integer", nullable: false),
                    ApprovalRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    WeeklyCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    AnnualCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ContributionWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    NhsShareWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CouncilShareWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    DirectPaymentWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CouncilManagedWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    IndividualServiceFundWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CouncilCommissionedWeekly = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Section117 = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalBudgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalBudgets_ApprovalRequests_ApprovalRequestId",
                        column: x => x.ApprovalRequestId,
                        principalTable: "ApprovalRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonalBudgets_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonalBudgets_SupportPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewOutcomes",
                columns: table => new
                {
                    PlanOutcomeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    OutcomeText = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Achieved = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PersonComment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewOutcomes", x => new { x.ReviewId, x.PlanOutcomeId });
                    table.ForeignKey(
                        name: "FK_ReviewOutcomes_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_PanelMeetingId",
                table: "ApprovalRequests",
                column: "PanelMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_PersonId_RequestedAt",
                table: "ApprovalRequests",
                columns: new[] { "PersonId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_PlanId_RequestedAt",
                table: "ApprovalRequests",
                columns: new[] { "PlanId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_Route_Outcome_DueDate",
                table: "ApprovalRequests",
                columns: new[] { "Route", "Outcome", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_ReadAt_CreatedAt",
                table: "Notifications",
                columns: new[] { "RecipientId", "ReadAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_StepId",
                table: "Notifications",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelMeetings_Kind_MeetingDate",
                table: "PanelMeetings",
                columns: new[] { "Kind", "MeetingDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PathwayEpisodes_PersonId_EndedAt",
                table: "PathwayEpisodes",
                columns: new[] { "PersonId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_CompletedAt_DueDate",
                table: "PathwaySteps",
                columns: new[] { "CompletedAt", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_EpisodeId_OpenedAt",
                table: "PathwaySteps",
                columns: new[] { "EpisodeId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_OwnerId_CompletedAt_DueDate",
                table: "PathwaySteps",
                columns: new[] { "OwnerId", "CompletedAt", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_PersonId_CompletedAt_DueDate",
                table: "PathwaySteps",
                columns: new[] { "PersonId", "CompletedAt", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalBudgets_ApprovalRequestId",
                table: "PersonalBudgets",
                column: "ApprovalRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalBudgets_PersonId_StartDate",
                table: "PersonalBudgets",
                columns: new[] { "PersonId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalBudgets_PlanId",
                table: "PersonalBudgets",
                column: "PlanId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_PersonId_CreatedAt",
                table: "Reviews",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_PlanId",
                table: "Reviews",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceStandardsVersions_Number",
                table: "ServiceStandardsVersions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StepOwnerChanges_PersonId_ChangedAt",
                table: "StepOwnerChanges",
                columns: new[] { "PersonId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StepOwnerChanges_StepId_ChangedAt",
                table: "StepOwnerChanges",
                columns: new[] { "StepId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlans_PersonId_Number",
                table: "SupportPlans",
                columns: new[] { "PersonId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlans_Status_SubmittedAt",
                table: "SupportPlans",
                columns: new[] { "Status", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PersonalBudgets");

            migrationBuilder.DropTable(
                name: "ReviewOutcomes");

            migrationBuilder.DropTable(
                name: "ServiceStandardsVersions");

            migrationBuilder.DropTable(
                name: "StepOwnerChanges");

            migrationBuilder.DropTable(
                name: "SupportPlanElements");

            migrationBuilder.DropTable(
                name: "SupportPlanNeeds");

            migrationBuilder.DropTable(
                name: "SupportPlanOutcomes");

            migrationBuilder.DropTable(
                name: "SupportPlanRisks");

            migrationBuilder.DropTable(
                name: "SupportPlanSections");

            migrationBuilder.DropTable(
                name: "ApprovalRequests");

            migrationBuilder.DropTable(
                name: "Reviews");

            migrationBuilder.DropTable(
                name: "PathwaySteps");

            migrationBuilder.DropTable(
                name: "PanelMeetings");

            migrationBuilder.DropTable(
                name: "SupportPlans");

            migrationBuilder.DropTable(
                name: "PathwayEpisodes");
        }
    }
}
