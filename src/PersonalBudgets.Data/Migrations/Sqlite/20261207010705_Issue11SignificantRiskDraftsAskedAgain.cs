using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue11SignificantRiskDraftsAskedAgain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Drafts showed "No" already chosen, so a draft's "No" may never have been answered: ask again (ADR 0024).
            migrationBuilder.Sql("UPDATE \"SupportPlans\" SET \"SignificantRisk\" = NULL WHERE \"Status\" = 'Draft'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"SupportPlans\" SET \"SignificantRisk\" = FALSE WHERE \"SignificantRisk\" IS NULL");
        }
    }
}
