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

            migrationBuilder.AddColumn<string>(
                name: "LoginHint",
                table: "launch_states",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LtiMessageHint",
                table: "launch_states",
                type: "TEXT",
                maxLength: 8192,
                nullable: true);
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

            migrationBuilder.DropColumn(
                name: "LoginHint",
                table: "launch_states");

            migrationBuilder.DropColumn(
                name: "LtiMessageHint",
                table: "launch_states");
        }
    }
}
