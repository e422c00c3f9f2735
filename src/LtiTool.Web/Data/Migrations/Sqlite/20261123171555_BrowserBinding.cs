using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtiTool.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BrowserBinding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlatformStorage",
                table: "platforms",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "WhenOffered");

            migrationBuilder.AddColumn<string>(
                name: "UnboundLaunchPolicy",
                table: "platforms",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Refuse");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlatformStorage",
                table: "platforms");

            migrationBuilder.DropColumn(
                name: "UnboundLaunchPolicy",
                table: "platforms");
        }
    }
}
