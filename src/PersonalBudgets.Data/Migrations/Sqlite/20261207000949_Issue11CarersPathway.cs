using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue11CarersPathway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite cannot add a foreign key without rebuilding the table, and rebuilding People or Assessments breaks
            // the team read tables' triggers that name them (ADR 19): on SQLite the links from a carer's record to the
            // person they care for, and from a carer's assessment to the carer's record, are kept by the code only.
            migrationBuilder.DropIndex(
                name: "IX_RasVersions_Number",
                table: "RasVersions");

            migrationBuilder.DropIndex(
                name: "IX_RasVersions_OneDraft",
                table: "RasVersions");

            migrationBuilder.DropIndex(
                name: "IX_RasVersions_OnePublished",
                table: "RasVersions");

            migrationBuilder.AddColumn<int>(
                name: "Reasons",
                table: "AssessmentCarerOutcomes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "RasVersions",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Adult");

            migrationBuilder.AddColumn<Guid>(
                name: "CaresForPersonId",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CarerPersonId",
                table: "Assessments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WithoutDifficulty",
                table: "AssessmentCarerOutcomes",
                type: "INTEGER",
                nullable: true);

            // Keep what is stored (ADR 21): "achievable" reads as without difficulty; "not achievable" as unable to
            // achieve it without assistance, the first of reg 3(3)'s ways, the only one the yes or no could have meant.
            migrationBuilder.Sql("UPDATE \"AssessmentCarerOutcomes\" SET \"WithoutDifficulty\" = \"Achievable\", \"Reasons\" = CASE WHEN \"Achievable\" THEN 0 ELSE 1 END");

            migrationBuilder.DropColumn(
                name: "Achievable",
                table: "AssessmentCarerOutcomes");

            migrationBuilder.CreateIndex(
                name: "IX_RasVersions_Kind_Number",
                table: "RasVersions",
                columns: new[] { "Kind", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RasVersions_OneDraft",
                table: "RasVersions",
                columns: new[] { "Kind", "Status" },
                unique: true,
                filter: "\"Status\" = 'Draft'");

            migrationBuilder.CreateIndex(
                name: "IX_RasVersions_OnePublished",
                table: "RasVersions",
                columns: new[] { "Kind", "Status" },
                unique: true,
                filter: "\"Status\" = 'Published'");

            migrationBuilder.CreateIndex(
                name: "IX_People_CaresForPersonId",
                table: "People",
                column: "CaresForPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_CarerPersonId",
                table: "Assessments",
                column: "CarerPersonId");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RasVersions_Kind_Number",
                table: "RasVersions");

            migrationBuilder.DropIndex(
                name: "IX_RasVersions_OneDraft",
                table: "RasVersions");

            migrationBuilder.DropIndex(
                name: "IX_RasVersions_OnePublished",
                table: "RasVersions");

            migrationBuilder.DropIndex(
                name: "IX_People_CaresForPersonId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_CarerPersonId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "RasVersions");

            migrationBuilder.DropColumn(
                name: "CaresForPersonId",
                table: "People");

            migrationBuilder.DropColumn(
                name: "CarerPersonId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "WithoutDifficulty",
                table: "AssessmentCarerOutcomes");

            migrationBuilder.AddColumn<bool>(
                name: "Achievable",
                table: "AssessmentCarerOutcomes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("UPDATE \"AssessmentCarerOutcomes\" SET \"Achievable\" = (\"Reasons\" = 0)");

            migrationBuilder.DropColumn(
                name: "Reasons",
                table: "AssessmentCarerOutcomes");

            migrationBuilder.CreateIndex(
                name: "IX_RasVersions_Number",
                table: "RasVersions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RasVersions_OneDraft",
                table: "RasVersions",
                column: "Status",
                unique: true,
                filter: "\"Status\" = 'Draft'");

            migrationBuilder.CreateIndex(
                name: "IX_RasVersions_OnePublished",
                table: "RasVersions",
                column: "Status",
                unique: true,
                filter: "\"Status\" = 'Published'");
        }
    }
}
