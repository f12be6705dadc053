namespace PersonalBudgets.Data.Projections;

/// <summary>
/// The SQL that keeps <see cref="TeamOpenApproval"/> exact: triggers on ApprovalRequests and TeamAllocations in each
/// provider, and the backfill from existing data. The migration that creates the table and the benchmark generator (which
/// loads with the triggers off) use this same text. Changing it needs a new migration; copy the text the older
/// migration used into that migration first, so it keeps installing what it installed.
/// </summary>
public static class TeamOpenApprovalsSql
{
    public const string Table = "TeamOpenApprovals";

    private const string Columns = "\"TeamId\", \"RequestId\", \"PersonId\", \"Route\", \"DueDate\", \"RequestedAt\"";

    private const string IsOpen = "(r.\"Outcome\" IS NULL OR r.\"Outcome\" = 'Deferred')";

    /// <summary>Fills the table from the existing requests and allocations (after emptying it), in one statement each.</summary>
    public const string Backfill = $"""
        DELETE FROM "TeamOpenApprovals";
        INSERT INTO "TeamOpenApprovals" ({Columns})
        SELECT DISTINCT a."TeamId", r."Id", r."PersonId", r."Route", r."DueDate", r."RequestedAt"
        FROM "ApprovalRequests" AS r
        INNER JOIN "TeamAllocations" AS a ON a."PersonId" = r."PersonId" AND a."EndedAt" IS NULL
        WHERE {IsOpen};
        """;

    /// <summary>
    /// PostgreSQL: row triggers that recompute what a changed row affects. Each function first takes the person's
    /// transaction-scoped advisory lock (key space 4201, shared by every team-scoped read table), so a request and an
    /// allocation of the same person written at once in two transactions are applied one after the other, and the second
    /// sees the first's committed row (each statement of a plpgsql function takes a fresh snapshot under READ COMMITTED).
    /// </summary>
    public const string PostgreSqlTriggers = $$"""
        CREATE FUNCTION team_open_approvals_refresh(team uuid, person uuid) RETURNS void LANGUAGE plpgsql AS $body$
        BEGIN
            DELETE FROM "TeamOpenApprovals" WHERE "PersonId" = person AND "TeamId" = team;
            INSERT INTO "TeamOpenApprovals" ({{Columns}})
            SELECT team, r."Id", r."PersonId", r."Route", r."DueDate", r."RequestedAt"
            FROM "ApprovalRequests" AS r
            WHERE r."PersonId" = person AND {{IsOpen}}
              AND EXISTS (SELECT 1 FROM "TeamAllocations" AS a WHERE a."PersonId" = person AND a."TeamId" = team AND a."EndedAt" IS NULL);
        END
        $body$;

        CREATE FUNCTION team_open_approvals_on_request() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW."Id" = OLD."Id" AND NEW."PersonId" = OLD."PersonId" AND NEW."Route" = OLD."Route"
                AND NEW."DueDate" = OLD."DueDate" AND NEW."RequestedAt" = OLD."RequestedAt"
                AND (NEW."Outcome" IS NULL OR NEW."Outcome" = 'Deferred') = (OLD."Outcome" IS NULL OR OLD."Outcome" = 'Deferred') THEN
                RETURN NULL;
            END IF;

            IF TG_OP <> 'INSERT' THEN
                PERFORM pg_advisory_xact_lock(4201, hashtext(OLD."PersonId"::text));
                DELETE FROM "TeamOpenApprovals" WHERE "PersonId" = OLD."PersonId" AND "RequestId" = OLD."Id";
            END IF;

            IF TG_OP <> 'DELETE' THEN
                PERFORM pg_advisory_xact_lock(4201, hashtext(NEW."PersonId"::text));
                IF NEW."Outcome" IS NULL OR NEW."Outcome" = 'Deferred' THEN
                    INSERT INTO "TeamOpenApprovals" ({{Columns}})
                    SELECT DISTINCT a."TeamId", NEW."Id", NEW."PersonId", NEW."Route", NEW."DueDate", NEW."RequestedAt"
                    FROM "TeamAllocations" AS a
                    WHERE a."PersonId" = NEW."PersonId" AND a."EndedAt" IS NULL;
                END IF;
            END IF;

            RETURN NULL;
        END
        $body$;

        CREATE FUNCTION team_open_approvals_on_allocation() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW."PersonId" = OLD."PersonId" AND NEW."TeamId" = OLD."TeamId"
                AND (NEW."EndedAt" IS NULL) = (OLD."EndedAt" IS NULL) THEN
                RETURN NULL;
            END IF;

            IF TG_OP <> 'INSERT' THEN
                PERFORM pg_advisory_xact_lock(4201, hashtext(OLD."PersonId"::text));
                PERFORM team_open_approvals_refresh(OLD."TeamId", OLD."PersonId");
            END IF;

            IF TG_OP <> 'DELETE' THEN
                PERFORM pg_advisory_xact_lock(4201, hashtext(NEW."PersonId"::text));
                PERFORM team_open_approvals_refresh(NEW."TeamId", NEW."PersonId");
            END IF;

            RETURN NULL;
        END
        $body$;

        CREATE TRIGGER "TR_ApprovalRequests_TeamOpenApprovals" AFTER INSERT OR UPDATE OR DELETE ON "ApprovalRequests"
            FOR EACH ROW EXECUTE FUNCTION team_open_approvals_on_request();

        CREATE TRIGGER "TR_TeamAllocations_TeamOpenApprovals" AFTER INSERT OR UPDATE OR DELETE ON "TeamAllocations"
            FOR EACH ROW EXECUTE FUNCTION team_open_approvals_on_allocation();
        """;

    public const string PostgreSqlDropTriggers = """
        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamOpenApprovals" ON "TeamAllocations";
        DROP TRIGGER IF EXISTS "TR_ApprovalRequests_TeamOpenApprovals" ON "ApprovalRequests";
        DROP FUNCTION IF EXISTS team_open_approvals_on_allocation();
        DROP FUNCTION IF EXISTS team_open_approvals_on_request();
        DROP FUNCTION IF EXISTS team_open_approvals_refresh(uuid, uuid);
        """;

    /// <summary>SQLite: one writer at a time, so no lock; the same recomputation per changed row.</summary>
    public const string SqliteTriggers = $"""
        CREATE TRIGGER "TR_ApprovalRequests_TeamOpenApprovals_Insert" AFTER INSERT ON "ApprovalRequests"
        WHEN NEW."Outcome" IS NULL OR NEW."Outcome" = 'Deferred'
        BEGIN
            {RequestRows}
        END;

        CREATE TRIGGER "TR_ApprovalRequests_TeamOpenApprovals_Update"
        AFTER UPDATE OF "Id", "PersonId", "Route", "DueDate", "RequestedAt", "Outcome" ON "ApprovalRequests"
        BEGIN
            DELETE FROM "TeamOpenApprovals" WHERE "PersonId" = OLD."PersonId" AND "RequestId" = OLD."Id";
            {RequestRows}
        END;

        CREATE TRIGGER "TR_ApprovalRequests_TeamOpenApprovals_Delete" AFTER DELETE ON "ApprovalRequests"
        BEGIN
            DELETE FROM "TeamOpenApprovals" WHERE "PersonId" = OLD."PersonId" AND "RequestId" = OLD."Id";
        END;

        CREATE TRIGGER "TR_TeamAllocations_TeamOpenApprovals_Insert" AFTER INSERT ON "TeamAllocations"
        WHEN NEW."EndedAt" IS NULL
        BEGIN
            {SqliteRefreshNew}
        END;

        CREATE TRIGGER "TR_TeamAllocations_TeamOpenApprovals_Update"
        AFTER UPDATE OF "PersonId", "TeamId", "EndedAt" ON "TeamAllocations"
        BEGIN
            {SqliteRefreshOld}
            {SqliteRefreshNew}
        END;

        CREATE TRIGGER "TR_TeamAllocations_TeamOpenApprovals_Delete" AFTER DELETE ON "TeamAllocations"
        BEGIN
            {SqliteRefreshOld}
        END;
        """;

    public const string SqliteDropTriggers = """
        DROP TRIGGER IF EXISTS "TR_ApprovalRequests_TeamOpenApprovals_Insert";
        DROP TRIGGER IF EXISTS "TR_ApprovalRequests_TeamOpenApprovals_Update";
        DROP TRIGGER IF EXISTS "TR_ApprovalRequests_TeamOpenApprovals_Delete";
        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamOpenApprovals_Insert";
        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamOpenApprovals_Update";
        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamOpenApprovals_Delete";
        """;

    // The new request's rows: one per team the person is currently allocated to, if the request is open.
    private const string RequestRows = $"""
        INSERT INTO "TeamOpenApprovals" ({Columns})
            SELECT DISTINCT a."TeamId", NEW."Id", NEW."PersonId", NEW."Route", NEW."DueDate", NEW."RequestedAt"
            FROM "TeamAllocations" AS a
            WHERE a."PersonId" = NEW."PersonId" AND a."EndedAt" IS NULL AND (NEW."Outcome" IS NULL OR NEW."Outcome" = 'Deferred');
        """;

    private const string SqliteRefreshOld = $"""
        DELETE FROM "TeamOpenApprovals" WHERE "PersonId" = OLD."PersonId" AND "TeamId" = OLD."TeamId";
            INSERT INTO "TeamOpenApprovals" ({Columns})
            SELECT OLD."TeamId", r."Id", r."PersonId", r."Route", r."DueDate", r."RequestedAt"
            FROM "ApprovalRequests" AS r
            WHERE r."PersonId" = OLD."PersonId" AND {IsOpen}
              AND EXISTS (SELECT 1 FROM "TeamAllocations" AS a WHERE a."PersonId" = OLD."PersonId" AND a."TeamId" = OLD."TeamId" AND a."EndedAt" IS NULL);
        """;

    private const string SqliteRefreshNew = $"""
        DELETE FROM "TeamOpenApprovals" WHERE "PersonId" = NEW."PersonId" AND "TeamId" = NEW."TeamId";
            INSERT INTO "TeamOpenApprovals" ({Columns})
            SELECT NEW."TeamId", r."Id", r."PersonId", r."Route", r."DueDate", r."RequestedAt"
            FROM "ApprovalRequests" AS r
            WHERE r."PersonId" = NEW."PersonId" AND {IsOpen}
              AND EXISTS (SELECT 1 FROM "TeamAllocations" AS a WHERE a."PersonId" = NEW."PersonId" AND a."TeamId" = NEW."TeamId" AND a."EndedAt" IS NULL);
        """;
}
