using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Issue11CarersPathway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RasVersions_Number",
                table: "RasVersions");

            migrationBuilder.DropIndex(
                name: "IX_RasVersions_OneDraft",
                table: "RasVersions");

            migrationBuilder.DropIndex(
                name: "IX_RasVersions_OnePublished",
                table: "RasVersions");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "RasVersions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Adult");

            migrationBuilder.AddColumn<Guid>(
                name: "CaresForPersonId",
                table: "People",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CarerPersonId",
                table: "Assessments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Reasons",
                table: "AssessmentCarerOutcomes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "WithoutDifficulty",
                table: "AssessmentCarerOutcomes",
                type: "boolean",
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

            migrationBuilder.AddForeignKey(
                name: "FK_Assessments_People_CarerPersonId",
                table: "Assessments",
                column: "CarerPersonId",
                principalTable: "People",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_People_People_CaresForPersonId",
                table: "People",
                column: "CaresForPersonId",
                principalTable: "People",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Assessments_People_CarerPersonId",
                table: "Assessments");

            migrationBuilder.DropForeignKey(
                name: "FK_People_People_CaresForPersonId",
                table: "People");

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

            migrationBuilder.AddColumn<bool>(
                name: "Achievable",
                table: "AssessmentCarerOutcomes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("UPDATE \"AssessmentCarerOutcomes\" SET \"Achievable\" = (\"Reasons\" = 0)");

            migrationBuilder.DropColumn(
                name: "Reasons",
                table: "AssessmentCarerOutcomes");

            migrationBuilder.DropColumn(
                name: "WithoutDifficulty",
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
