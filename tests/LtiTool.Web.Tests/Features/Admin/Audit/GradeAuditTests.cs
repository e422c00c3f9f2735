using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Assignments;
using LtiTool.Web.Tests.Features.Assignments;
using LtiTool.Web.Tests.Features.Grades;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin.Audit;

/// <summary>
/// Grade changes, pushes, submission grades and releases, driven through the HTTP APIs, each leave exactly the
/// expected audit entry — actor (user, name, platform, roles), target, course, before and after — and a
/// refused request leaves none.
/// </summary>
public sealed class GradeAuditTests : IDisposable
{
    private readonly LtiToolApp _app = new(new Dictionary<string, string?> { ["Lti:Services:RetryBaseDelay"] = "00:00:00.001" });

    public void Dispose() => _app.Dispose();

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    private Task<List<AuditEntryEntity>> EntriesAsync(string action) =>
        QueryAsync(db => db.AuditLog.Where(e => e.Action == action).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync());

    private static JsonNode? Json(string? stored) => stored is null ? null : JsonNode.Parse(stored);

    private static async Task<Guid> UserIdAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement.GetProperty("user").GetProperty("id").GetGuid();

    private static void AssertActor(AuditEntryEntity entry, Guid userId, Guid contextId)
    {
        Assert.Equal(userId, entry.ActorUserId);
        Assert.Equal(DemoData.Instructor.Name, entry.ActorName);
        Assert.False(string.IsNullOrEmpty(entry.ActorPlatformId));
        Assert.Contains("Teacher", entry.ActorRoles!.Split(' '));
        Assert.False(entry.AdminRights);
        Assert.Equal(contextId, entry.ContextId);
        Assert.False(string.IsNullOrEmpty(entry.CorrelationId));
    }

    [Fact]
    public async Task SaveGrades_EachChangedCell_LeavesOneGradeChangeWithBeforeAndAfter()
    {
        var course = await GradebookFlowTests.TeacherWithRosterAsync(_app);
        var teacherId = await UserIdAsync(course.Teacher);
        var contextId = Guid.Parse(course.ContextId);
        var students = await GradebookFlowTests.StudentsAsync(course);
        var column = await GradebookFlowTests.AddColumnAsync(course, "Quiz 1", 20);
        var url = $"{course.Api}/line-items/{column}/grades";

        var first = await course.Teacher.PutAsJsonAsync(url, new
        {
            grades = new object[]
            {
                new { userId = students[0].Id, value = "18", comment = "Well argued" },
                new { userId = students[1].Id, value = "12.5", comment = (string?)null },
                new { userId = students[2].Id, value = "", comment = "" },  // nothing before, nothing after
            },
        });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var entries = await EntriesAsync("grade.change");
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => AssertActor(e, teacherId, contextId));
        var toFirst = Assert.Single(entries, e => e.Target == $"{column}/{students[0].Id}");
        Assert.Null(toFirst.BeforeJson);
        Assert.Equal(18m, Json(toFirst.AfterJson)!["score"]!.GetValue<decimal>());
        Assert.Equal("Well argued", Json(toFirst.AfterJson)!["comment"]!.GetValue<string>());

        var second = await course.Teacher.PutAsJsonAsync(url, new
        {
            grades = new object[]
            {
                new { userId = students[0].Id, value = "18", comment = "Well argued" },  // unchanged
                new { userId = students[1].Id, value = "14", comment = "Regraded" },
            },
        });
        Assert.Equal(1, (await GradebookFlowTests.JsonAsync(second)).GetProperty("saved").GetInt32());
        var change = Assert.Single((await EntriesAsync("grade.change")).Except(entries, new ById()));
        Assert.Equal($"{column}/{students[1].Id}", change.Target);
        AssertActor(change, teacherId, contextId);
        Assert.Equal(12.5m, Json(change.BeforeJson)!["score"]!.GetValue<decimal>());
        Assert.Null(Json(change.BeforeJson)!["comment"]);
        Assert.Equal(14m, Json(change.AfterJson)!["score"]!.GetValue<decimal>());
        Assert.Equal("Regraded", Json(change.AfterJson)!["comment"]!.GetValue<string>());

        // Refused as a whole: no grade and no entry.
        var refused = await course.Teacher.PutAsJsonAsync(url, new { grades = new[] { new { userId = students[0].Id, value = "lots", comment = "" } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(3, (await EntriesAsync("grade.change")).Count);
    }

    [Fact]
    public async Task PushGrades_QueuingScores_LeavesOneGradePush_AndAnEmptyPushNone()
    {
        var course = await GradebookFlowTests.TeacherWithRosterAsync(_app);
        var teacherId = await UserIdAsync(course.Teacher);
        var students = await GradebookFlowTests.StudentsAsync(course);
        var column = await GradebookFlowTests.AddColumnAsync(course, "Essay", 10);
        await course.Teacher.PutAsJsonAsync($"{course.Api}/line-items/{column}/grades", new
        {
            grades = new[] { new { userId = students[0].Id, value = "7", comment = "" }, new { userId = students[1].Id, value = "9", comment = "Good" } },
        });

        var push = await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        var again = await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        Assert.Equal(0, (await GradebookFlowTests.JsonAsync(again)).GetProperty("queued").GetInt32());

        var entry = Assert.Single(await EntriesAsync("grade.push"));
        AssertActor(entry, teacherId, Guid.Parse(course.ContextId));
        Assert.Equal(column.ToString(), entry.Target);
        Assert.Null(entry.BeforeJson);
        Assert.Equal(2, Json(entry.AfterJson)!["queued"]!.GetValue<int>());
        Assert.False(Json(entry.AfterJson)!["all"]!.GetValue<bool>());
        // The entry was stored with the queued scores.
        Assert.Equal(2, await QueryAsync(db => db.ScoreOutbox.CountAsync(s => s.LineItemId == column)));
    }

    [Fact]
    public async Task GradeSubmissionAndRelease_LeaveSubmissionGradeWithBeforeAfterAndOneRelease()
    {
        var teacher = await ActivitiesApiTests.SessionAsync(_app, LaunchKind.InstructorCourseNavigation);
        var contextId = Guid.Parse(teacher.ContextId);
        var activity = new ActivityEntity
        {
            Id = Guid.NewGuid(), ContextId = contextId, Title = "Poster", InstructionsHtml = "<p>Make a poster.</p>", PointsPossible = 10,
            SubmissionKind = SubmissionKinds.Text, Resubmission = ResubmissionPolicies.UntilGraded,
            RubricJson = ActivityDocuments.Write(new[] { new RubricCriterion("evidence", "Evidence", 6), new RubricCriterion("style", "Style", 4) }),
            CreatedAt = _app.Time.GetUtcNow().UtcDateTime, UpdatedAt = _app.Time.GetUtcNow().UtcDateTime,
        };
        await QueryAsync(db =>
        {
            db.Activities.Add(activity);
            return db.SaveChangesAsync();
        });
        var student = await ActivitiesApiTests.SessionAsync(_app, LaunchKind.StudentAssignment,
            b => b.Set(LtiClaimTypes.Custom, new JsonObject { ["activity_id"] = activity.Id.ToString() }));
        var submitted = await student.Client.PostAsJsonAsync($"/api/contexts/{contextId}/activities/{activity.Id}/submissions", new { text = "My poster" });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var submission = await QueryAsync(db => db.Submissions.SingleAsync());
        var grade = $"/api/contexts/{contextId}/submissions/{submission.Id}/grade";

        var refused = await teacher.Client.PutAsJsonAsync(grade, new { score = 11 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty(await EntriesAsync("submission.grade"));
        Assert.Equal(HttpStatusCode.OK, (await teacher.Client.PutAsJsonAsync(grade,
            new { rubric = new Dictionary<string, decimal> { ["evidence"] = 5, ["style"] = 3.5m }, comment = "Strong evidence." })).StatusCode);
        _app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await teacher.Client.PutAsJsonAsync(grade, new { score = 9, comment = "Regraded." })).StatusCode);

        var graded = await EntriesAsync("submission.grade");
        Assert.Equal(2, graded.Count);
        Assert.All(graded, e => AssertActor(e, teacher.UserId, contextId));
        Assert.All(graded, e => Assert.Equal($"{activity.Id}/{student.UserId}/1", e.Target));
        Assert.Null(graded[0].BeforeJson);
        Assert.Equal(8.5m, Json(graded[0].AfterJson)!["score"]!.GetValue<decimal>());
        Assert.Equal(3.5m, Json(graded[0].AfterJson)!["rubric"]!["style"]!.GetValue<decimal>());
        Assert.Equal("Strong evidence.", Json(graded[0].AfterJson)!["comment"]!.GetValue<string>());
        Assert.Equal(graded[0].AfterJson, graded[1].BeforeJson);
        Assert.Equal(9m, Json(graded[1].AfterJson)!["score"]!.GetValue<decimal>());
        Assert.Null(Json(graded[1].AfterJson)!["rubric"]);

        var release = await GradebookFlowTests.JsonAsync(await teacher.Client.PostAsync($"/api/contexts/{contextId}/activities/{activity.Id}/release", null));
        Assert.Equal(1, release.GetProperty("queued").GetInt32());
        await teacher.Client.PostAsync($"/api/contexts/{contextId}/activities/{activity.Id}/release", null);  // nothing left to release

        var released = Assert.Single(await EntriesAsync("grades.release"));
        AssertActor(released, teacher.UserId, contextId);
        Assert.Equal(activity.Id.ToString(), released.Target);
        Assert.Equal(1, Json(released.AfterJson)!["released"]!.GetValue<int>());
        Assert.Equal(1, Json(released.AfterJson)!["queued"]!.GetValue<int>());
    }

    private sealed class ById : IEqualityComparer<AuditEntryEntity>
    {
        public bool Equals(AuditEntryEntity? x, AuditEntryEntity? y) => x?.Id == y?.Id;

        public int GetHashCode(AuditEntryEntity obj) => obj.Id.GetHashCode();
    }
}
