using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Issue 11: the outcome question is asked as reg 2(3) does. "Achievable" becomes "without difficulty"; nothing stored
    /// is lost. A row stored as achievable but with ways of being unable (not writable since the first release, which
    /// dropped the ways; possible only through other writers) now reads as unable in those ways, since the ways are the
    /// test. A row stored as not achievable with no way reads as not yet answered (ADR 0020).
    /// </summary>
    public partial class Issue11LawHowOutcomeIsManaged : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Achievable",
                table: "AssessmentOutcomes",
                newName: "WithoutDifficulty");

            migrationBuilder.Sql("UPDATE \"AssessmentOutcomes\" SET \"WithoutDifficulty\" = FALSE WHERE \"WithoutDifficulty\" = TRUE AND \"Reasons\" <> 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "WithoutDifficulty",
                table: "AssessmentOutcomes",
                newName: "Achievable");
        }
    }
}
