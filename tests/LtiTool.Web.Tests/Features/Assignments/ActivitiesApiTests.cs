using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Assignments;

/// <summary>An instructor's activities through HTTP: each kind created, read, changed and deleted; every refusal writes nothing.</summary>
public sealed class ActivitiesApiTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    internal sealed record CourseSession(HttpClient Client, string ContextId, Guid UserId, Guid LaunchId)
    {
        public string Api => $"/api/contexts/{ContextId}/activities";
    }

    internal static async Task<CourseSession> SessionAsync(LtiToolApp app, LaunchKind kind, Action<LaunchTokenBuilder>? customize = null)
    {
        var outcome = await app.LaunchAsync(kind, customize);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var session = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement;
        return new CourseSession(client, session.GetProperty("context").GetProperty("id").GetString()!,
            Guid.Parse(session.GetProperty("user").GetProperty("id").GetString()!), Guid.Parse(session.GetProperty("launchId").GetString()!));
    }

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    internal static JsonObject Text() => new()
    {
        ["title"] = "Essay 1", ["instructionsHtml"] = "<p>Write <strong>500 words</strong>.</p><script>alert(1)</script>", ["pointsPossible"] = 10,
        ["dueAt"] = "2026-12-01T17:00:00+01:00", ["submissionKind"] = "Text", ["resubmission"] = "UntilGraded", ["allowLate"] = false,
        ["rubric"] = new JsonArray(new JsonObject { ["description"] = "Argument", ["points"] = 6 }, new JsonObject { ["id"] = "style", ["description"] = "Style", ["points"] = 4 }),
    };

    internal static JsonObject Url() => new() { ["title"] = "Portfolio link", ["pointsPossible"] = 5, ["submissionKind"] = "Url" };

    internal static JsonObject Quiz() => new()
    {
        ["title"] = "Check-in quiz", ["pointsPossible"] = 5, ["submissionKind"] = "Quiz", ["resubmission"] = "Never",
        ["quiz"] = new JsonArray(
            new JsonObject { ["text"] = "2 + 2?", ["options"] = new JsonArray("3", "4", "5"), ["correct"] = 1, ["points"] = 2 },
            new JsonObject { ["id"] = "q2", ["text"] = "Capital of France?", ["options"] = new JsonArray("Paris", "Lyon"), ["correct"] = 0, ["points"] = 3 }),
    };

    internal static JsonObject Body(string kind) => kind switch { "Text" => Text(), "Url" => Url(), _ => Quiz() };

    internal static async Task<JsonElement> CreateAsync(CourseSession session, JsonObject body)
    {
        var response = await session.Client.PostAsJsonAsync(session.Api, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    [Theory]
    [InlineData("Text")]
    [InlineData("Url")]
    [InlineData("Quiz")]
    public async Task Activity_EachKind_IsCreatedReadChangedAndDeleted(string kind)
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);

        var response = await teacher.Client.PostAsJsonAsync(teacher.Api, Body(kind));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await JsonAsync(response);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"{teacher.Api}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(kind, created.GetProperty("submissionKind").GetString());
        Assert.Equal(created.GetRawText(), (await JsonAsync(await teacher.Client.GetAsync($"{teacher.Api}/{id}"))).GetRawText());
        var list = await JsonAsync(await teacher.Client.GetAsync(teacher.Api));
        Assert.Equal(id, list.GetProperty("activities").EnumerateArray().Single().GetProperty("id").GetGuid());

        var change = Body(kind);
        change["title"] = "Renamed";
        change["pointsPossible"] = kind == "Quiz" ? 5 : 20;
        change.Remove("rubric");
        var updated = await teacher.Client.PutAsJsonAsync($"{teacher.Api}/{id}", change);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var read = await JsonAsync(await teacher.Client.GetAsync($"{teacher.Api}/{id}"));
        Assert.Equal("Renamed", read.GetProperty("title").GetString());
        Assert.Equal(kind == "Quiz" ? 5m : 20m, read.GetProperty("pointsPossible").GetDecimal());
        Assert.Empty(read.GetProperty("rubric").EnumerateArray());
        Assert.Equal(created.GetProperty("createdAt").GetString(), read.GetProperty("createdAt").GetString());

        var deleted = await teacher.Client.DeleteAsync($"{teacher.Api}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var gone = await teacher.Client.GetAsync($"{teacher.Api}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("activity_not_found", (await JsonAsync(gone)).GetProperty("code").GetString());
        Assert.Equal(0, await QueryAsync(db => db.Activities.CountAsync()));
    }

    [Fact]
    public async Task Create_TextWithRubric_StoresCleanInstructionsUtcDueAndMadeIds()
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);

        var created = await CreateAsync(teacher, Text());

        Assert.Equal("<p>Write <strong>500 words</strong>.</p>", created.GetProperty("instructionsHtml").GetString());
        Assert.Equal("2026-12-01T16:00:00Z", created.GetProperty("dueAt").GetString());
        Assert.Equal("UntilGraded", created.GetProperty("resubmission").GetString());
        Assert.False(created.GetProperty("allowLate").GetBoolean());
        Assert.Equal(0, created.GetProperty("submissions").GetInt32());
        var rubric = created.GetProperty("rubric").EnumerateArray().ToArray();
        Assert.Matches("^[0-9a-f]{32}$", rubric[0].GetProperty("id").GetString());
        Assert.Equal("style", rubric[1].GetProperty("id").GetString());
        Assert.Equal(6m, rubric[0].GetProperty("points").GetDecimal());
        var row = await QueryAsync(db => db.Activities.SingleAsync());
        Assert.Equal(teacher.UserId, row.CreatedBy);
        Assert.Equal(_app.Time.GetUtcNow().UtcDateTime, row.CreatedAt);
        Assert.Equal(Guid.Parse(teacher.ContextId), row.ContextId);
        Assert.Equal(7, row.Id.Version);
        Assert.Null(row.QuizJson);
    }

    [Fact]
    public async Task Create_Quiz_KeepsQuestionsAndAnswersForTheInstructor()
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);

        var created = await CreateAsync(teacher, Quiz());

        var questions = created.GetProperty("quiz").EnumerateArray().ToArray();
        Assert.Equal(2, questions.Length);
        Assert.Equal(new[] { "3", "4", "5" }, questions[0].GetProperty("options").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Equal(1, questions[0].GetProperty("correct").GetInt32());
        Assert.Equal("q2", questions[1].GetProperty("id").GetString());
        Assert.Equal("UntilDue", (await CreateAsync(teacher, Url())).GetProperty("resubmission").GetString()); // the default
    }

    public static TheoryData<string, string> Invalid => new()
    {
        // expected field, the body's changes (null removes a field)
        { "title", """{"title": "  "}""" },
        { "title", $$"""{"title": "{{new string('x', 256)}}"}""" },
        { "instructionsHtml", $$"""{"instructionsHtml": "<p>{{new string('x', 65_530)}}</p>"}""" },
        { "pointsPossible", """{"pointsPossible": null}""" },
        { "pointsPossible", """{"pointsPossible": 0}""" },
        { "pointsPossible", """{"pointsPossible": -5}""" },
        { "pointsPossible", """{"pointsPossible": 100001}""" },
        { "pointsPossible", """{"pointsPossible": 1.00001}""" },
        { "dueAt", """{"dueAt": "next Friday"}""" },
        { "dueAt", """{"dueAt": "2026-12-01T17:00"}""" },
        { "dueAt", """{"dueAt": "2026-13-01T17:00:00Z"}""" },
        { "dueAt", """{"dueAt": "0001-01-01T00:00:00+01:00"}""" },
        { "dueAt", """{"dueAt": "9999-12-31T23:59:59-01:00"}""" },
        { "submissionKind", """{"submissionKind": null}""" },
        { "submissionKind", """{"submissionKind": "Essay"}""" },
        { "resubmission", """{"resubmission": "Sometimes"}""" },
        { "rubric", """{"rubric": [{"description": "All", "points": 9}]}""" },
        { "rubric[0].points", """{"rubric": [{"description": "All", "points": -1}, {"description": "More", "points": 11}]}""" },
        { "rubric[0].description", """{"rubric": [{"description": " ", "points": 10}]}""" },
        { "rubric[1].id", """{"rubric": [{"id": "a", "description": "A", "points": 5}, {"id": "a", "description": "B", "points": 5}]}""" },
        { "rubric[0].id", """{"rubric": [{"id": "not an id", "description": "A", "points": 10}]}""" },
        { "rubric[0]", """{"rubric": [null]}""" },
        { "quiz", """{"quiz": [{"text": "Q", "options": ["a", "b"], "correct": 0, "points": 10}]}""" },
        { "quiz", """{"submissionKind": "Quiz", "quiz": null}""" },
        { "quiz", """{"submissionKind": "Quiz", "quiz": []}""" },
        { "quiz", """{"submissionKind": "Quiz", "quiz": [{"text": "Q", "options": ["a", "b"], "correct": 0, "points": 4}], "rubric": null}""" },
        { "quiz[0].options", """{"submissionKind": "Quiz", "rubric": null, "quiz": [{"text": "Q", "options": ["a"], "correct": 0, "points": 10}]}""" },
        { "quiz[0].options", """{"submissionKind": "Quiz", "rubric": null, "quiz": [{"text": "Q", "options": ["1","2","3","4","5","6","7","8","9","10","11"], "correct": 0, "points": 10}]}""" },
        { "quiz[0].options", """{"submissionKind": "Quiz", "rubric": null, "quiz": [{"text": "Q", "options": ["a", " "], "correct": 0, "points": 10}]}""" },
        { "quiz[0].options", """{"submissionKind": "Quiz", "rubric": null, "quiz": [{"text": "Q", "options": ["a", "a"], "correct": 0, "points": 10}]}""" },
        { "quiz[0].correct", """{"submissionKind": "Quiz", "rubric": null, "quiz": [{"text": "Q", "options": ["a", "b"], "correct": 2, "points": 10}]}""" },
        { "quiz[0].correct", """{"submissionKind": "Quiz", "rubric": null, "quiz": [{"text": "Q", "options": ["a", "b"], "points": 10}]}""" },
        { "quiz[0].text", """{"submissionKind": "Quiz", "rubric": null, "quiz": [{"text": "", "options": ["a", "b"], "correct": 0, "points": 10}]}""" },
        { "quiz[0].points", """{"submissionKind": "Quiz", "rubric": null, "quiz": [{"text": "Q", "options": ["a", "b"], "correct": 0}]}""" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Create_InvalidField_IsA400NamingTheFieldAndNothingIsWritten(string field, string changes)
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);
        var body = Text();
        foreach (var (name, value) in JsonNode.Parse(changes)!.AsObject()) body[name] = value?.DeepClone();

        var response = await teacher.Client.PostAsync(teacher.Api, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal("activity_invalid", problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
        var errors = problem.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Contains(errors, e => e.GetProperty("field").GetString() == field);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        Assert.Equal(0, await QueryAsync(db => db.Activities.CountAsync()));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{\"title\": \"T\", \"pointsPossible\": \"ten\", \"submissionKind\": \"Text\"}")]
    [InlineData("{\"title\": \"T\", \"pointsPossible\": 10, \"submissionKind\": \"Text\", \"rubric\": \"all of it\"}")]
    public async Task Create_MalformedBody_IsA400ProblemNotAServerError(string body)
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);

        var response = await teacher.Client.PostAsync(teacher.Api, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await JsonAsync(response)).TryGetProperty("correlationId", out _));
        Assert.Equal(0, await QueryAsync(db => db.Activities.CountAsync()));
    }

    [Fact]
    public async Task Create_SeveralInvalidFields_NamesEachOne()
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);

        var response = await teacher.Client.PostAsJsonAsync(teacher.Api, new { title = "", pointsPossible = 0, submissionKind = "Essay", dueAt = "soon" });

        var fields = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToArray();
        Assert.Equal(new[] { "title", "pointsPossible", "dueAt", "submissionKind" }, fields);
    }

    [Fact]
    public async Task Update_Invalid_LeavesTheActivityAsItWas()
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);
        var created = await CreateAsync(teacher, Text());
        var id = created.GetProperty("id").GetGuid();
        var change = Text();
        change["title"] = "Changed";
        change["pointsPossible"] = 12; // the rubric still adds up to 10

        var response = await teacher.Client.PutAsJsonAsync($"{teacher.Api}/{id}", change);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("rubric", (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(created.GetRawText(), (await JsonAsync(await teacher.Client.GetAsync($"{teacher.Api}/{id}"))).GetRawText());
    }

    [Fact]
    public async Task Update_UnknownActivity_Is404()
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);

        var response = await teacher.Client.PutAsJsonAsync($"{teacher.Api}/{Guid.NewGuid()}", Url());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("activity_not_found", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, await QueryAsync(db => db.Activities.CountAsync()));
    }

    [Fact]
    public async Task Student_ReadsActivitiesWithoutAnswersOrCounts()
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);
        var id = (await CreateAsync(teacher, Quiz())).GetProperty("id").GetGuid();
        var student = await SessionAsync(_app, LaunchKind.StudentAssignment);
        Assert.Equal(teacher.ContextId, student.ContextId);

        var list = await student.Client.GetAsync(student.Api);
        var one = await student.Client.GetAsync($"{student.Api}/{id}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        foreach (var activity in new[] { (await JsonAsync(list)).GetProperty("activities")[0], await JsonAsync(one) })
        {
            Assert.False(activity.TryGetProperty("submissions", out _));
            var questions = activity.GetProperty("quiz").EnumerateArray().ToArray();
            Assert.Equal(2, questions.Length);
            Assert.All(questions, q => Assert.False(q.TryGetProperty("correct", out _)));
            Assert.All(questions, q => Assert.True(q.TryGetProperty("options", out _)));
        }
        Assert.DoesNotContain("correct", await one.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    internal static async Task AddSubmissionAsync(LtiToolApp app, CourseSession student, Guid activityId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        var now = app.Time.GetUtcNow();
        db.Submissions.Add(new SubmissionEntity
        {
            Id = Guid.CreateVersion7(now), ActivityId = activityId, ContextId = Guid.Parse(student.ContextId), UserId = student.UserId,
            LaunchId = student.LaunchId, Attempt = 1, TextAnswer = "My essay", SubmittedAt = now.UtcDateTime,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Delete_ActivityWithASubmission_IsRefusedAndKept()
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);
        var id = (await CreateAsync(teacher, Text())).GetProperty("id").GetGuid();
        var student = await SessionAsync(_app, LaunchKind.StudentAssignment);
        await AddSubmissionAsync(_app, student, id);

        var response = await teacher.Client.DeleteAsync($"{teacher.Api}/{id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("activity_has_submissions", problem.GetProperty("code").GetString());
        Assert.True(problem.TryGetProperty("correlationId", out _));
        Assert.Equal(1, await QueryAsync(db => db.Activities.CountAsync(a => a.Id == id)));
        Assert.Equal(1, (await JsonAsync(await teacher.Client.GetAsync($"{teacher.Api}/{id}"))).GetProperty("submissions").GetInt32());
    }

    [Fact]
    public async Task Update_ActivityWithASubmission_KeepsItsKind()
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);
        var id = (await CreateAsync(teacher, Text())).GetProperty("id").GetGuid();
        await AddSubmissionAsync(_app, await SessionAsync(_app, LaunchKind.StudentAssignment), id);
        var sameKind = Text();
        sameKind["title"] = "Essay 1 (revised)";

        var toUrl = await teacher.Client.PutAsJsonAsync($"{teacher.Api}/{id}", Url());
        var revised = await teacher.Client.PutAsJsonAsync($"{teacher.Api}/{id}", sameKind);

        Assert.Equal(HttpStatusCode.Conflict, toUrl.StatusCode);
        Assert.Equal("activity_has_submissions", (await JsonAsync(toUrl)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal("Text", await QueryAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.SubmissionKind).SingleAsync()));
    }

    [Fact]
    public async Task Write_ToAnotherCourse_IsRefusedAndNothingIsWritten()
    {
        var teacher = await SessionAsync(_app, LaunchKind.InstructorCourseNavigation);

        var response = await teacher.Client.PostAsJsonAsync($"/api/contexts/{Guid.NewGuid()}/activities", Url());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("cross_context", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, await QueryAsync(db => db.Activities.CountAsync()));
    }

    [Fact]
    public async Task Write_WithTheSessionCookieOnly_IsRefused()
    {
        var driver = _app.Driver();
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: driver);
        var contextId = (await JsonAsync(await driver.Client.GetAsync("/api/session"))).GetProperty("context").GetProperty("id").GetString();

        var read = await driver.Client.GetAsync($"/api/contexts/{contextId}/activities");
        var write = await driver.Client.PostAsJsonAsync($"/api/contexts/{contextId}/activities", Url());

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(0, await QueryAsync(db => db.Activities.CountAsync()));
    }
}
