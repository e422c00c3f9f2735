using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;

namespace LtiTool.Web.Tests.Features.Admin;

public sealed class RolesReceivedPageTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AdministratorLaunch_ListsRecentLaunches_AndTheRolesPageShowsWhatWasSent()
    {
        await _app.LaunchAsync(LaunchKind.StudentAssignment);
        _app.Time.Advance(TimeSpan.FromSeconds(5));
        var admin = _app.Driver();
        var launch = await _app.LaunchAsync(LaunchKind.AdministratorAccountNavigation, driver: admin);

        var links = launch.Page.QuerySelectorAll("a.roles-received-link").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal(2, links.Length);

        // The partitioned session cookie carries the session to the admin page inside the frame.
        var response = await admin.Client.GetAsync(links[^1]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Sam Student", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("table.roles-received tbody tr").Length);
        Assert.Equal(["Student"], page.QuerySelectorAll(".role").Select(e => e.TextContent.Trim()));
        Assert.Contains(page.QuerySelectorAll(".permission"), e => e.TextContent == "submit_own_work");
    }

    [Fact]
    public async Task RecentLaunchesAndRolesPage_PlatformAdministrator_OnlyTheirPlatformsLaunches()
    {
        var schools = await TwoSchools.CreateAsync(_app);
        var studentB = await schools.LaunchBAsync(LaunchKind.StudentAssignment);
        var launchB = JsonDocument.Parse(await TwoSchools.Bearer(_app, studentB.SessionToken!).GetStringAsync("/api/session")).RootElement.GetProperty("launchId").GetString()!;
        _app.Time.Advance(TimeSpan.FromSeconds(5));
        var admin = _app.Driver();
        var launch = await schools.LaunchAAsync(LaunchKind.AdministratorAccountNavigation, admin);
        var bearer = TwoSchools.Bearer(_app, launch.SessionToken!);

        var links = launch.Page.QuerySelectorAll("a.roles-received-link").Select(a => a.GetAttribute("href")!).ToArray();
        var page = await admin.Client.GetAsync($"/admin/launches/{launchB}/roles");
        var api = await bearer.GetAsync($"/api/admin/launches/{launchB}/roles");

        Assert.Single(links); // the administrator's own launch; B's student is not listed
        Assert.DoesNotContain(links, l => l.Contains(launchB, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(links[0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await schools.ToolWideBrowser.GetAsync($"/admin/launches/{launchB}/roles")).StatusCode);
    }

    [Fact]
    public async Task RolesPage_Teacher_Is403Page()
    {
        var teacher = _app.Driver();
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: teacher);
        var launchId = Guid.NewGuid();

        var response = await teacher.Client.GetAsync($"/admin/launches/{launchId}/roles");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("view_audit_log", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesPage_NoSession_Is401Page()
    {
        var response = await _app.CreateClient().GetAsync($"/admin/launches/{Guid.NewGuid()}/roles");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("session_invalid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesPage_UnknownLaunch_Is404()
    {
        var admin = _app.Driver();
        await _app.LaunchAsync(LaunchKind.AdministratorAccountNavigation, driver: admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync($"/admin/launches/{Guid.NewGuid()}/roles")).StatusCode);
    }
}
