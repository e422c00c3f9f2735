using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtiTool.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RosterSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "enrolments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Active");

            migrationBuilder.AddColumn<string>(
                name: "RosterSyncError",
                table: "contexts",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RosterSyncedAt",
                table: "contexts",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Status",
                table: "enrolments");

            migrationBuilder.DropColumn(
                name: "RosterSyncError",
                table: "contexts");

            migrationBuilder.DropColumn(
                name: "RosterSyncedAt",
                table: "contexts");
        }
    }
}
