using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LtiTool.DemoPlatform;
using LtiTool.Web.Tests.Features.Grades;
using static LtiTool.Web.Tests.Features.Admin.Audit.AuditSeed;

namespace LtiTool.Web.Tests.Features.Admin.Audit;

/// <summary>The audit log's filters, grouping and export on PostgreSQL: the same SQL as on SQLite.</summary>
public sealed class PostgresAuditTests
{
    [PostgresFact]
    public async Task AuditQueries_OnPostgres_FilterGroupAndExportAlike()
    {
        using var database = new PostgresDatabase();
        using var app = new LtiToolApp(database.Settings);
        var user = Guid.NewGuid();
        await AddAsync(app,
            Entry(Day(10, 10), "grade.change", "Ada Instructor", user, "Col1/Stu1", roles: "Teacher"),
            Entry(Day(12, 9), "grade.push", "Ada Instructor", user, "col1"),
            Entry(Day(15, 8), "platform.add", "Root Admin", Guid.NewGuid(), "p_x", adminRights: true),
            Entry(Day(16, 8), "platform.add", "Root Admin 2", null, "p_y", adminRights: true, platformId: null, roles: null));
        var admin = await ToolWideAdminAsync(app);

        async Task<string> TargetsAsync(string query) => string.Join(' ', JsonDocument.Parse(await admin.GetStringAsync("/api/admin/audit?" + query)).RootElement
            .GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("target").GetString()));

        Assert.Equal("col1 Col1/Stu1", await TargetsAsync("action=GRADE."));
        Assert.Equal("", await TargetsAsync("action=grade_"));
        Assert.Equal("col1 Col1/Stu1", await TargetsAsync("actor=ADA"));
        Assert.Equal("col1 Col1/Stu1", await TargetsAsync($"actor={user}"));
        Assert.Equal("Col1/Stu1", await TargetsAsync("target=stu"));
        Assert.Equal("p_x col1", await TargetsAsync("from=2026-11-12T09:00&to=2026-11-15"));
        Assert.Equal("p_y p_x", await TargetsAsync("adminOnly=true"));

        var review = ParseCsv(Encoding.UTF8.GetString((await admin.GetByteArrayAsync("/api/admin/audit/access-review.csv?from=2026-11-01"))[3..]));
        Assert.Equal(["Root Admin", "Root Admin 2"], review.Skip(1).Select(r => r[1]));
        var export = ParseCsv(Encoding.UTF8.GetString((await admin.GetByteArrayAsync("/api/admin/audit.csv"))[3..]));
        Assert.Equal(5, export.Count);
    }

    [PostgresFact]
    public async Task GradeChange_OnPostgres_IsSavedWithTheGrades_EvenForAnActorWithAVeryLongName()
    {
        using var database = new PostgresDatabase();
        using var app = new LtiToolApp(database.Settings);
        var roster = await GradebookFlowTests.TeacherWithRosterAsync(app);
        // Launched again after the roster sync, so the long name from the launch is the one the tool holds.
        var longName = new string('A', 300);
        var outcome = await app.LaunchAsync(LaunchKind.InstructorCourseNavigation, b => b.Set("name", longName));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var course = roster with { Teacher = client };
        var students = await GradebookFlowTests.StudentsAsync(course);
        var column = await GradebookFlowTests.AddColumnAsync(course, "Quiz 1", 20);

        var saved = await course.Teacher.PutAsJsonAsync($"{course.Api}/line-items/{column}/grades",
            new { grades = new[] { new { userId = students[0].Id, value = "18", comment = "Good" } } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var admin = await ToolWideAdminAsync(app);
        var entry = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/audit?action=grade.change")).RootElement.GetProperty("entries").EnumerateArray().Single();
        Assert.Equal($"{column}/{students[0].Id}", entry.GetProperty("target").GetString());
        Assert.Equal(18m, entry.GetProperty("after").GetProperty("score").GetDecimal());
        Assert.Equal(longName[..255], entry.GetProperty("actor").GetProperty("name").GetString());
    }
}
