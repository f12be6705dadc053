using System;
using Microsoft.EntityFrameworkCore.Migrations;
using PersonalBudgets.Data.Projections;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TeamPeopleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TeamPeopleSearch",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SearchName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    LegalLastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LegalFirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyWorkerId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamPeopleSearch", x => new { x.PersonId, x.TeamId });
                });

            // Kept by triggers from now on; filled from the current allocations before its secondary indexes are built.
            migrationBuilder.Sql(TeamPeopleSearchSql.SqliteTriggers);
            migrationBuilder.Sql(TeamPeopleSearchSql.Backfill);

            migrationBuilder.CreateIndex(
                name: "IX_TeamPeopleSearch_TeamId_Name",
                table: "TeamPeopleSearch",
                columns: new[] { "TeamId", "LegalLastName", "LegalFirstName", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TeamPeopleSearchSql.DropSqliteTriggers);

            migrationBuilder.DropTable(
                name: "TeamPeopleSearch");
        }
    }
}
