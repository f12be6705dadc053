using System;
using Microsoft.EntityFrameworkCore.Migrations;
using PersonalBudgets.Data.Projections;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
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
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Route = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
            migrationBuilder.Sql(TeamOpenApprovalsSql.PostgreSqlTriggers);
            migrationBuilder.Sql(TeamOpenApprovalsSql.Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TeamOpenApprovalsSql.PostgreSqlDropTriggers);

            migrationBuilder.DropTable(
                name: "TeamOpenApprovals");
        }
    }
}
