using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Issue 11: one open needs assessment per person, unless cancelled with a reason. A person who already has more than
    /// one draft keeps the one changed most recently open; the others are cancelled with a reason that says so (kept,
    /// read only, never deleted), so the unique index can be created.
    /// </summary>
    public partial class Issue11LawOneOpenNeedsAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_OneCorrectionPerVersion",
                table: "Assessments");

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "Assessments",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancelledAt",
                table: "Assessments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelledByName",
                table: "Assessments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OneCorrectionPerVersion",
                table: "Assessments",
                column: "PreviousVersionId",
                unique: true,
                filter: "\"PreviousVersionId\" IS NOT NULL AND \"Status\" <> 'Cancelled'");

            migrationBuilder.Sql("UPDATE \"Assessments\" SET \"Status\" = 'Cancelled', \"CancelledAt\" = now(), \"CancelledByName\" = 'The service', \"CancellationReason\" = 'Cancelled when the service came to allow one open needs assessment per person: another draft, changed more recently, stays open', \"Revision\" = \"Revision\" + 1 WHERE \"Id\" IN (SELECT \"Id\" FROM (SELECT \"Id\", ROW_NUMBER() OVER (PARTITION BY \"PersonId\" ORDER BY \"UpdatedAt\" DESC, \"Id\" DESC) AS n FROM \"Assessments\" WHERE \"Status\" = 'Draft' AND \"Kind\" = 'Adult') AS drafts WHERE n > 1);");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OneOpenNeedsAssessmentPerPerson",
                table: "Assessments",
                column: "PersonId",
                unique: true,
                filter: "\"Status\" = 'Draft' AND \"Kind\" = 'Adult'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_OneCorrectionPerVersion",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_OneOpenNeedsAssessmentPerPerson",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "CancellationReason",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "CancelledByName",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OneCorrectionPerVersion",
                table: "Assessments",
                column: "PreviousVersionId",
                unique: true,
                filter: "\"PreviousVersionId\" IS NOT NULL");
        }
    }
}
