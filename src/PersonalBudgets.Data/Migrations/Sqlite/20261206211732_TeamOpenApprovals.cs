using System;
using Microsoft.EntityFrameworkCore.Migrations;
using PersonalBudgets.Data.Projections;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TeamOpenApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TeamOpenApprovals",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamOpenApprovals", x => new { x.TeamId, x.RequestId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_TeamOpenApprovals_PersonId_RequestId",
                table: "TeamOpenApprovals",
                columns: new[] { "PersonId", "RequestId" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamOpenApprovals_TeamId_Route_DueDate_RequestedAt_RequestId",
                table: "TeamOpenApprovals",
                columns: new[] { "TeamId", "Route", "DueDate", "RequestedAt", "RequestId" });

            // Kept exact by triggers on ApprovalRequests and TeamAllocations, then filled from the existing data.
            migrationBuilder.Sql(TeamOpenApprovalsSql.SqliteTriggers);
            migrationBuilder.Sql(TeamOpenApprovalsSql.Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TeamOpenApprovalsSql.SqliteDropTriggers);

            migrationBuilder.DropTable(
                name: "TeamOpenApprovals");
        }
    }
}
