using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PerformanceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_SearchPostcode",
                table: "People");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_TeamAllocations_Current_TeamId_PersonId",
                table: "TeamAllocations",
                columns: new[] { "TeamId", "PersonId" },
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_People_SearchName_Trigram",
                table: "People",
                column: "SearchName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_People_SearchPostcode",
                table: "People",
                column: "SearchPostcode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_Open_DueDate_Id",
                table: "PathwaySteps",
                columns: new[] { "DueDate", "Id" },
                filter: "\"CompletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PathwaySteps_Open_PersonId",
                table: "PathwaySteps",
                column: "PersonId",
                filter: "\"CompletedAt\" IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "OwnerId", "DueDate", "OwnerName", "OwnerProfession" });

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
                name: "IX_People_SearchName_Trigram",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_SearchPostcode",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_PathwaySteps_Open_DueDate_Id",
                table: "PathwaySteps");

            migrationBuilder.DropIndex(
                name: "IX_PathwaySteps_Open_PersonId",
                table: "PathwaySteps");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_Open_Route_DueDate",
                table: "ApprovalRequests");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_People_SearchPostcode",
                table: "People",
                column: "SearchPostcode");
        }
    }
}
