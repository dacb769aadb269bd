using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SignInClientCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SignIns_Clients_ClientId",
                table: "SignIns");

            migrationBuilder.DropIndex(
                name: "IX_SignIns_ResellerId",
                table: "SignIns");

            migrationBuilder.CreateIndex(
                name: "IX_SignIns_ResellerId",
                table: "SignIns",
                column: "ResellerId",
                filter: "\"ResellerId\" IS NOT NULL");

            // The dropped key, enforced set-based (docs/decisions.md): PostgreSQL checks a foreign key
            // with one query per inserted row, these check a whole statement's rows at once.
            migrationBuilder.Sql(SignInClientTriggers);

            // Uploads are stored until their job has run: lz4 compresses them several times faster than
            // the default pglz (0.13 s instead of 0.25-0.3 s for 100,000 rows). A server built without lz4,
            // or older than PostgreSQL 14, keeps pglz.
            migrationBuilder.Sql("""
                DO $$ BEGIN
                    EXECUTE 'ALTER TABLE "ImportFiles" ALTER COLUMN "Content" SET COMPRESSION lz4';
                EXCEPTION WHEN feature_not_supported OR syntax_error THEN NULL;
                END $$;
                """);
        }

        private const string SignInClientTriggers = """
            -- Inserted sign-ins: lock the clients they name, as a foreign key would (FOR KEY SHARE, so
            -- none can be deleted before this transaction ends), then check on a snapshot taken after
            -- the locks that each one exists.
            CREATE FUNCTION "SignIns_ClientId_exists"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE missing integer;
            BEGIN
                PERFORM FROM "Clients" c WHERE c."Id" IN (SELECT n."ClientId" FROM new_rows n) FOR KEY SHARE OF c;
                SELECT n."ClientId" INTO missing FROM new_rows n
                WHERE n."ClientId" IS NOT NULL AND NOT EXISTS (SELECT FROM "Clients" c WHERE c."Id" = n."ClientId") LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "SignIns" violates foreign key constraint "FK_SignIns_Clients_ClientId"'
                        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'FK_SignIns_Clients_ClientId', TABLE = 'SignIns',
                              DETAIL = format('Key ("ClientId")=(%s) is not present in table "Clients".', missing);
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER "FK_SignIns_Clients_ClientId_insert" AFTER INSERT ON "SignIns"
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "SignIns_ClientId_exists"();

            -- A sign-in moved to another client (the product never does it): the same check, for that row.
            CREATE FUNCTION "SignIns_ClientId_exists_row"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM FROM "Clients" c WHERE c."Id" = NEW."ClientId" FOR KEY SHARE OF c;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "SignIns" violates foreign key constraint "FK_SignIns_Clients_ClientId"'
                        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'FK_SignIns_Clients_ClientId', TABLE = 'SignIns',
                              DETAIL = format('Key ("ClientId")=(%s) is not present in table "Clients".', NEW."ClientId");
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER "FK_SignIns_Clients_ClientId_update" AFTER UPDATE OF "ClientId" ON "SignIns" FOR EACH ROW
                WHEN (NEW."ClientId" IS NOT NULL AND NEW."ClientId" IS DISTINCT FROM OLD."ClientId")
                EXECUTE FUNCTION "SignIns_ClientId_exists_row"();

            -- A client, or its ID, goes only when no sign-in names it (the key's ON DELETE RESTRICT). The
            -- row is locked before this runs, so it waits for inserts holding it and then sees their rows.
            CREATE FUNCTION "Clients_keep_sign_ins"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT FROM "SignIns" s WHERE s."ClientId" = OLD."Id") THEN
                    RAISE EXCEPTION 'update or delete on table "Clients" violates foreign key constraint "FK_SignIns_Clients_ClientId" on table "SignIns"'
                        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'FK_SignIns_Clients_ClientId', TABLE = 'SignIns',
                              DETAIL = format('Key ("Id")=(%s) is still referenced from table "SignIns".', OLD."Id");
                END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER "FK_SignIns_Clients_ClientId_delete" BEFORE DELETE ON "Clients"
                FOR EACH ROW EXECUTE FUNCTION "Clients_keep_sign_ins"();
            CREATE TRIGGER "FK_SignIns_Clients_ClientId_key" BEFORE UPDATE OF "Id" ON "Clients" FOR EACH ROW
                WHEN (NEW."Id" IS DISTINCT FROM OLD."Id") EXECUTE FUNCTION "Clients_keep_sign_ins"();
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "FK_SignIns_Clients_ClientId_insert" ON "SignIns";
                DROP TRIGGER "FK_SignIns_Clients_ClientId_update" ON "SignIns";
                DROP TRIGGER "FK_SignIns_Clients_ClientId_delete" ON "Clients";
                DROP TRIGGER "FK_SignIns_Clients_ClientId_key" ON "Clients";
                DROP FUNCTION "SignIns_ClientId_exists"();
                DROP FUNCTION "SignIns_ClientId_exists_row"();
                DROP FUNCTION "Clients_keep_sign_ins"();
                DO $$ BEGIN
                    EXECUTE 'ALTER TABLE "ImportFiles" ALTER COLUMN "Content" SET COMPRESSION DEFAULT';
                EXCEPTION WHEN feature_not_supported OR syntax_error THEN NULL;
                END $$;
                """);

            migrationBuilder.DropIndex(
                name: "IX_SignIns_ResellerId",
                table: "SignIns");

            migrationBuilder.CreateIndex(
                name: "IX_SignIns_ResellerId",
                table: "SignIns",
                column: "ResellerId");

            migrationBuilder.AddForeignKey(
                name: "FK_SignIns_Clients_ClientId",
                table: "SignIns",
                column: "ClientId",
                principalTable: "Clients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
