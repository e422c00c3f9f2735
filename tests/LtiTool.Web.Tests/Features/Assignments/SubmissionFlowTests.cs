using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Services.Ags;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Assignments;
using LtiTool.Web.Features.Grades;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Assignments;

/// <summary>
/// The student side of an assignment and its review, through HTTP against the demo LMS: the launch shows the
/// activity, a submission is stored and sent (PendingManual, or FullyGraded for a quiz) with Canvas's
/// submission extension, the instructor grades and releases, and the rules (resubmission, late work,
/// Student View, ungraded placements, other students' work, activities of other courses) hold.
/// </summary>
public sealed class SubmissionFlowTests : IDisposable
{
    private readonly LtiToolApp _app = new(new Dictionary<string, string?> { ["Lti:Services:RetryBaseDelay"] = "00:00:00.001", ["Permissions:Preset"] = "university" });

    public void Dispose() => _app.Dispose();

    private DemoGradebook Gradebook => _app.Services.GetRequiredService<DemoGradebook>();

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    private HttpClient Bearer(string token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<(HttpClient Teacher, Guid ContextId)> TeacherAsync()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var client = Bearer(outcome.SessionToken!);
        var session = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement;
        return (client, session.GetProperty("context").GetProperty("id").GetGuid());
    }

    private async Task<Guid> ActivityAsync(Guid contextId, string kind, Action<ActivityEntity>? configure = null)
    {
        var activity = new ActivityEntity
        {
            Id = Guid.NewGuid(), ContextId = contextId, Title = "Essay on tides", InstructionsHtml = "<p>Explain the <strong>tides</strong>.</p>",
            PointsPossible = 10, SubmissionKind = kind, Resubmission = ResubmissionPolicies.UntilGraded,
            CreatedAt = _app.Time.GetUtcNow().UtcDateTime, UpdatedAt = _app.Time.GetUtcNow().UtcDateTime,
        };
        if (kind == SubmissionKinds.Quiz)
        {
            activity.QuizJson = ActivityDocuments.Write(new[]
            {
                new QuizQuestion("q1", "2 + 2?", ["3", "4"], 1, 4),
                new QuizQuestion("q2", "Capital of France?", ["Paris", "Rome", "Oslo"], 0, 6),
            });
        }
        configure?.Invoke(activity);
        await QueryAsync(async db =>
        {
            db.Activities.Add(activity);
            return await db.SaveChangesAsync();
        });
        return activity.Id;
    }

    private static Action<LaunchTokenBuilder> Into(Guid activityId, Action<LaunchTokenBuilder>? more = null) => b =>
    {
        b.Set(LtiClaimTypes.Custom, new JsonObject { ["activity_id"] = activityId.ToString(), ["canvas_membership_roles"] = "StudentEnrollment" });
        more?.Invoke(b);
    };

    private async Task<(HttpClient Student, Testing.LaunchOutcome Outcome)> StudentAsync(Guid activityId, LaunchKind kind = LaunchKind.StudentAssignment, Action<LaunchTokenBuilder>? more = null)
    {
        var outcome = await _app.LaunchAsync(kind, Into(activityId, more));
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        return (Bearer(outcome.SessionToken!), outcome);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient student, Guid contextId, Guid activityId, object body) =>
        student.PostAsJsonAsync($"/api/contexts/{contextId}/activities/{activityId}/submissions", body);


    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task TextSubmission_IsStoredThenSentAsPendingManualWithCanvasSubmissionExtension()
    {
        var (_, contextId) = await TeacherAsync();
        var activity = await ActivityAsync(contextId, SubmissionKinds.Text);
        var (student, outcome) = await StudentAsync(activity);

        Assert.Equal("Essay on tides", outcome.Page.QuerySelector("#activity .activity-title")!.TextContent);
        Assert.Equal("tides", outcome.Page.QuerySelector("#activity .instructions strong")!.TextContent);
        Assert.NotNull(outcome.Page.QuerySelector("#submit-work textarea[name=text]"));
        Assert.Null(outcome.Page.QuerySelector(".ungraded"));

        var response = await SubmitAsync(student, contextId, activity, new { text = "The moon pulls the sea." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("sentToLms").GetBoolean());
        var stored = await QueryAsync(db => db.Submissions.SingleAsync());
        Assert.Equal("The moon pulls the sea.", stored.TextAnswer);
        await _app.DeliverScoresAsync();

        var (lineItem, score) = Assert.Single(Gradebook.Received);
        Assert.Equal(1, lineItem); // the assignment's column from the launch's lineitem claim
        Assert.Equal(DemoData.Student.Subject, score["userId"]!.GetValue<string>());
        Assert.Equal(ScoreProgress.Submitted, score["activityProgress"]!.GetValue<string>());
        Assert.Equal(ScoreProgress.PendingManual, score["gradingProgress"]!.GetValue<string>());
        Assert.Null(score["scoreGiven"]);
        var extension = score["https://canvas.instructure.com/lti/submission"]!.AsObject();
        Assert.True(extension["new_submission"]!.GetValue<bool>());
        Assert.Equal("online_text_entry", extension["submission_type"]!.GetValue<string>());
        Assert.Equal("The moon pulls the sea.", extension["submission_data"]!.GetValue<string>());
        Assert.NotNull(extension["submitted_at"]);
    }

    [Fact]
    public async Task Quiz_IsScoredAtOnceAndSentFullyGraded()
    {
        var (_, contextId) = await TeacherAsync();
        var activity = await ActivityAsync(contextId, SubmissionKinds.Quiz);
        var (student, outcome) = await StudentAsync(activity);
        Assert.Equal(2, outcome.Page.QuerySelectorAll("#submit-work fieldset.question").Length);
        Assert.DoesNotContain("correct", outcome.Page.QuerySelector("#activity")!.OuterHtml, StringComparison.OrdinalIgnoreCase);

        var response = await SubmitAsync(student, contextId, activity, new { answers = new Dictionary<string, int> { ["q1"] = 1, ["q2"] = 2 } });

        Assert.Equal(4m, (await JsonAsync(response)).GetProperty("score").GetDecimal());
        await _app.DeliverScoresAsync();
        var (_, score) = Assert.Single(Gradebook.Received);
        Assert.Equal(ScoreProgress.FullyGraded, score["gradingProgress"]!.GetValue<string>());
        Assert.Equal(4m, score["scoreGiven"]!.GetValue<decimal>());
        Assert.Equal(10m, score["scoreMaximum"]!.GetValue<decimal>());
        var mine = await JsonAsync(await student.GetAsync($"/api/contexts/{contextId}/activities/{activity}/submissions/mine"));
        Assert.Equal("graded", mine.GetProperty("status").GetString());
        Assert.Equal(4m, mine.GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task Quiz_UnansweredOrUnknownQuestion_IsRefusedAndNothingStored()
    {
        var (_, contextId) = await TeacherAsync();
        var activity = await ActivityAsync(contextId, SubmissionKinds.Quiz);
        var (student, _) = await StudentAsync(activity);

        var response = await SubmitAsync(student, contextId, activity, new { answers = new Dictionary<string, int> { ["q1"] = 7, ["zz"] = 0 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("submission_invalid", problem.GetProperty("code").GetString());
        Assert.Equal(3, problem.GetProperty("problems").GetArrayLength());
        Assert.Equal(0, await QueryAsync(db => db.Submissions.CountAsync()));
    }

    [Fact]
    public async Task InstructorGradesWithTheRubricAndReleases_StudentSeesItAndTheLmsGetsIt()
    {
        var (teacher, contextId) = await TeacherAsync();
        var activity = await ActivityAsync(contextId, SubmissionKinds.Url, a => a.RubricJson = ActivityDocuments.Write(new[]
        {
            new RubricCriterion("evidence", "Evidence", 6), new RubricCriterion("style", "Style", 4),
        }));
        var (student, _) = await StudentAsync(activity);
        await SubmitAsync(student, contextId, activity, new { url = "https://example.edu/my-poster" });
        var submission = await QueryAsync(db => db.Submissions.SingleAsync());

        var refused = await teacher.PutAsJsonAsync($"/api/contexts/{contextId}/submissions/{submission.Id}/grade", new { rubric = new Dictionary<string, decimal> { ["evidence"] = 9 } });
        Assert.Equal("grade_invalid", (await JsonAsync(refused)).GetProperty("code").GetString());
        var graded = await teacher.PutAsJsonAsync($"/api/contexts/{contextId}/submissions/{submission.Id}/grade",
            new { rubric = new Dictionary<string, decimal> { ["evidence"] = 5, ["style"] = 3.5m }, comment = "Strong evidence." });
        Assert.Equal(8.5m, (await JsonAsync(graded)).GetProperty("score").GetDecimal());

        // Not released yet: the student does not see it.
        var before = await JsonAsync(await student.GetAsync($"/api/contexts/{contextId}/activities/{activity}/submissions/mine"));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("score").ValueKind);
        var release = await JsonAsync(await teacher.PostAsync($"/api/contexts/{contextId}/activities/{activity}/release", null));
        Assert.Equal(1, release.GetProperty("released").GetInt32());
        Assert.Equal(1, release.GetProperty("queued").GetInt32());
        await _app.DeliverScoresAsync();

        var after = await JsonAsync(await student.GetAsync($"/api/contexts/{contextId}/activities/{activity}/submissions/mine"));
        Assert.Equal(8.5m, after.GetProperty("score").GetDecimal());
        Assert.Equal("Strong evidence.", after.GetProperty("comment").GetString());
        var final = Gradebook.Received.Last().Score;
        Assert.Equal(ScoreProgress.FullyGraded, final["gradingProgress"]!.GetValue<string>());
        Assert.Equal(8.5m, final["scoreGiven"]!.GetValue<decimal>());
        Assert.Equal("Strong evidence.", final["comment"]!.GetValue<string>());
        var review = await JsonAsync(await teacher.GetAsync($"/api/contexts/{contextId}/activities/{activity}/submissions"));
        var row = review.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("submissionId").ValueKind == JsonValueKind.String);
        Assert.Equal("graded", row.GetProperty("status").GetString());
        Assert.True(row.GetProperty("released").GetBoolean());
    }

    [Fact]
    public async Task Resubmission_UntilGraded_AllowedBeforeGradingAndRefusedAfter()
    {
        var (teacher, contextId) = await TeacherAsync();
        var activity = await ActivityAsync(contextId, SubmissionKinds.Text);
        var (student, _) = await StudentAsync(activity);

        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(student, contextId, activity, new { text = "first" })).StatusCode);
        var second = await SubmitAsync(student, contextId, activity, new { text = "second" });
        Assert.Equal(2, (await JsonAsync(second)).GetProperty("attempt").GetInt32());
        var latest = await QueryAsync(db => db.Submissions.OrderByDescending(s => s.Attempt).FirstAsync());
        await teacher.PutAsJsonAsync($"/api/contexts/{contextId}/submissions/{latest.Id}/grade", new { score = 7 });

        var third = await SubmitAsync(student, contextId, activity, new { text = "third" });

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal("submission_closed", (await JsonAsync(third)).GetProperty("code").GetString());
        Assert.Equal(2, await QueryAsync(db => db.Submissions.CountAsync()));
    }

    [Fact]
    public async Task LateWork_FlaggedWhenAllowedAndRefusedWhenNot()
    {
        var (_, contextId) = await TeacherAsync();
        var now = _app.Time.GetUtcNow().UtcDateTime;
        var allowsLate = await ActivityAsync(contextId, SubmissionKinds.Text, a => { a.DueAt = now.AddHours(-1); a.AllowLate = true; });
        var noLate = await ActivityAsync(contextId, SubmissionKinds.Text, a => { a.DueAt = now.AddHours(-1); a.AllowLate = false; a.Title = "Closed"; });
        var (student, _) = await StudentAsync(allowsLate);

        var late = await SubmitAsync(student, contextId, allowsLate, new { text = "sorry" });
        var closed = await SubmitAsync(student, contextId, noLate, new { text = "sorry" });

        Assert.True((await JsonAsync(late)).GetProperty("late").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        var (_, page) = await StudentAsync(noLate);
        Assert.Null(page.Page.QuerySelector("#submit-work"));
        Assert.NotNull(page.Page.QuerySelector("#activity .closed"));
    }

    [Fact]
    public async Task StudentView_CanSubmitButNothingIsPushed()
    {
        var (_, contextId) = await TeacherAsync();
        var activity = await ActivityAsync(contextId, SubmissionKinds.Quiz);
        var outcome = await _app.LaunchAsync(LaunchKind.TestStudentAssignment, b => b.Set(LtiClaimTypes.Custom, new JsonObject { ["activity_id"] = activity.ToString() }));
        Assert.NotNull(outcome.Page.QuerySelector("#activity .test-user"));

        var response = await SubmitAsync(Bearer(outcome.SessionToken!), contextId, activity, new { answers = new Dictionary<string, int> { ["q1"] = 1, ["q2"] = 0 } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False((await JsonAsync(response)).GetProperty("sentToLms").GetBoolean());
        Assert.Equal(0, await QueryAsync(db => db.ScoreOutbox.CountAsync()));
        Assert.True(await QueryAsync(db => db.Submissions.Select(s => s.TestUser).SingleAsync()));
    }

    [Fact]
    public async Task UngradedPlacement_KeepsTheWorkAndSaysNothingIsSent()
    {
        var (_, contextId) = await TeacherAsync();
        var activity = await ActivityAsync(contextId, SubmissionKinds.Text);
        var (student, outcome) = await StudentAsync(activity, more: b => b.Set(LtiClaimTypes.AgsEndpoint, new JsonObject
        {
            ["scope"] = new JsonArray(LtiScopes.AgsLineItem, LtiScopes.AgsScore),
            ["lineitems"] = "https://localhost/demo/api/lti/courses/1/line_items",
        }));
        Assert.NotNull(outcome.Page.QuerySelector("#activity .ungraded"));

        var response = await SubmitAsync(student, contextId, activity, new { text = "kept" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False((await JsonAsync(response)).GetProperty("sentToLms").GetBoolean());
        Assert.Equal(0, await QueryAsync(db => db.ScoreOutbox.CountAsync()));
        Assert.Null(await QueryAsync(db => db.Submissions.Select(s => s.LineItemId).SingleAsync()));
    }

    [Fact]
    public async Task AnotherStudentsSubmission_IsRefusedAndObserversSeeNoOnesWork()
    {
        var (_, contextId) = await TeacherAsync();
        var activity = await ActivityAsync(contextId, SubmissionKinds.Text);
        var (first, _) = await StudentAsync(activity);
        await SubmitAsync(first, contextId, activity, new { text = "mine" });
        var submission = await QueryAsync(db => db.Submissions.SingleAsync());
        var (second, _) = await StudentAsync(activity, more: b => b.Set("sub", "another-student").Set("name", "Other Student"));
        var observer = await _app.LaunchAsync(LaunchKind.ObserverCourseNavigation);

        var peek = await second.GetAsync($"/api/contexts/{contextId}/submissions/{submission.Id}");
        var own = await first.GetAsync($"/api/contexts/{contextId}/submissions/{submission.Id}");
        var list = await second.GetAsync($"/api/contexts/{contextId}/activities/{activity}/submissions");
        var observerList = await Bearer(observer.SessionToken!).GetAsync($"/api/contexts/{contextId}/activities/{activity}/submissions");
        var observerPeek = await Bearer(observer.SessionToken!).GetAsync($"/api/contexts/{contextId}/submissions/{submission.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, peek.StatusCode);
        Assert.Equal("submission_not_yours", (await JsonAsync(peek)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, observerList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, observerPeek.StatusCode);
    }

    [Fact]
    public async Task ActivityOfAnotherCourse_InTheCustomParameters_IsRefused()
    {
        var (_, contextId) = await TeacherAsync();
        var otherCourse = await QueryAsync(async db =>
        {
            var context = await db.Contexts.SingleAsync(c => c.Id == contextId);
            var other = new ContextEntity { Id = Guid.NewGuid(), PlatformId = context.PlatformId, DeploymentId = context.DeploymentId, ContextKey = "other-course", Title = "Other" };
            db.Contexts.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        var foreign = await ActivityAsync(otherCourse, SubmissionKinds.Text);

        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment, Into(foreign));
        var direct = await SubmitAsync(Bearer(outcome.SessionToken!), contextId, foreign, new { text = "x" });

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("activity_not_in_course", outcome.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.Equal(0, await QueryAsync(db => db.Submissions.CountAsync()));
    }

    // Every single-item route keeps to the session's course: the permission check only compares the URL's course
    // with the session's, so an activity or submission of another course through this course's URL must be 404.
    [Fact]
    public async Task ActivityAndSubmissionOfAnotherCourse_ThroughThisCoursesUrls_AreNotFound_AndUnchanged()
    {
        var (teacher, contextId) = await TeacherAsync();
        var (otherCourse, foreign, foreignSubmission) = await QueryAsync(async db =>
        {
            var context = await db.Contexts.SingleAsync(c => c.Id == contextId);
            var user = await db.Users.FirstAsync();
            var launch = await db.LaunchRecords.FirstAsync();
            var other = new ContextEntity { Id = Guid.NewGuid(), PlatformId = context.PlatformId, DeploymentId = context.DeploymentId, ContextKey = "other-course", Title = "Other" };
            db.Contexts.Add(other);
            await db.SaveChangesAsync();
            return (other.Id, Guid.Empty, Guid.Empty);
        });
        foreign = await ActivityAsync(otherCourse, SubmissionKinds.Text);
        foreignSubmission = await QueryAsync(async db =>
        {
            var submission = new SubmissionEntity
            {
                Id = Guid.NewGuid(), ActivityId = foreign, ContextId = otherCourse, UserId = (await db.Users.FirstAsync()).Id,
                LaunchId = (await db.LaunchRecords.FirstAsync()).Id, Attempt = 1, TextAnswer = "theirs", SubmittedAt = _app.Time.GetUtcNow().UtcDateTime,
            };
            db.Submissions.Add(submission);
            await db.SaveChangesAsync();
            return submission.Id;
        });
        var course = $"/api/contexts/{contextId}";
        var activityBody = new { title = "Taken over", instructionsHtml = "<p>x</p>", pointsPossible = 10, submissionKind = "Text" };

        var answers = new (string What, HttpResponseMessage Response)[]
        {
            ("read activity", await teacher.GetAsync($"{course}/activities/{foreign}")),
            ("update activity", await teacher.PutAsJsonAsync($"{course}/activities/{foreign}", activityBody)),
            ("delete activity", await teacher.DeleteAsync($"{course}/activities/{foreign}")),
            ("list submissions", await teacher.GetAsync($"{course}/activities/{foreign}/submissions")),
            ("release", await teacher.PostAsync($"{course}/activities/{foreign}/release", null)),
            ("read submission", await teacher.GetAsync($"{course}/submissions/{foreignSubmission}")),
            ("grade submission", await teacher.PutAsJsonAsync($"{course}/submissions/{foreignSubmission}/grade", new { score = 10 })),
        };

        foreach (var (what, response) in answers) Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {(int)response.StatusCode}");
        var (title, score, released) = await QueryAsync(async db => (
            (await db.Activities.SingleAsync(a => a.Id == foreign)).Title,
            (await db.Submissions.SingleAsync(x => x.Id == foreignSubmission)).Score,
            (await db.Submissions.SingleAsync(x => x.Id == foreignSubmission)).ReleasedAt));
        Assert.Equal("Essay on tides", title);
        Assert.Null(score);
        Assert.Null(released);
    }

    [Fact]
    public async Task Grader_GradesButObserverAndStudentCannot()
    {
        var (_, contextId) = await TeacherAsync();
        var activity = await ActivityAsync(contextId, SubmissionKinds.Text);
        var (student, _) = await StudentAsync(activity);
        await SubmitAsync(student, contextId, activity, new { text = "work" });
        var submission = await QueryAsync(db => db.Submissions.SingleAsync());
        var grader = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, b => b
            .Set(LtiClaimTypes.Roles, new JsonArray("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant", "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"))
            .Set(LtiClaimTypes.Custom, new JsonObject { ["canvas_membership_roles"] = "Grader" }));
        Assert.Equal(["Grader"], grader.Roles);

        var byGrader = await Bearer(grader.SessionToken!).PutAsJsonAsync($"/api/contexts/{contextId}/submissions/{submission.Id}/grade", new { score = 6 });
        var byStudent = await student.PutAsJsonAsync($"/api/contexts/{contextId}/submissions/{submission.Id}/grade", new { score = 10 });

        Assert.Equal(HttpStatusCode.OK, byGrader.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStudent.StatusCode);
        Assert.Equal(6m, await QueryAsync(db => db.Submissions.Select(s => s.Score).SingleAsync()));
    }

    [Fact]
    public async Task ReviewPage_ListsTheRosterWithEachStatus()
    {
        var (teacher, contextId) = await TeacherAsync();
        await teacher.PostAsync($"/api/contexts/{contextId}/roster/sync", null);
        var activity = await ActivityAsync(contextId, SubmissionKinds.Text);
        var (student, _) = await StudentAsync(activity);
        await SubmitAsync(student, contextId, activity, new { text = "<b>bold?</b>" });
        var driver = _app.Driver();
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: driver);

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await driver.Client.GetStringAsync($"/courses/{contextId}/activities/{activity}/review"));

        var rows = page.QuerySelectorAll("table.submissions tbody tr");
        Assert.Equal(202, rows.Length); // 200 generated, the demo student, Student View
        Assert.Single(rows, r => r.ClassList.Contains("status-submitted"));
        Assert.Equal(201, rows.Count(r => r.ClassList.Contains("status-missing")));
        Assert.Equal("<b>bold?</b>", page.QuerySelector(".text-answer")!.TextContent); // shown as text
        Assert.NotNull(page.QuerySelector("#release"));
    }
}
