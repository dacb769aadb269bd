using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImportFileGzip : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Gzipped",
                table: "ImportFiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Gzipped",
                table: "ImportFiles");
        }
    }
}
