using System;
using Microsoft.EntityFrameworkCore.Migrations;
using PersonalBudgets.Data.Projections;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TeamPeopleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gin", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "TeamPeopleSearch",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    SearchName = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    LegalLastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LegalFirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyWorkerId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamPeopleSearch", x => new { x.PersonId, x.TeamId });
                });

            // Kept by triggers from now on; filled from the current allocations before its secondary indexes are built.
            migrationBuilder.Sql(TeamPeopleSearchSql.PostgreSqlTriggers);
            migrationBuilder.Sql(TeamPeopleSearchSql.Backfill);

            migrationBuilder.CreateIndex(
                name: "IX_TeamPeopleSearch_TeamId_Name",
                table: "TeamPeopleSearch",
                columns: new[] { "TeamId", "LegalLastName", "LegalFirstName", "PersonId" })
                .Annotation("Npgsql:IndexInclude", new[] { "KeyWorkerId" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamPeopleSearch_TeamId_SearchName_Trigram",
                table: "TeamPeopleSearch",
                columns: new[] { "TeamId", "SearchName" })
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "", "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TeamPeopleSearchSql.DropPostgreSqlTriggers);

            migrationBuilder.DropTable(
                name: "TeamPeopleSearch");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:btree_gin", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
