using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;

namespace LtiTool.Web.Tests.Features.Roster;

public sealed class PeoplePageTests : IDisposable
{
    private readonly LtiToolApp _app = new(new Dictionary<string, string?> { ["Lti:Services:RetryBaseDelay"] = "00:00:00.010" });

    public void Dispose() => _app.Dispose();

    private async Task<(LtiTool.Testing.LaunchDriver Driver, string PeopleUrl)> LaunchAsync(LaunchKind kind)
    {
        var driver = _app.Driver();
        var outcome = await _app.LaunchAsync(kind, driver: driver);
        return (driver, outcome.Page.QuerySelector("#people-link")?.GetAttribute("href") ?? "");
    }

    [Fact]
    public async Task People_Teacher_SeesEmailsFlagsStudentViewAndCanRefresh()
    {
        await _app.LaunchAsync(LaunchKind.TestStudentAssignment);
        var (teacher, url) = await LaunchAsync(LaunchKind.InstructorCourseNavigation);
        Assert.StartsWith("/courses/", url, StringComparison.Ordinal);

        var page = new HtmlParser().ParseDocument(await teacher.Client.GetStringAsync(url));

        Assert.NotNull(page.QuerySelector("#refresh-roster"));
        Assert.Equal(["Name", "E-mail", "Roles", "Status"], page.QuerySelectorAll("table.people thead th").Select(th => th.TextContent));
        Assert.Contains(page.QuerySelectorAll("table.people tbody tr"), r => r.TextContent.Contains("Student View", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("table.people tbody td"), td => td.TextContent == DemoData.Instructor.Email);
        Assert.NotNull(page.QuerySelector("meta[name=lti-session-token]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task People_AfterASync_ListsTheWholeCourseAndFiltersByRole()
    {
        var (teacher, url) = await LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var token = new HtmlParser().ParseDocument(await teacher.Client.GetStringAsync(url)).QuerySelector("meta[name=lti-session-token]")!.GetAttribute("content");
        using var sync = new HttpRequestMessage(HttpMethod.Post, $"/api/contexts/{url.Split('/')[2]}/roster/sync");
        sync.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await teacher.Client.SendAsync(sync)).StatusCode);

        var all = new HtmlParser().ParseDocument(await teacher.Client.GetStringAsync(url));
        var teachers = new HtmlParser().ParseDocument(await teacher.Client.GetStringAsync(url + "?role=Teacher"));

        Assert.Equal("204 people", all.QuerySelector(".count")!.TextContent);
        Assert.Equal("1 person", teachers.QuerySelector(".count")!.TextContent);
        Assert.Contains("Roster read from the platform", all.QuerySelector(".roster-status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_Student_SeesNoEmailsAndNoRefresh()
    {
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var (student, url) = await LaunchAsync(LaunchKind.StudentAssignment);

        var page = new HtmlParser().ParseDocument(await student.Client.GetStringAsync(url));

        Assert.Null(page.QuerySelector("#refresh-roster"));
        Assert.DoesNotContain(page.QuerySelectorAll("table.people td"), td => td.TextContent.Contains('@', StringComparison.Ordinal));
        Assert.Equal(2, page.QuerySelectorAll("table.people tbody tr").Length);
    }

    [Fact]
    public async Task People_Observer_HasNoLinkAndIs403()
    {
        var teacher = await LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var (observer, url) = await LaunchAsync(LaunchKind.ObserverCourseNavigation);
        Assert.Equal("", url);

        var response = await observer.Client.GetAsync(teacher.PeopleUrl);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
