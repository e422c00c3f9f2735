using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Services.Ags;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Grades;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Assignments;

/// <summary>
/// The whole loop a newcomer walks in the demo: the instructor links activities from the tool (deep linking),
/// the LMS creates the assignments and their gradebook columns, a student launches into one and submits, the
/// instructor grades and releases, and the score lands in the LMS gradebook — exactly as sent.
/// </summary>
public sealed class AssignmentLoopTests : IDisposable
{
    private readonly LtiToolApp _app = new(new Dictionary<string, string?> { ["Lti:Services:RetryBaseDelay"] = "00:00:00.001" });

    public void Dispose() => _app.Dispose();

    private HttpClient Bearer(string token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }


    private async Task<Guid> ActivityAsync(Guid contextId, string title, decimal points)
    {
        var activity = new ActivityEntity
        {
            Id = Guid.NewGuid(), ContextId = contextId, Title = title, PointsPossible = points, SubmissionKind = SubmissionKinds.Text,
            InstructionsHtml = "<p>Write it.</p>", CreatedAt = _app.Time.GetUtcNow().UtcDateTime, UpdatedAt = _app.Time.GetUtcNow().UtcDateTime,
        };
        await QueryAsync(async db =>
        {
            db.Activities.Add(activity);
            return await db.SaveChangesAsync();
        });
        return activity.Id;
    }

    private static void AssertShape(JsonObject documented, JsonObject sent)
    {
        foreach (var (name, value) in sent)
        {
            Assert.True(documented.ContainsKey(name), $"'{name}' is not a field of Canvas's score");
            var expected = documented[name]!;
            Assert.Equal(expected.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? "bool" : expected.GetValueKind().ToString(),
                value!.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? "bool" : value.GetValueKind().ToString());
            if (value is JsonObject inner) AssertShape(expected.AsObject(), inner);
        }
    }

    [Fact]
    public async Task CreateLinkSubmitGradeRelease_ScoreAppearsInTheLmsGradebook()
    {
        // The instructor's course and two activities.
        var teacherLaunch = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var teacher = Bearer(teacherLaunch.SessionToken!);
        var contextId = JsonDocument.Parse(await teacher.GetStringAsync("/api/session")).RootElement.GetProperty("context").GetProperty("id").GetGuid();
        var essay = await ActivityAsync(contextId, "Lab report", 25);
        await ActivityAsync(contextId, "Reading notes", 5);
        var columnsBefore = _app.Services.GetRequiredService<DemoGradebook>().Count;

        // Deep linking: the picker, the tool's signed answer, the LMS's return endpoint.
        var picker = await _app.LaunchAsync(LaunchKind.InstructorDeepLinking);
        Assert.Equal(2, picker.Page.QuerySelectorAll("#pick input[name=activity]").Length);
        var answer = JsonDocument.Parse(await (await Bearer(picker.SessionToken!).PostAsJsonAsync("/api/deep-linking/response", new { activityIds = new[] { essay } }))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        var returned = await _app.CreateClient().PostAsync(answer.GetProperty("returnUrl").GetString(),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["JWT"] = answer.GetProperty("jwt").GetString()! }));
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var assignment = Assert.Single(_app.Platform.Assignments);
        Assert.Equal("Lab report", assignment.Title);
        Assert.Equal(essay.ToString(), assignment.Custom["activity_id"]);
        Assert.NotNull(assignment.LineItem);
        Assert.Equal(columnsBefore + 1, _app.Services.GetRequiredService<DemoGradebook>().Count);

        // The student launches into the new assignment and submits.
        var studentLaunch = await _app.Driver().LaunchAsync(_app.Platform.PrepareLaunch(LaunchScenario.IntoAssignment(assignment.Id), LtiToolApp.BaseUrl));
        Assert.Equal("Lab report", studentLaunch.Page.QuerySelector("#activity .activity-title")!.TextContent);
        var student = Bearer(studentLaunch.SessionToken!);
        var submitted = await student.PostAsJsonAsync($"/api/contexts/{contextId}/activities/{essay}/submissions", new { text = "Results: the pendulum's period was 2.01 s." });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        await _app.DeliverScoresAsync();

        // The instructor reviews, grades and releases.
        var instructorInto = await _app.Driver().LaunchAsync(_app.Platform.PrepareLaunch(
            LaunchScenario.IntoAssignment(assignment.Id) with { Kind = LaunchKind.InstructorCourseNavigation }, LtiToolApp.BaseUrl));
        var reviewUrl = instructorInto.Page.QuerySelector("#review-link")!.GetAttribute("href")!;
        var review = new HtmlParser().ParseDocument(await teacher.GetStringAsync(reviewUrl));
        var row = review.QuerySelector("table.submissions tr.status-submitted")!;
        var submissionId = row.GetAttribute("data-submission");
        (await teacher.PutAsJsonAsync($"/api/contexts/{contextId}/submissions/{submissionId}/grade", new { score = 22, comment = "Careful method." })).EnsureSuccessStatusCode();
        (await teacher.PostAsync($"/api/contexts/{contextId}/activities/{essay}/release", null)).EnsureSuccessStatusCode();
        await _app.DeliverScoresAsync();

        // What the LMS gradebook received on the assignment's column: the submission, then the grade.
        var received = _app.Services.GetRequiredService<DemoGradebook>().Received.Where(r => r.LineItem == assignment.LineItem).Select(r => r.Score).ToList();
        Assert.Equal(2, received.Count);
        Assert.Equal(ScoreProgress.PendingManual, received[0]["gradingProgress"]!.GetValue<string>());
        Assert.Equal("online_text_entry", received[0]["https://canvas.instructure.com/lti/submission"]!["submission_type"]!.GetValue<string>());
        Assert.Equal(ScoreProgress.FullyGraded, received[1]["gradingProgress"]!.GetValue<string>());
        Assert.Equal(22m, received[1]["scoreGiven"]!.GetValue<decimal>());
        Assert.Equal(25m, received[1]["scoreMaximum"]!.GetValue<decimal>());
        Assert.Equal("Careful method.", received[1]["comment"]!.GetValue<string>());
        Assert.Equal(DemoData.Student.Subject, received[1]["userId"]!.GetValue<string>());
        // Every field sent is one Canvas documents, with the same JSON type (tests/LtiTool.Lti.Tests/Fixtures/ags-score.json).
        var fixture = JsonNode.Parse(File.ReadAllText(Infrastructure.DocumentationTests.RepositoryFile("tests/LtiTool.Lti.Tests/Fixtures/ags-score.json")))!.AsObject();
        foreach (var score in received)
        {
            AssertShape(fixture, score);
        }
        var column = _app.Services.GetRequiredService<DemoGradebook>().Columns().Single(c => c.LineItem == assignment.LineItem);
        Assert.Equal(22m, Assert.Single(column.Results).Score);
    }
}
