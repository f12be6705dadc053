using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DashboardCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SupportPlans_PersonId_Number",
                table: "SupportPlans");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_PersonId_CreatedAt",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_PathwaySteps_CompletedAt_DueDate",
                table: "PathwaySteps");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_PersonId_StartedAt",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlans_PersonId_Number",
                table: "SupportPlans",
                columns: new[] { "PersonId", "Number" },
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "SubmittedAt", "ApprovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_PersonId_CreatedAt",
                table: "Reviews",
                columns: new[] { "PersonId", "CreatedAt" })
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_CompletedAt_DueDate",
                table: "PathwaySteps",
                columns: new[] { "CompletedAt", "DueDate" })
                .Annotation("Npgsql:IndexInclude", new[] { "Participation", "OwnerProfession", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_DueDate",
                table: "PathwaySteps",
                column: "DueDate")
                .Annotation("Npgsql:IndexInclude", new[] { "CompletedOn", "OwnerProfession", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_PersonId_StartedAt",
                table: "Assessments",
                columns: new[] { "PersonId", "StartedAt" })
                .Annotation("Npgsql:IndexInclude", new[] { "Kind", "Status", "CompletedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SupportPlans_PersonId_Number",
                table: "SupportPlans");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_PersonId_CreatedAt",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_PathwaySteps_CompletedAt_DueDate",
                table: "PathwaySteps");

            migrationBuilder.DropIndex(
                name: "IX_PathwaySteps_DueDate",
                table: "PathwaySteps");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_PersonId_StartedAt",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlans_PersonId_Number",
                table: "SupportPlans",
                columns: new[] { "PersonId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_PersonId_CreatedAt",
                table: "Reviews",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_CompletedAt_DueDate",
                table: "PathwaySteps",
                columns: new[] { "CompletedAt", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_PersonId_StartedAt",
                table: "Assessments",
                columns: new[] { "PersonId", "StartedAt" });
        }
    }
}
