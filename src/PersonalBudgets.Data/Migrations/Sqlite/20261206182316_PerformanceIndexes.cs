using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PerformanceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TeamAllocations_Current_TeamId_PersonId",
                table: "TeamAllocations",
                columns: new[] { "TeamId", "PersonId" },
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_Open_DueDate_Id",
                table: "PathwaySteps",
                columns: new[] { "DueDate", "Id" },
                filter: "\"CompletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_Open_PersonId",
                table: "PathwaySteps",
                column: "PersonId",
                filter: "\"CompletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_Open_Route_DueDate",
                table: "ApprovalRequests",
                columns: new[] { "Route", "DueDate", "RequestedAt" },
                filter: "\"Outcome\" IS NULL OR \"Outcome\" = 'Deferred'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TeamAllocations_Current_TeamId_PersonId",
                table: "TeamAllocations");

            migrationBuilder.DropIndex(
                name: "IX_PathwaySteps_Open_DueDate_Id",
                table: "PathwaySteps");

            migrationBuilder.DropIndex(
                name: "IX_PathwaySteps_Open_PersonId",
                table: "PathwaySteps");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_Open_Route_DueDate",
                table: "ApprovalRequests");
        }
    }
}
