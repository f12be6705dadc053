using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OneOpenRecordIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TeamAllocations_OneCurrentPerPersonAndTeam",
                table: "TeamAllocations",
                columns: new[] { "PersonId", "TeamId" },
                unique: true,
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlans_OneOpenVersionPerPerson",
                table: "SupportPlans",
                column: "PersonId",
                unique: true,
                filter: "\"Status\" IN ('Draft', 'AwaitingApproval')");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_OneInProgressPerPerson",
                table: "Reviews",
                column: "PersonId",
                unique: true,
                filter: "\"Status\" = 'InProgress'");

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

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_OneOpenPerEpisode",
                table: "PathwaySteps",
                column: "EpisodeId",
                unique: true,
                filter: "\"CompletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PathwayEpisodes_OneOpenPerPerson",
                table: "PathwayEpisodes",
                column: "PersonId",
                unique: true,
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_KeyWorkerAssignments_OneCurrentPerPerson",
                table: "KeyWorkerAssignments",
                column: "PersonId",
                unique: true,
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetChallenges_OneOpenPerBudget",
                table: "BudgetChallenges",
                column: "IndicativeBudgetId",
                unique: true,
                filter: "\"Outcome\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OneCorrectionPerVersion",
                table: "Assessments",
                column: "PreviousVersionId",
                unique: true,
                filter: "\"PreviousVersionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_OneOpenPerPlan",
                table: "ApprovalRequests",
                column: "PlanId",
                unique: true,
                filter: "\"Outcome\" IS NULL OR \"Outcome\" = 'Deferred'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TeamAllocations_OneCurrentPerPersonAndTeam",
                table: "TeamAllocations");

            migrationBuilder.DropIndex(
                name: "IX_SupportPlans_OneOpenVersionPerPerson",
                table: "SupportPlans");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_OneInProgressPerPerson",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_RasVersions_OneDraft",
                table: "RasVersions");

            migrationBuilder.DropIndex(
                name: "IX_RasVersions_OnePublished",
                table: "RasVersions");

            migrationBuilder.DropIndex(
                name: "IX_PathwaySteps_OneOpenPerEpisode",
                table: "PathwaySteps");

            migrationBuilder.DropIndex(
                name: "IX_PathwayEpisodes_OneOpenPerPerson",
                table: "PathwayEpisodes");

            migrationBuilder.DropIndex(
                name: "IX_KeyWorkerAssignments_OneCurrentPerPerson",
                table: "KeyWorkerAssignments");

            migrationBuilder.DropIndex(
                name: "IX_BudgetChallenges_OneOpenPerBudget",
                table: "BudgetChallenges");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_OneCorrectionPerVersion",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_OneOpenPerPlan",
                table: "ApprovalRequests");
        }
    }
}
