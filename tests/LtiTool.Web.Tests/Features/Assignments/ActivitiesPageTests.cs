using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using static LtiTool.Web.Tests.Features.Assignments.ActivitiesApiTests;

namespace LtiTool.Web.Tests.Features.Assignments;

/// <summary>The activities page as the browser in the LMS frame gets it (session cookie for the read).</summary>
public sealed class ActivitiesPageTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ActivitiesPage_Teacher_ListsActivitiesWithEscapedTitlesAndReviewLinks()
    {
        var driver = _app.Driver();
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: driver);
        var url = outcome.Page.QuerySelector("#activities-link")?.GetAttribute("href");
        Assert.NotNull(url);
        var api = new HttpClient(_app.Server.CreateHandler()) { BaseAddress = LtiToolApp.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var contextId = url.Split('/')[2];
        var teacher = new CourseSession(api, contextId, Guid.Empty, Guid.Empty);
        var essay = Text();
        essay["title"] = "Essay <script>alert(1)</script>";
        var essayId = (await CreateAsync(teacher, essay)).GetProperty("id").GetGuid();
        _app.Time.Advance(TimeSpan.FromMinutes(1)); // listed oldest first
        var quizId = (await CreateAsync(teacher, Quiz())).GetProperty("id").GetGuid();
        await AddSubmissionAsync(_app, await SessionAsync(_app, LaunchKind.StudentAssignment), essayId);

        var response = await driver.Client.GetAsync(url);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("table.activities tbody tr");
        Assert.Equal([essayId.ToString(), quizId.ToString()], rows.Select(r => r.GetAttribute("data-activity")!).ToArray());
        var first = rows[0];
        Assert.Equal("Essay <script>alert(1)</script>", first.QuerySelector(".title")!.TextContent); // escaped, not markup
        Assert.Null(first.QuerySelector(".title script"));
        Assert.Empty(page.QuerySelectorAll("main script"));
        Assert.Equal("10", first.QuerySelector(".points")!.TextContent.Trim());
        Assert.Equal("2026-12-01T16:00:00Z", first.QuerySelector(".due time")!.GetAttribute("datetime"));
        Assert.Equal("Text", first.QuerySelector(".kind")!.TextContent.Trim());
        Assert.Equal("1", first.QuerySelector(".submissions")!.TextContent.Trim());
        Assert.Equal($"/courses/{contextId}/activities/{essayId}/review", first.QuerySelector("a.review")!.GetAttribute("href"));
        Assert.True(first.QuerySelector("button.delete")!.HasAttribute("disabled"));
        var second = rows[1];
        Assert.Equal("Quiz", second.QuerySelector(".kind")!.TextContent.Trim());
        Assert.Equal("No due date", second.QuerySelector(".due")!.TextContent.Trim());
        Assert.Equal("0", second.QuerySelector(".submissions")!.TextContent.Trim());
        Assert.False(second.QuerySelector("button.delete")!.HasAttribute("disabled"));
        Assert.NotNull(page.QuerySelector("form#activity-form textarea[name=instructionsHtml]"));
        Assert.NotNull(page.QuerySelector("label[for=activity-title]"));
        Assert.NotNull(page.QuerySelector("script[src='/js/activities.js']"));
        Assert.Equal($"/api/contexts/{contextId}/activities", page.QuerySelector("#activities")!.GetAttribute("data-api"));
        Assert.NotNull(page.QuerySelector("meta[name=lti-session-token]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task ActivitiesPage_NoActivities_SaysSo()
    {
        var driver = _app.Driver();
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: driver);

        var page = new HtmlParser().ParseDocument(await driver.Client.GetStringAsync(outcome.Page.QuerySelector("#activities-link")!.GetAttribute("href")));

        Assert.NotNull(page.QuerySelector("p.empty"));
        Assert.Null(page.QuerySelector("table.activities"));
    }

    [Fact]
    public async Task LaunchedPage_LinksActivitiesOnlyForRolesThatManageThem()
    {
        var teacher = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var student = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        Assert.NotNull(teacher.Page.QuerySelector("#activities-link"));
        Assert.Null(student.Page.QuerySelector("#activities-link"));
    }

    [Fact]
    public async Task ActivitiesPage_Student_IsRefused()
    {
        var driver = _app.Driver();
        await _app.LaunchAsync(LaunchKind.StudentAssignment, driver: driver);
        var contextId = (await JsonAsync(await driver.Client.GetAsync("/api/session"))).GetProperty("context").GetProperty("id").GetString();

        var response = await driver.Client.GetAsync($"/courses/{contextId}/activities");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ActivitiesPage_WithoutASession_IsRefused()
    {
        var response = await _app.CreateClient().GetAsync($"/courses/{Guid.NewGuid()}/activities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
