using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Web.Features.Grades;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Grades;

/// <summary>The grade entry page as the browser in the LMS frame gets it (session cookie for the read).</summary>
public sealed class GradesPageTests : IDisposable
{
    private readonly LtiToolApp _app = new(new Dictionary<string, string?> { ["Lti:Services:RetryBaseDelay"] = "00:00:00.001" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task GradesPage_Teacher_ShowsColumnsStudentsGradesInTheSchemeAndTheirDelivery()
    {
        var driver = _app.Driver();
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: driver);
        var url = outcome.Page.QuerySelector("#grades-link")?.GetAttribute("href");
        Assert.NotNull(url);
        var api = new HttpClient(_app.Server.CreateHandler()) { BaseAddress = LtiToolApp.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var contextId = url.Split('/')[2];
        await api.PostAsync($"/api/contexts/{contextId}/roster/sync", null);
        var column = (await GradebookFlowTests.JsonAsync(await api.PostAsJsonAsync($"/api/contexts/{contextId}/line-items",
            new { label = "Essay <b>2</b>", scoreMaximum = 20, scheme = "letter" }))).GetProperty("id").GetGuid();
        var book = await GradebookFlowTests.JsonAsync(await api.GetAsync($"/api/contexts/{contextId}/gradebook"));
        var student = book.GetProperty("students").EnumerateArray().First(s => !s.GetProperty("testUser").GetBoolean()).GetProperty("id").GetGuid();
        await api.PutAsJsonAsync($"/api/contexts/{contextId}/line-items/{column}/grades", new { grades = new[] { new { userId = student, value = "A", comment = "Great" } } });
        await api.PostAsync($"/api/contexts/{contextId}/line-items/{column}/push", null);
        await _app.Services.GetRequiredService<ScoreDeliveryService>().DeliverDueAsync(CancellationToken.None);

        var response = await driver.Client.GetAsync(url);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = page.QuerySelector($"th.column[data-column='{column}']")!;
        Assert.Contains("Essay <b>2</b>", header.QuerySelector(".label")!.TextContent, StringComparison.Ordinal); // escaped, not markup
        Assert.Null(header.QuerySelector(".label b"));
        Assert.NotNull(header.QuerySelector("button.push"));
        Assert.NotNull(page.QuerySelector("#add-column"));
        var row = page.QuerySelector($"tr[data-user='{student}']")!;
        Assert.Equal("A", row.QuerySelector("input.grade")!.GetAttribute("value"));
        Assert.Equal("Great", row.QuerySelector("input.comment")!.GetAttribute("value"));
        Assert.Contains(page.QuerySelectorAll("tbody tr th"), th => th.TextContent.Contains("Student View", StringComparison.Ordinal));
        Assert.Equal(201 + 1, page.QuerySelectorAll("tbody tr").Length); // 200 generated, the demo student, Student View
        Assert.NotNull(page.QuerySelector("datalist#values-letter option[value=B]"));
        Assert.NotNull(page.QuerySelector("script[src='/js/grades.js']"));
        Assert.NotNull(page.QuerySelector("meta[name=lti-session-token]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task LaunchedPage_LinksGradesOnlyForRolesThatSeeThem()
    {
        var teacher = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var student = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        Assert.NotNull(teacher.Page.QuerySelector("#grades-link"));
        Assert.Null(student.Page.QuerySelector("#grades-link"));
    }

    [Fact]
    public async Task GradesPage_WithoutASession_IsRefused()
    {
        var response = await _app.CreateClient().GetAsync($"/courses/{Guid.NewGuid()}/grades");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
