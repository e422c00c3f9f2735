using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LtiTool.DemoPlatform;

namespace LtiTool.Web.Tests.Features.Admin;

/// <summary>Every admin page and API refuses a session without the matching permission (a teacher's, a student's).</summary>
public sealed class AdminAccessTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/admin" },
        { "GET", "/admin/platforms" },
        { "GET", "/admin/keys" },
        { "GET", "/admin/developer-key" },
        { "GET", "/admin/audit" },
        { "GET", "/admin/audit/access-review" },
        { "GET", "/api/admin/platforms" },
        { "POST", "/api/admin/platforms" },
        { "POST", "/api/admin/platforms/canvas" },
        { "PUT", "/api/admin/platforms/x" },
        { "DELETE", "/api/admin/platforms/x" },
        { "POST", "/api/admin/platforms/x/test" },
        { "POST", "/api/admin/platforms/x/deployments/y/approve" },
        { "GET", "/api/admin/keys" },
        { "POST", "/api/admin/keys/rotate" },
        { "POST", "/api/admin/keys/next" },
        { "POST", "/api/admin/keys/x/revoke" },
        { "POST", "/admin/keys?handler=Revoke" },
        { "GET", "/api/admin/audit" },
        { "GET", "/api/admin/audit.csv" },
        { "GET", "/api/admin/audit/access-review.csv" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AdminEndpoint_TeacherAndStudentSessions_Get403AndNothingChanges(string method, string path)
    {
        using var app = new LtiToolApp();
        foreach (var kind in new[] { LaunchKind.InstructorCourseNavigation, LaunchKind.StudentAssignment })
        {
            var outcome = await app.LaunchAsync(kind);
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);

            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task AdminHome_ShowsTheScopeTheSessionActsIn()
    {
        using var app = new LtiToolApp();
        var lmsAdmin = app.Driver();
        await app.LaunchAsync(LaunchKind.AdministratorAccountNavigation, driver: lmsAdmin);
        var teacher = app.Driver();
        await app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: teacher);
        var (bootstrap, _) = await BootstrapTests.BootstrapAdminAsync(app);

        async Task<string?> ScopeAsync(HttpClient client) => new AngleSharp.Html.Parser.HtmlParser()
            .ParseDocument(await (await client.GetAsync("/admin")).Content.ReadAsStringAsync()).QuerySelector("#admin-scope")?.TextContent.Trim();

        Assert.Equal($"Acting for: Platform: {app.Platform.Options.Issuer} / {app.Platform.Options.ClientId}", await ScopeAsync(lmsAdmin.Client));
        Assert.Equal("Acting for: Tool-wide", await ScopeAsync(bootstrap));
        Assert.Null(await ScopeAsync(teacher.Client));
    }

    [Theory]
    [InlineData("/api/admin/platforms")]
    [InlineData("/admin/platforms")]
    [InlineData("/api/admin/audit")]
    public async Task AdminEndpoint_WithoutASession_Is401(string path)
    {
        using var app = new LtiToolApp();

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(path)).StatusCode);
    }
}
