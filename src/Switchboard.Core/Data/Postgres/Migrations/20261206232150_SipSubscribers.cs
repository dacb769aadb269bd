using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SipSubscribers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SipHa1",
                table: "Users",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SipHa1b",
                table: "Users",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            // What Kamailio's auth_db reads (deploy/kamailio/kamailio.cfg): one row per user, realm = the
            // client's SIP domain. The HA1s are filled by Switchboard at start-up for users stored before.
            migrationBuilder.Sql("""
                CREATE VIEW sip_subscribers AS
                SELECT u."Extension" AS username, c."SipDomain" AS domain, u."SipHa1" AS ha1, u."SipHa1b" AS ha1b
                FROM "Users" u JOIN "Clients" c ON c."Id" = u."ClientId"
                WHERE u."SipHa1" IS NOT NULL AND u."SipHa1b" IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW sip_subscribers");

            migrationBuilder.DropColumn(
                name: "SipHa1",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "SipHa1b",
                table: "Users");
        }
    }
}
