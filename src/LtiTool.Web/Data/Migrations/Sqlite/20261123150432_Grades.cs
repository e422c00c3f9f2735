using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtiTool.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Grades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "line_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeploymentId = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ResourceLinkId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ResourceId = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ScoreMaximum = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    StartDateTime = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    EndDateTime = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GoneAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_line_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_line_items_contexts_ContextId",
                        column: x => x.ContextId,
                        principalTable: "contexts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "grades",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScoreGiven = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    GradedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    QueuedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_grades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_grades_line_items_LineItemId",
                        column: x => x.LineItemId,
                        principalTable: "line_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_grades_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "score_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserSubject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LineItemUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ScoreGiven = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    ScoreMaximum = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    ActivityProgress = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GradingProgress = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Timestamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CanvasSubmissionJson = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseOwner = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    ResultUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    QueuedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_outbox", x => x.Id);
                    table.ForeignKey(
                        name: "FK_score_outbox_line_items_LineItemId",
                        column: x => x.LineItemId,
                        principalTable: "line_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_score_outbox_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_grades_LineItemId_UserId",
                table: "grades",
                columns: new[] { "LineItemId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_grades_UserId",
                table: "grades",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_line_items_ContextId_ResourceLinkId_Tag",
                table: "line_items",
                columns: new[] { "ContextId", "ResourceLinkId", "Tag" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_line_items_ContextId_Url",
                table: "line_items",
                columns: new[] { "ContextId", "Url" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_score_outbox_ContextId_CreatedAt",
                table: "score_outbox",
                columns: new[] { "ContextId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_score_outbox_LineItemId_UserId_Timestamp",
                table: "score_outbox",
                columns: new[] { "LineItemId", "UserId", "Timestamp" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_score_outbox_State_NextAttemptAt",
                table: "score_outbox",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_score_outbox_UserId",
                table: "score_outbox",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "grades");

            migrationBuilder.DropTable(
                name: "score_outbox");

            migrationBuilder.DropTable(
                name: "line_items");
        }
    }
}
