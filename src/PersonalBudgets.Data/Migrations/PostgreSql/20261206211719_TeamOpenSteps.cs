using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The team work read table (docs/adr/0019-team-scoped-read-tables-kept-by-triggers.md): created through the model, then
    /// its triggers and the backfill. The SQL is a copy of Projections.TeamOpenStepsSql as it was when this migration was
    /// made, so this migration keeps working whatever becomes of that class.
    /// </summary>
    public partial class TeamOpenSteps : Migration
    {
        private const string Columns = "\"TeamId\", \"StepId\", \"PersonId\", \"OwnerId\", \"OwnerName\", \"OwnerProfession\", \"DueDate\"";

        private const string Backfill = $"""
            DELETE FROM "TeamOpenSteps";
            INSERT INTO "TeamOpenSteps" ({Columns})
            SELECT a."TeamId", s."Id", s."PersonId", s."OwnerId", s."OwnerName", s."OwnerProfession", s."DueDate"
            FROM "PathwaySteps" AS s
            JOIN "TeamAllocations" AS a ON a."PersonId" = s."PersonId" AND a."EndedAt" IS NULL
            WHERE s."CompletedAt" IS NULL;
            """;

        private static readonly IReadOnlyList<string> PostgreSqlTriggers =
        [
            $$"""
            CREATE OR REPLACE FUNCTION "TeamOpenSteps_FromPathwaySteps"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'UPDATE'
                    AND NEW."PersonId" = OLD."PersonId"
                    AND (NEW."CompletedAt" IS NULL) = (OLD."CompletedAt" IS NULL)
                    AND NEW."OwnerId" IS NOT DISTINCT FROM OLD."OwnerId"
                    AND NEW."OwnerName" IS NOT DISTINCT FROM OLD."OwnerName"
                    AND NEW."OwnerProfession" IS NOT DISTINCT FROM OLD."OwnerProfession"
                    AND NEW."DueDate" = OLD."DueDate" THEN
                    RETURN NULL;
                END IF;
                IF TG_OP <> 'INSERT' AND OLD."CompletedAt" IS NULL THEN
                    PERFORM pg_advisory_xact_lock(4201, hashtext(OLD."PersonId"::text));
                    DELETE FROM "TeamOpenSteps" WHERE "StepId" = OLD."Id";
                END IF;
                IF TG_OP <> 'DELETE' AND NEW."CompletedAt" IS NULL THEN
                    PERFORM pg_advisory_xact_lock(4201, hashtext(NEW."PersonId"::text));
                    INSERT INTO "TeamOpenSteps" ({{Columns}})
                    SELECT a."TeamId", NEW."Id", NEW."PersonId", NEW."OwnerId", NEW."OwnerName", NEW."OwnerProfession", NEW."DueDate"
                    FROM "TeamAllocations" AS a
                    WHERE a."PersonId" = NEW."PersonId" AND a."EndedAt" IS NULL;
                END IF;
                RETURN NULL;
            END
            $fn$;
            """,
            """
            CREATE TRIGGER "TeamOpenSteps_PathwaySteps" AFTER INSERT OR UPDATE OR DELETE ON "PathwaySteps"
            FOR EACH ROW EXECUTE FUNCTION "TeamOpenSteps_FromPathwaySteps"();
            """,
            $$"""
            CREATE OR REPLACE FUNCTION "TeamOpenSteps_FromTeamAllocations"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'UPDATE'
                    AND NEW."PersonId" = OLD."PersonId"
                    AND NEW."TeamId" = OLD."TeamId"
                    AND (NEW."EndedAt" IS NULL) = (OLD."EndedAt" IS NULL) THEN
                    RETURN NULL;
                END IF;
                IF TG_OP <> 'INSERT' AND OLD."EndedAt" IS NULL THEN
                    PERFORM pg_advisory_xact_lock(4201, hashtext(OLD."PersonId"::text));
                    DELETE FROM "TeamOpenSteps" WHERE "PersonId" = OLD."PersonId" AND "TeamId" = OLD."TeamId";
                END IF;
                IF TG_OP <> 'DELETE' AND NEW."EndedAt" IS NULL THEN
                    PERFORM pg_advisory_xact_lock(4201, hashtext(NEW."PersonId"::text));
                    INSERT INTO "TeamOpenSteps" ({{Columns}})
                    SELECT NEW."TeamId", s."Id", s."PersonId", s."OwnerId", s."OwnerName", s."OwnerProfession", s."DueDate"
                    FROM "PathwaySteps" AS s
                    WHERE s."PersonId" = NEW."PersonId" AND s."CompletedAt" IS NULL;
                END IF;
                RETURN NULL;
            END
            $fn$;
            """,
            """
            CREATE TRIGGER "TeamOpenSteps_TeamAllocations" AFTER INSERT OR UPDATE OR DELETE ON "TeamAllocations"
            FOR EACH ROW EXECUTE FUNCTION "TeamOpenSteps_FromTeamAllocations"();
            """,
        ];

        private static readonly IReadOnlyList<string> PostgreSqlDropTriggers =
        [
            "DROP TRIGGER IF EXISTS \"TeamOpenSteps_PathwaySteps\" ON \"PathwaySteps\";",
            "DROP TRIGGER IF EXISTS \"TeamOpenSteps_TeamAllocations\" ON \"TeamAllocations\";",
            "DROP FUNCTION IF EXISTS \"TeamOpenSteps_FromPathwaySteps\"();",
            "DROP FUNCTION IF EXISTS \"TeamOpenSteps_FromTeamAllocations\"();",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TeamOpenSteps",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    StepId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OwnerProfession = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamOpenSteps", x => new { x.TeamId, x.StepId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_TeamOpenSteps_PersonId_TeamId",
                table: "TeamOpenSteps",
                columns: new[] { "PersonId", "TeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamOpenSteps_StepId",
                table: "TeamOpenSteps",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamOpenSteps_TeamId_DueDate_StepId",
                table: "TeamOpenSteps",
                columns: new[] { "TeamId", "DueDate", "StepId" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamOpenSteps_TeamId_Owner",
                table: "TeamOpenSteps",
                columns: new[] { "TeamId", "OwnerId", "OwnerName", "OwnerProfession", "DueDate", "StepId" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamOpenSteps_Unowned_TeamId_DueDate_StepId",
                table: "TeamOpenSteps",
                columns: new[] { "TeamId", "DueDate", "StepId" },
                filter: "\"OwnerId\" IS NULL");

            foreach (var sql in PostgreSqlTriggers)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.Sql(Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in PostgreSqlDropTriggers)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "TeamOpenSteps");
        }
    }
}
