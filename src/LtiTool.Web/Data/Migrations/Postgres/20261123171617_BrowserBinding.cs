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
