using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtiTool.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contexts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeploymentId = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ContextKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Types = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contexts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "launch_states",
                columns: table => new
                {
                    State = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Nonce = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PlatformId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeploymentIdHint = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    TargetLinkUri = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    BindingHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StorageTarget = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CanvasRegion = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CanvasEnvironment = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsumedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_launch_states", x => x.State);
                });

            migrationBuilder.CreateTable(
                name: "platforms",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AuthorizationEndpoint = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    JwksUri = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    TokenEndpoint = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platforms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Picture = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deployments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlatformId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeploymentId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deployments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_deployments_platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: false),
                    InternalRoles = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enrolments_contexts_ContextId",
                        column: x => x.ContextId,
                        principalTable: "contexts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_enrolments_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "launch_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeploymentId = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    MessageType = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContextId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResourceLinkId = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ResourceLinkTitle = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: false),
                    InternalRoles = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    CustomJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    AgsLineItemsUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    AgsLineItemUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    AgsScopes = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    NrpsMembershipsUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    PresentationJson = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    DeepLinkingSettingsJson = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: true),
                    Placement = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    TargetLinkUri = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    StorageTarget = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CanvasRegion = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CanvasEnvironment = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Transport = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_launch_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_launch_records_contexts_ContextId",
                        column: x => x.ContextId,
                        principalTable: "contexts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_launch_records_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_contexts_PlatformId_ContextKey",
                table: "contexts",
                columns: new[] { "PlatformId", "ContextKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deployments_PlatformId_DeploymentId",
                table: "deployments",
                columns: new[] { "PlatformId", "DeploymentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrolments_ContextId_UserId",
                table: "enrolments",
                columns: new[] { "ContextId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrolments_UserId",
                table: "enrolments",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_launch_records_ContextId_CreatedAt",
                table: "launch_records",
                columns: new[] { "ContextId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_launch_records_UserId",
                table: "launch_records",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_launch_states_ExpiresAt",
                table: "launch_states",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_platforms_Issuer_ClientId",
                table: "platforms",
                columns: new[] { "Issuer", "ClientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_users_PlatformId_Subject",
                table: "users",
                columns: new[] { "PlatformId", "Subject" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deployments");

            migrationBuilder.DropTable(
                name: "enrolments");

            migrationBuilder.DropTable(
                name: "launch_records");

            migrationBuilder.DropTable(
                name: "launch_states");

            migrationBuilder.DropTable(
                name: "platforms");

            migrationBuilder.DropTable(
                name: "contexts");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
