using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue14Uprating : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UpratingRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinancialYearStart = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpratingRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpratingRuns_ChargingPolicyVersions_PolicyVersionId",
                        column: x => x.PolicyVersionId,
                        principalTable: "ChargingPolicyVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UpratingRunItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NewAssessmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Before = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    After = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpratingRunItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpratingRunItems_FinancialAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "FinancialAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UpratingRunItems_UpratingRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "UpratingRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UpratingRunItems_AssessmentId",
                table: "UpratingRunItems",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_UpratingRunItems_PersonId",
                table: "UpratingRunItems",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_UpratingRunItems_RunId_AssessmentId",
                table: "UpratingRunItems",
                columns: new[] { "RunId", "AssessmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UpratingRuns_PolicyVersionId",
                table: "UpratingRuns",
                column: "PolicyVersionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UpratingRunItems");

            migrationBuilder.DropTable(
                name: "UpratingRuns");
        }
    }
}
