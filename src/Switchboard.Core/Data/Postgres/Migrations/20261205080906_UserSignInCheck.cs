using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UserSignInCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The users' key to their sign-ins, enforced set-based (docs/decisions.md): PostgreSQL checks a
            // foreign key with one query and one row lock per inserted user (0.3-0.6 s per 100,000), and
            // its unique index cost every inserted sign-in another index entry.
            migrationBuilder.Sql("ALTER TABLE \"Users\" DROP CONSTRAINT \"FK_Users_SignIns_Id_ClientId\";");

            migrationBuilder.DropIndex(
                name: "IX_SignIns_Id_ClientId",
                table: "SignIns");

            migrationBuilder.Sql(UserSignInTriggers);
        }

        private const string UserSignInTriggers = """
            -- Inserted users: each names a sign-in of the same client. Sign-ins this transaction wrote (every
            -- user the product creates comes with its own) cannot be deleted by another before it ends; any
            -- other is locked first, as a foreign key would (FOR KEY SHARE), and then checked.
            CREATE FUNCTION "Users_SignIn_exists"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE missing record;
            BEGIN
                PERFORM FROM new_rows n WHERE NOT EXISTS (SELECT FROM "SignIns" s
                    WHERE s."Id" = n."Id" AND s."ClientId" = n."ClientId" AND s.xmin = pg_current_xact_id()::xid) LIMIT 1;
                IF NOT FOUND THEN RETURN NULL; END IF;
                PERFORM FROM "SignIns" s WHERE s."Id" IN (SELECT n."Id" FROM new_rows n) FOR KEY SHARE OF s;
                SELECT n."Id", n."ClientId" INTO missing FROM new_rows n
                WHERE NOT EXISTS (SELECT FROM "SignIns" s WHERE s."Id" = n."Id" AND s."ClientId" = n."ClientId") LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "Users" violates foreign key constraint "FK_Users_SignIns_Id_ClientId"'
                        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'FK_Users_SignIns_Id_ClientId', TABLE = 'Users',
                              DETAIL = format('Key ("Id", "ClientId")=(%s, %s) is not present in table "SignIns".', missing."Id", missing."ClientId");
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER "FK_Users_SignIns_Id_ClientId_insert" AFTER INSERT ON "Users"
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Users_SignIn_exists"();
            -- A user moved to another sign-in or client (the product never does it): the same check, for that row.
            CREATE FUNCTION "Users_SignIn_exists_row"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM FROM "SignIns" s WHERE s."Id" = NEW."Id" AND s."ClientId" = NEW."ClientId" FOR KEY SHARE OF s;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "Users" violates foreign key constraint "FK_Users_SignIns_Id_ClientId"'
                        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'FK_Users_SignIns_Id_ClientId', TABLE = 'Users',
                              DETAIL = format('Key ("Id", "ClientId")=(%s, %s) is not present in table "SignIns".', NEW."Id", NEW."ClientId");
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER "FK_Users_SignIns_Id_ClientId_update" AFTER UPDATE OF "Id", "ClientId" ON "Users" FOR EACH ROW
                WHEN (NEW."Id" IS DISTINCT FROM OLD."Id" OR NEW."ClientId" IS DISTINCT FROM OLD."ClientId")
                EXECUTE FUNCTION "Users_SignIn_exists_row"();

            -- Deleted sign-ins take their users with them (the key's ON DELETE CASCADE).
            CREATE FUNCTION "SignIns_delete_users"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM "Users" u USING old_rows o WHERE u."Id" = o."Id";
                RETURN NULL;
            END $$;
            CREATE TRIGGER "FK_Users_SignIns_Id_ClientId_delete" AFTER DELETE ON "SignIns"
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "SignIns_delete_users"();

            -- A sign-in's key changes only when no user names it (the key's ON UPDATE NO ACTION).
            CREATE FUNCTION "SignIns_keep_users"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT FROM "Users" u WHERE u."Id" = OLD."Id" AND u."ClientId" = OLD."ClientId") THEN
                    RAISE EXCEPTION 'update or delete on table "SignIns" violates foreign key constraint "FK_Users_SignIns_Id_ClientId" on table "Users"'
                        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'FK_Users_SignIns_Id_ClientId', TABLE = 'Users',
                              DETAIL = format('Key ("Id", "ClientId")=(%s, %s) is still referenced from table "Users".', OLD."Id", OLD."ClientId");
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER "FK_Users_SignIns_Id_ClientId_key" BEFORE UPDATE OF "Id", "ClientId" ON "SignIns" FOR EACH ROW
                WHEN (NEW."Id" IS DISTINCT FROM OLD."Id" OR NEW."ClientId" IS DISTINCT FROM OLD."ClientId")
                EXECUTE FUNCTION "SignIns_keep_users"();
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "FK_Users_SignIns_Id_ClientId_insert" ON "Users";
                DROP TRIGGER "FK_Users_SignIns_Id_ClientId_update" ON "Users";
                DROP TRIGGER "FK_Users_SignIns_Id_ClientId_delete" ON "SignIns";
                DROP TRIGGER "FK_Users_SignIns_Id_ClientId_key" ON "SignIns";
                DROP FUNCTION "Users_SignIn_exists"();
                DROP FUNCTION "Users_SignIn_exists_row"();
                DROP FUNCTION "SignIns_delete_users"();
                DROP FUNCTION "SignIns_keep_users"();
                """);

            migrationBuilder.CreateIndex(
                name: "IX_SignIns_Id_ClientId",
                table: "SignIns",
                columns: new[] { "Id", "ClientId" },
                unique: true);

            migrationBuilder.Sql(
                "ALTER TABLE \"Users\" ADD CONSTRAINT \"FK_Users_SignIns_Id_ClientId\" FOREIGN KEY (\"Id\", \"ClientId\") " +
                "REFERENCES \"SignIns\" (\"Id\", \"ClientId\") ON DELETE CASCADE;");
        }
    }
}
