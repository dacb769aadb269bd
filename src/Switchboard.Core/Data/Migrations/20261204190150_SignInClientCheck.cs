using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignInClientCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SignIns_ResellerId",
                table: "SignIns");

            migrationBuilder.CreateIndex(
                name: "IX_SignIns_ResellerId",
                table: "SignIns",
                column: "ResellerId",
                filter: "ResellerId IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SignIns_ResellerId",
                table: "SignIns");

            migrationBuilder.CreateIndex(
                name: "IX_SignIns_ResellerId",
                table: "SignIns",
                column: "ResellerId");
        }
    }
}
