using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UserSignInKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Users_Clients_ClientId",
                table: "Users");

            migrationBuilder.DropForeignKey(
                name: "FK_Users_SignIns_Id",
                table: "Users");

            migrationBuilder.CreateIndex(
                name: "IX_SignIns_Id_ClientId",
                table: "SignIns",
                columns: new[] { "Id", "ClientId" },
                unique: true);

            // Not in the EF model (see SwitchboardDb, PbxUser): one key row by row instead of two.
            migrationBuilder.Sql(
                "ALTER TABLE \"Users\" ADD CONSTRAINT \"FK_Users_SignIns_Id_ClientId\" FOREIGN KEY (\"Id\", \"ClientId\") " +
                "REFERENCES \"SignIns\" (\"Id\", \"ClientId\") ON DELETE CASCADE;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"Users\" DROP CONSTRAINT \"FK_Users_SignIns_Id_ClientId\";");

            migrationBuilder.DropIndex(
                name: "IX_SignIns_Id_ClientId",
                table: "SignIns");

            migrationBuilder.AddForeignKey(
                name: "FK_Users_Clients_ClientId",
                table: "Users",
                column: "ClientId",
                principalTable: "Clients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Users_SignIns_Id",
                table: "Users",
                column: "Id",
                principalTable: "SignIns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
