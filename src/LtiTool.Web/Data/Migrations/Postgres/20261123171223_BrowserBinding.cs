using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtiTool.Web.Data.Migrations.Postgres
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
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "WhenOffered");

            migrationBuilder.AddColumn<string>(
                name: "UnboundLaunchPolicy",
                table: "platforms",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Refuse");

            migrationBuilder.AddColumn<string>(
                name: "LoginHint",
                table: "launch_states",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LtiMessageHint",
                table: "launch_states",
                type: "character varying(8192)",
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
