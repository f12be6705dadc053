using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReportingCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EligibilityDeterminations_PersonId_ConfirmedAt",
                table: "EligibilityDeterminations");

            migrationBuilder.CreateIndex(
                name: "IX_PathwayEpisodes_PersonId_OpenedAt",
                table: "PathwayEpisodes",
                columns: new[] { "PersonId", "OpenedAt" })
                .Annotation("Npgsql:IndexInclude", new[] { "ReferralDate" });

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityDeterminations_PersonId_ConfirmedAt",
                table: "EligibilityDeterminations",
                columns: new[] { "PersonId", "ConfirmedAt" })
                .Annotation("Npgsql:IndexInclude", new[] { "Kind", "Eligible" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PathwayEpisodes_PersonId_OpenedAt",
                table: "PathwayEpisodes");

            migrationBuilder.DropIndex(
                name: "IX_EligibilityDeterminations_PersonId_ConfirmedAt",
                table: "EligibilityDeterminations");

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityDeterminations_PersonId_ConfirmedAt",
                table: "EligibilityDeterminations",
                columns: new[] { "PersonId", "ConfirmedAt" });
        }
    }
}
