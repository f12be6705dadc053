using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalBudgets.Data.Migrations.Sqlite
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

        private static readonly IReadOnlyList<string> SqliteTriggers =
        [
            $"""
            CREATE TRIGGER "TeamOpenSteps_PathwaySteps_Insert" AFTER INSERT ON "PathwaySteps"
            WHEN NEW."CompletedAt" IS NULL
            BEGIN
                INSERT INTO "TeamOpenSteps" ({Columns})
                SELECT a."TeamId", NEW."Id", NEW."PersonId", NEW."OwnerId", NEW."OwnerName", NEW."OwnerProfession", NEW."DueDate"
                FROM "TeamAllocations" AS a
                WHERE a."PersonId" = NEW."PersonId" AND a."EndedAt" IS NULL;
            END;
            """,
            $"""
            CREATE TRIGGER "TeamOpenSteps_PathwaySteps_Update" AFTER UPDATE ON "PathwaySteps"
            WHEN NEW."PersonId" IS NOT OLD."PersonId"
                OR (NEW."CompletedAt" IS NULL) <> (OLD."CompletedAt" IS NULL)
                OR NEW."OwnerId" IS NOT OLD."OwnerId"
                OR NEW."OwnerName" IS NOT OLD."OwnerName"
                OR NEW."OwnerProfession" IS NOT OLD."OwnerProfession"
                OR NEW."DueDate" IS NOT OLD."DueDate"
            BEGIN
                DELETE FROM "TeamOpenSteps" WHERE "StepId" = OLD."Id";
                INSERT INTO "TeamOpenSteps" ({Columns})
                SELECT a."TeamId", NEW."Id", NEW."PersonId", NEW."OwnerId", NEW."OwnerName", NEW."OwnerProfession", NEW."DueDate"
                FROM "TeamAllocations" AS a
                WHERE NEW."CompletedAt" IS NULL AND a."PersonId" = NEW."PersonId" AND a."EndedAt" IS NULL;
            END;
            """,
            """
            CREATE TRIGGER "TeamOpenSteps_PathwaySteps_Delete" AFTER DELETE ON "PathwaySteps"
            WHEN OLD."CompletedAt" IS NULL
            BEGIN
                DELETE FROM "TeamOpenSteps" WHERE "StepId" = OLD."Id";
            END;
            """,
            $"""
            CREATE TRIGGER "TeamOpenSteps_TeamAllocations_Insert" AFTER INSERT ON "TeamAllocations"
            WHEN NEW."EndedAt" IS NULL
            BEGIN
                INSERT INTO "TeamOpenSteps" ({Columns})
                SELECT NEW."TeamId", s."Id", s."PersonId", s."OwnerId", s."OwnerName", s."OwnerProfession", s."DueDate"
                FROM "PathwaySteps" AS s
                WHERE s."PersonId" = NEW."PersonId" AND s."CompletedAt" IS NULL;
            END;
            """,
            $"""
            CREATE TRIGGER "TeamOpenSteps_TeamAllocations_Update" AFTER UPDATE ON "TeamAllocations"
            WHEN NEW."PersonId" IS NOT OLD."PersonId"
                OR NEW."TeamId" IS NOT OLD."TeamId"
                OR (NEW."EndedAt" IS NULL) <> (OLD."EndedAt" IS NULL)
            BEGIN
                DELETE FROM "TeamOpenSteps"
                WHERE OLD."EndedAt" IS NULL AND "PersonId" = OLD."PersonId" AND "TeamId" = OLD."TeamId";
                INSERT INTO "TeamOpenSteps" ({Columns})
                SELECT NEW."TeamId", s."Id", s."PersonId", s."OwnerId", s."OwnerName", s."OwnerProfession", s."DueDate"
                FROM "PathwaySteps" AS s
                WHERE NEW."EndedAt" IS NULL AND s."PersonId" = NEW."PersonId" AND s."CompletedAt" IS NULL;
            END;
            """,
            """
            CREATE TRIGGER "TeamOpenSteps_TeamAllocations_Delete" AFTER DELETE ON "TeamAllocations"
            WHEN OLD."EndedAt" IS NULL
            BEGIN
                DELETE FROM "TeamOpenSteps" WHERE "PersonId" = OLD."PersonId" AND "TeamId" = OLD."TeamId";
            END;
            """,
        ];

        private static readonly IReadOnlyList<string> SqliteDropTriggers =
        [
            "DROP TRIGGER IF EXISTS \"TeamOpenSteps_PathwaySteps_Insert\";",
            "DROP TRIGGER IF EXISTS \"TeamOpenSteps_PathwaySteps_Update\";",
            "DROP TRIGGER IF EXISTS \"TeamOpenSteps_PathwaySteps_Delete\";",
            "DROP TRIGGER IF EXISTS \"TeamOpenSteps_TeamAllocations_Insert\";",
            "DROP TRIGGER IF EXISTS \"TeamOpenSteps_TeamAllocations_Update\";",
            "DROP TRIGGER IF EXISTS \"TeamOpenSteps_TeamAllocations_Delete\";",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TeamOpenSteps",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StepId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OwnerProfession = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false)
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

            foreach (var sql in SqliteTriggers)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.Sql(Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SqliteDropTriggers)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "TeamOpenSteps");
        }
    }
}
