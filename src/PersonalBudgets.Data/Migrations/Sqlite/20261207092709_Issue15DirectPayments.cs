using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue15DirectPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DirectPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BudgetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecipientRelationship = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecipientAddress = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AuthorisedPersonSuitable = table.Column<bool>(type: "INTEGER", nullable: true),
                    SuitabilityReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PersonHasCapacity = table.Column<bool>(type: "INTEGER", nullable: true),
                    ConsentGiven = table.Column<bool>(type: "INTEGER", nullable: true),
                    CapacityAndConsentNotes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PaysCloseRelativeInHousehold = table.Column<bool>(type: "INTEGER", nullable: true),
                    CloseRelativeReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Account = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SortCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    EmploysPersonalAssistants = table.Column<bool>(type: "INTEGER", nullable: true),
                    UsesPayrollService = table.Column<bool>(type: "INTEGER", nullable: true),
                    HasEmployersLiabilityInsurance = table.Column<bool>(type: "INTEGER", nullable: true),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    GrossWeekly = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ContributionWeekly = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    NetWeekly = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    StartUpAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    StartUpDescription = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SignatureRecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EndNoticeGivenOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SuspensionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    RateChangesJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectPayments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DirectPayments_PersonalBudgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "PersonalBudgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BatchReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RunDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PaymentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    FileCsv = table.Column<string>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Payments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    PayeeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Adjustment = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Payments_PaymentRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DirectPayments_OneOpenPerBudget",
                table: "DirectPayments",
                column: "BudgetId",
                unique: true,
                filter: "\"Status\" <> 'Ended'");

            migrationBuilder.CreateIndex(
                name: "IX_DirectPayments_OwnerId_Status_DueDate",
                table: "DirectPayments",
                columns: new[] { "OwnerId", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectPayments_PersonId",
                table: "DirectPayments",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectPayments_Reference",
                table: "DirectPayments",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRuns_BatchReference",
                table: "PaymentRuns",
                column: "BatchReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRuns_Status_RunDate",
                table: "PaymentRuns",
                columns: new[] { "Status", "RunDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_OncePerPeriod",
                table: "Payments",
                columns: new[] { "SourceKind", "SourceId", "PeriodStart" },
                unique: true,
                filter: "\"Status\" <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_PersonId_PeriodStart",
                table: "Payments",
                columns: new[] { "PersonId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_RunId",
                table: "Payments",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectPayments");

            migrationBuilder.DropTable(
                name: "Payments");

            migrationBuilder.DropTable(
                name: "PaymentRuns");
        }
    }
}
