using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Issue11SignificantRiskAnswered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<bool>(
                name: "SignificantRisk",
                table: "SupportPlans",
                type: "boolean",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "boolean");

            // Drafts showed "No" already chosen, so a draft's "No" may never have been answered: ask again.
            migrationBuilder.Sql("UPDATE \"SupportPlans\" SET \"SignificantRisk\" = NULL WHERE \"Status\" = 'Draft'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"SupportPlans\" SET \"SignificantRisk\" = FALSE WHERE \"SignificantRisk\" IS NULL");

            migrationBuilder.AlterColumn<bool>(
                name: "SignificantRisk",
                table: "SupportPlans",
                type: "boolean",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "boolean",
                oldNullable: true);
        }
    }
}
