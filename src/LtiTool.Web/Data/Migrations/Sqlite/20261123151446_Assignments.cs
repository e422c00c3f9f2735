using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtiTool.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Assignments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    InstructionsHtml = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    PointsPossible = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmissionKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Resubmission = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AllowLate = table.Column<bool>(type: "INTEGER", nullable: false),
                    RubricJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    QuizJson = table.Column<string>(type: "TEXT", maxLength: 262144, nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_activities_contexts_ContextId",
                        column: x => x.ContextId,
                        principalTable: "contexts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "submissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LaunchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    TextAnswer = table.Column<string>(type: "TEXT", maxLength: 262144, nullable: true),
                    UrlAnswer = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    QuizAnswersJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Late = table.Column<bool>(type: "INTEGER", nullable: false),
                    TestUser = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    RubricScoresJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    GradedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    GradedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReleasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LineItemId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_submissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_submissions_activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_submissions_launch_records_LaunchId",
                        column: x => x.LaunchId,
                        principalTable: "launch_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_submissions_line_items_LineItemId",
                        column: x => x.LineItemId,
                        principalTable: "line_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_submissions_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_activities_ContextId_CreatedAt",
                table: "activities",
                columns: new[] { "ContextId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_submissions_ActivityId_UserId_Attempt",
                table: "submissions",
                columns: new[] { "ActivityId", "UserId", "Attempt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_submissions_LaunchId",
                table: "submissions",
                column: "LaunchId");

            migrationBuilder.CreateIndex(
                name: "IX_submissions_LineItemId",
                table: "submissions",
                column: "LineItemId");

            migrationBuilder.CreateIndex(
                name: "IX_submissions_UserId",
                table: "submissions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "submissions");

            migrationBuilder.DropTable(
                name: "activities");
        }
    }
}
