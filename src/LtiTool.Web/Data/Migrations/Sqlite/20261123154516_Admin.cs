using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtiTool.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Admin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeploymentPolicy",
                table: "platforms",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Strict");

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "deployments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "deployments",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "deployments",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Approved");

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ContextId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ActorPlatformId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActorRoles = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    AdminRights = table.Column<bool>(type: "INTEGER", nullable: false),
                    BeforeJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    AfterJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tool_keys",
                columns: table => new
                {
                    Kid = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActivatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemoveAfter = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tool_keys", x => x.Kid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Action_At",
                table: "audit_log",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_ActorUserId_At",
                table: "audit_log",
                columns: new[] { "ActorUserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_At",
                table: "audit_log",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_tool_keys_State",
                table: "tool_keys",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "tool_keys");

            migrationBuilder.DropColumn(
                name: "DeploymentPolicy",
                table: "platforms");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "deployments");
        }
    }
}
