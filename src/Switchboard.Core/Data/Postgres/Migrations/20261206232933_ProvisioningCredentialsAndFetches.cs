using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProvisioningCredentialsAndFetches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ProvisionedAt",
                table: "Users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProvisionedUserAgent",
                table: "Users",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ResellerProvisioning",
                columns: table => new
                {
                    ResellerId = table.Column<int>(type: "integer", nullable: false),
                    Password = table.Column<string>(type: "text", nullable: false),
                    PreviousPassword = table.Column<string>(type: "text", nullable: true),
                    PreviousValidUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResellerProvisioning", x => x.ResellerId);
                    table.ForeignKey(
                        name: "FK_ResellerProvisioning_Resellers_ResellerId",
                        column: x => x.ResellerId,
                        principalTable: "Resellers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResellerProvisioning");

            migrationBuilder.DropColumn(
                name: "ProvisionedAt",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "ProvisionedUserAgent",
                table: "Users");
        }
    }
}
