namespace PersonalBudgets.Data.Projections;

/// <summary>
/// The SQL that keeps <see cref="TeamOpenStep"/> exact: triggers on PathwaySteps and TeamAllocations in each provider,
/// their removal, and the backfill from existing data (docs/adr/0019-team-scoped-read-tables-kept-by-triggers.md).
/// The migration that created the table holds its own copy of this text, so it keeps working whatever becomes of this
/// class; a change here needs a new migration that drops and creates the triggers again. The benchmark generator runs
/// <see cref="Backfill"/> after its bulk load.
/// </summary>
/// <remarks>
/// An open step is one with no CompletedAt; a current allocation one with no EndedAt. A SQLite migration that rebuilds
/// PathwaySteps or TeamAllocations (EF Core does for some column changes) drops these triggers with the old table: it must
/// create them again.
/// </remarks>
public static class TeamOpenStepsSql
{
    private const string Columns = "\"TeamId\", \"StepId\", \"PersonId\", \"OwnerId\", \"OwnerName\", \"OwnerProfession\", \"DueDate\"";

    /// <summary>
    /// Empties the table and fills it from the open steps and current allocations (both providers). It takes the same
    /// per-person locks as the triggers only implicitly: run it where nothing else writes (a migration, a bulk load).
    /// </summary>
    public const string Backfill = $"""
        DELETE FROM "TeamOpenSteps";
        INSERT INTO "TeamOpenSteps" ({Columns})
        SELECT a."TeamId", s."Id", s."PersonId", s."OwnerId", s."OwnerName", s."OwnerProfession", s."DueDate"
        FROM "PathwaySteps" AS s
        JOIN "TeamAllocations" AS a ON a."PersonId" = s."PersonId" AND a."EndedAt" IS NULL
        WHERE s."CompletedAt" IS NULL;
        """;

    /// <summary>
    /// PostgreSQL: one plpgsql function and one row trigger per source table. Each takes the person's transaction-scoped
    /// advisory lock (key space 4201, shared by every team-scoped read table) before it reads the other table: under READ
    /// COMMITTED a step and an allocation of the same person written at once in two transactions would otherwise each miss
    /// the other's row. After the lock, each statement's fresh snapshot sees what the other transaction committed.
    /// </summary>
    public static readonly IReadOnlyList<string> PostgreSqlTriggers =
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

    /// <summary>PostgreSQL: removes the triggers and their functions.</summary>
    public static readonly IReadOnlyList<string> PostgreSqlDropTriggers =
    [
        "DROP TRIGGER IF EXISTS \"TeamOpenSteps_PathwaySteps\" ON \"PathwaySteps\";",
        "DROP TRIGGER IF EXISTS \"TeamOpenSteps_TeamAllocations\" ON \"TeamAllocations\";",
        "DROP FUNCTION IF EXISTS \"TeamOpenSteps_FromPathwaySteps\"();",
        "DROP FUNCTION IF EXISTS \"TeamOpenSteps_FromTeamAllocations\"();",
    ];

    /// <summary>SQLite: one trigger per source table and operation (one writer at a time, so no locking).</summary>
    public static readonly IReadOnlyList<string> SqliteTriggers =
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

    /// <summary>SQLite: removes the triggers.</summary>
    public static readonly IReadOnlyList<string> SqliteDropTriggers =
    [
        "DROP TRIGGER IF EXISTS \"TeamOpenSteps_PathwaySteps_Insert\";",
        "DROP TRIGGER IF EXISTS \"TeamOpenSteps_PathwaySteps_Update\";",
        "DROP TRIGGER IF EXISTS \"TeamOpenSteps_PathwaySteps_Delete\";",
        "DROP TRIGGER IF EXISTS \"TeamOpenSteps_TeamAllocations_Insert\";",
        "DROP TRIGGER IF EXISTS \"TeamOpenSteps_TeamAllocations_Update\";",
        "DROP TRIGGER IF EXISTS \"TeamOpenSteps_TeamAllocations_Delete\";",
    ];
}
