namespace PersonalBudgets.Data.Projections;

/// <summary>
/// The SQL that keeps <see cref="TeamPersonSearch"/> exact: triggers on People (names, key worker) and on
/// TeamAllocations (a current allocation starts, ends or moves) in each provider, and the backfill from existing data.
/// The migration that creates the table and the benchmark generator (which loads with the triggers off) both use this
/// text. A later change to the triggers needs a new migration that runs the new text (the statements replace the
/// functions and drop the triggers before creating them), so that databases already migrated get it too.
/// </summary>
public static class TeamPeopleSearchSql
{
    /// <summary>
    /// Existing current allocations and their people. Both providers read it alike; it fills an empty table (the
    /// migration, or the generator after clearing the table).
    /// </summary>
    public const string Backfill = """
        INSERT INTO "TeamPeopleSearch" ("TeamId", "PersonId", "SearchName", "LegalLastName", "LegalFirstName", "KeyWorkerId")
        SELECT a."TeamId", p."Id", p."SearchName", p."LegalLastName", p."LegalFirstName", p."KeyWorkerId"
        FROM "TeamAllocations" AS a
        INNER JOIN "People" AS p ON p."Id" = a."PersonId"
        WHERE a."EndedAt" IS NULL;
        """;

    /// <summary>
    /// PostgreSQL. Under READ COMMITTED an allocation inserted while the person's name changes in another transaction
    /// would be missed by both triggers (each reads the other table before the other commits), so both serialise per
    /// person on the advisory lock every team read table shares (4201, the person) before reading the other table; in
    /// a volatile plpgsql function each statement takes a fresh snapshot, so after the lock it sees the other's rows.
    /// </summary>
    public const string PostgreSqlTriggers = """
        CREATE OR REPLACE FUNCTION team_people_search_allocation() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."EndedAt" IS NULL THEN
                PERFORM pg_advisory_xact_lock(4201, hashtext(OLD."PersonId"::text));
                DELETE FROM "TeamPeopleSearch" WHERE "PersonId" = OLD."PersonId" AND "TeamId" = OLD."TeamId";
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."EndedAt" IS NULL THEN
                PERFORM pg_advisory_xact_lock(4201, hashtext(NEW."PersonId"::text));
                INSERT INTO "TeamPeopleSearch" ("TeamId", "PersonId", "SearchName", "LegalLastName", "LegalFirstName", "KeyWorkerId")
                SELECT NEW."TeamId", p."Id", p."SearchName", p."LegalLastName", p."LegalFirstName", p."KeyWorkerId"
                FROM "People" AS p WHERE p."Id" = NEW."PersonId"
                ON CONFLICT ("PersonId", "TeamId") DO NOTHING;
            END IF;
            RETURN NULL;
        END;
        $$;

        CREATE OR REPLACE FUNCTION team_people_search_person() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(4201, hashtext(NEW."Id"::text));
            UPDATE "TeamPeopleSearch"
            SET "SearchName" = NEW."SearchName", "LegalLastName" = NEW."LegalLastName", "LegalFirstName" = NEW."LegalFirstName", "KeyWorkerId" = NEW."KeyWorkerId"
            WHERE "PersonId" = NEW."Id";
            RETURN NULL;
        END;
        $$;

        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamPeopleSearch" ON "TeamAllocations";
        CREATE TRIGGER "TR_TeamAllocations_TeamPeopleSearch" AFTER INSERT OR UPDATE OR DELETE ON "TeamAllocations"
            FOR EACH ROW EXECUTE FUNCTION team_people_search_allocation();

        DROP TRIGGER IF EXISTS "TR_People_TeamPeopleSearch" ON "People";
        CREATE TRIGGER "TR_People_TeamPeopleSearch" AFTER UPDATE ON "People"
            FOR EACH ROW
            WHEN (OLD."SearchName" IS DISTINCT FROM NEW."SearchName" OR OLD."LegalLastName" IS DISTINCT FROM NEW."LegalLastName"
                OR OLD."LegalFirstName" IS DISTINCT FROM NEW."LegalFirstName" OR OLD."KeyWorkerId" IS DISTINCT FROM NEW."KeyWorkerId")
            EXECUTE FUNCTION team_people_search_person();
        """;

    public const string DropPostgreSqlTriggers = """
        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamPeopleSearch" ON "TeamAllocations";
        DROP TRIGGER IF EXISTS "TR_People_TeamPeopleSearch" ON "People";
        DROP FUNCTION IF EXISTS team_people_search_allocation();
        DROP FUNCTION IF EXISTS team_people_search_person();
        """;

    /// <summary>SQLite has one writer at a time: no race to guard against.</summary>
    public const string SqliteTriggers = """
        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamPeopleSearch_Insert";
        CREATE TRIGGER "TR_TeamAllocations_TeamPeopleSearch_Insert" AFTER INSERT ON "TeamAllocations"
        WHEN NEW."EndedAt" IS NULL
        BEGIN
            INSERT OR IGNORE INTO "TeamPeopleSearch" ("TeamId", "PersonId", "SearchName", "LegalLastName", "LegalFirstName", "KeyWorkerId")
            SELECT NEW."TeamId", p."Id", p."SearchName", p."LegalLastName", p."LegalFirstName", p."KeyWorkerId"
            FROM "People" AS p WHERE p."Id" = NEW."PersonId";
        END;

        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamPeopleSearch_Update";
        CREATE TRIGGER "TR_TeamAllocations_TeamPeopleSearch_Update" AFTER UPDATE ON "TeamAllocations"
        BEGIN
            DELETE FROM "TeamPeopleSearch" WHERE OLD."EndedAt" IS NULL AND "PersonId" = OLD."PersonId" AND "TeamId" = OLD."TeamId";
            INSERT OR IGNORE INTO "TeamPeopleSearch" ("TeamId", "PersonId", "SearchName", "LegalLastName", "LegalFirstName", "KeyWorkerId")
            SELECT NEW."TeamId", p."Id", p."SearchName", p."LegalLastName", p."LegalFirstName", p."KeyWorkerId"
            FROM "People" AS p WHERE p."Id" = NEW."PersonId" AND NEW."EndedAt" IS NULL;
        END;

        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamPeopleSearch_Delete";
        CREATE TRIGGER "TR_TeamAllocations_TeamPeopleSearch_Delete" AFTER DELETE ON "TeamAllocations"
        WHEN OLD."EndedAt" IS NULL
        BEGIN
            DELETE FROM "TeamPeopleSearch" WHERE "PersonId" = OLD."PersonId" AND "TeamId" = OLD."TeamId";
        END;

        DROP TRIGGER IF EXISTS "TR_People_TeamPeopleSearch";
        CREATE TRIGGER "TR_People_TeamPeopleSearch" AFTER UPDATE OF "SearchName", "LegalLastName", "LegalFirstName", "KeyWorkerId" ON "People"
        BEGIN
            UPDATE "TeamPeopleSearch"
            SET "SearchName" = NEW."SearchName", "LegalLastName" = NEW."LegalLastName", "LegalFirstName" = NEW."LegalFirstName", "KeyWorkerId" = NEW."KeyWorkerId"
            WHERE "PersonId" = NEW."Id";
        END;
        """;

    public const string DropSqliteTriggers = """
        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamPeopleSearch_Insert";
        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamPeopleSearch_Update";
        DROP TRIGGER IF EXISTS "TR_TeamAllocations_TeamPeopleSearch_Delete";
        DROP TRIGGER IF EXISTS "TR_People_TeamPeopleSearch";
        """;
}
