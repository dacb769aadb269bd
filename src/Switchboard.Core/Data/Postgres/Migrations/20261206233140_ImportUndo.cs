using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImportUndo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ImportJobs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "import");

            migrationBuilder.AddColumn<int>(
                name: "Reverted",
                table: "ImportJobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Undoes",
                table: "ImportJobs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UndoneBy",
                table: "ImportJobs",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportBeforeImages",
                columns: table => new
                {
                    ImportJobId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: false),
                    Created = table.Column<bool>(type: "boolean", nullable: false),
                    Email = table.Column<string>(type: "text", nullable: true),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    CallWaitingOn = table.Column<bool>(type: "boolean", nullable: true),
                    Department = table.Column<string>(type: "text", nullable: true),
                    DndOn = table.Column<bool>(type: "boolean", nullable: true),
                    Extension = table.Column<string>(type: "text", nullable: true),
                    FirstName = table.Column<string>(type: "text", nullable: true),
                    FollowmeNumber = table.Column<string>(type: "text", nullable: true),
                    ForwardNumber = table.Column<string>(type: "text", nullable: true),
                    Language = table.Column<string>(type: "text", nullable: true),
                    LastName = table.Column<string>(type: "text", nullable: true),
                    MacAddress = table.Column<string>(type: "text", nullable: true),
                    PhoneModelId = table.Column<int>(type: "integer", nullable: true),
                    PhoneSecret = table.Column<string>(type: "text", nullable: true),
                    ProvisioningTemplateId = table.Column<int>(type: "integer", nullable: true),
                    UserProfileId = table.Column<int>(type: "integer", nullable: true),
                    VoicemailPin = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBeforeImages", x => new { x.ImportJobId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ImportBeforeImages_ImportJobs_ImportJobId",
                        column: x => x.ImportJobId,
                        principalTable: "ImportJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportJobs_Undoes",
                table: "ImportJobs",
                column: "Undoes",
                filter: "\"Undoes\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportBeforeImages");

            migrationBuilder.DropIndex(
                name: "IX_ImportJobs_Undoes",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "Reverted",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "Undoes",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "UndoneBy",
                table: "ImportJobs");
        }
    }
}
