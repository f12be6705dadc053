using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AssessmentsEligibilityAndRas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    PreviousVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CorrectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    WhoTookPart = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Participation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    BestInterestsConsulted = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    WhatMattersInOwnWords = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OutcomesWanted = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NeedsArisefromImpairmentOrIllness = table.Column<bool>(type: "boolean", nullable: true),
                    NeedsFluctuate = table.Column<bool>(type: "boolean", nullable: true),
                    FluctuationPeriodConsidered = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FluctuationDescription = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    HasUnpaidCarer = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    LinkedCarerAssessmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    AdvocateNeeded = table.Column<bool>(type: "boolean", nullable: true),
                    AdvocacyNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CarerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CarerRelationship = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CarerNeedsArisefromProvidingCare = table.Column<bool>(type: "boolean", nullable: true),
                    CarerHealthAtRisk = table.Column<bool>(type: "boolean", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetOffers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    IndicativeBudgetId = table.Column<Guid>(type: "uuid", nullable: true),
                    Offered = table.Column<bool>(type: "boolean", nullable: false),
                    Response = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    NotOfferedReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedById = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedByProfession = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetOffers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RasVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsExample = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DefinitionJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RasVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentCarerOutcomes",
                columns: table => new
                {
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Achievable = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentCarerOutcomes", x => new { x.AssessmentId, x.Outcome });
                    table.ForeignKey(
                        name: "FK_AssessmentCarerOutcomes_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentOutcomes",
                columns: table => new
                {
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Achievable = table.Column<bool>(type: "boolean", nullable: true),
                    Reasons = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentOutcomes", x => new { x.AssessmentId, x.Outcome });
                    table.ForeignKey(
                        name: "FK_AssessmentOutcomes_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentWellbeing",
                columns: table => new
                {
                    Area = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Impact = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentWellbeing", x => new { x.AssessmentId, x.Area });
                    table.ForeignKey(
                        name: "FK_AssessmentWellbeing_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EligibilityDeterminations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Eligible = table.Column<bool>(type: "boolean", nullable: false),
                    SignificantImpactOnWellbeing = table.Column<bool>(type: "boolean", nullable: false),
                    SignificantImpactReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ReasonsJson = table.Column<string>(type: "text", nullable: false),
                    Advice = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedById = table.Column<Guid>(type: "uuid", nullable: false),
                    ConfirmedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EligibilityDeterminations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EligibilityDeterminations_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IndicativeBudgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    RasVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RasVersionNumber = table.Column<int>(type: "integer", nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: false),
                    TotalPoints = table.Column<int>(type: "integer", nullable: false),
                    WeeklyAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    AnnualAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CompletedWith = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CalculatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CalculatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CalculatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicativeBudgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicativeBudgets_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IndicativeBudgets_RasVersions_RasVersionId",
                        column: x => x.RasVersionId,
                        principalTable: "RasVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetChallenges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IndicativeBudgetId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RaisedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OutcomeReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RevisedWeeklyAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetChallenges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetChallenges_IndicativeBudgets_IndicativeBudgetId",
                        column: x => x.IndicativeBudgetId,
                        principalTable: "IndicativeBudgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OwnerId_Status_DueDate",
                table: "Assessments",
                columns: new[] { "OwnerId", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_PersonId_StartedAt",
                table: "Assessments",
                columns: new[] { "PersonId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetChallenges_IndicativeBudgetId",
                table: "BudgetChallenges",
                column: "IndicativeBudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetOffers_PersonId_RecordedAt",
                table: "BudgetOffers",
                columns: new[] { "PersonId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetOffers_TeamId_RecordedAt",
                table: "BudgetOffers",
                columns: new[] { "TeamId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityDeterminations_AssessmentId",
                table: "EligibilityDeterminations",
                column: "AssessmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityDeterminations_PersonId_ConfirmedAt",
                table: "EligibilityDeterminations",
                columns: new[] { "PersonId", "ConfirmedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicativeBudgets_PersonId_CalculatedAt",
                table: "IndicativeBudgets",
                columns: new[] { "PersonId", "CalculatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicativeBudgets_RasVersionId",
                table: "IndicativeBudgets",
                column: "RasVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_RasVersions_Number",
                table: "RasVersions",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentCarerOutcomes");

            migrationBuilder.DropTable(
                name: "AssessmentOutcomes");

            migrationBuilder.DropTable(
                name: "AssessmentWellbeing");

            migrationBuilder.DropTable(
                name: "BudgetChallenges");

            migrationBuilder.DropTable(
                name: "BudgetOffers");

            migrationBuilder.DropTable(
                name: "EligibilityDeterminations");

            migrationBuilder.DropTable(
                name: "IndicativeBudgets");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "RasVersions");
        }
    }
}
