using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LtiTool.DemoPlatform;

namespace LtiTool.Web.Tests.Features.Roles;

/// <summary>Permissions are enforced on the server for every protected API, from the launch record.</summary>
public sealed class PermissionEnforcementTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Client, JsonElement Session)> SessionAsync(LaunchKind kind, Action<LaunchTokenBuilder>? customize = null)
    {
        var outcome = await _app.LaunchAsync(kind, customize);
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var session = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement.Clone();
        return (client, session);
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
    }

    [Fact]
    public async Task Members_Teacher_SeesEveryoneWithEmails()
    {
        await _app.LaunchAsync(LaunchKind.StudentAssignment);
        var (teacher, session) = await SessionAsync(LaunchKind.InstructorCourseNavigation);

        var members = JsonDocument.Parse(await teacher.GetStringAsync($"/api/contexts/{session.GetProperty("context").GetProperty("id").GetString()}/members")).RootElement;

        Assert.Equal(2, members.GetArrayLength());
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("email").GetString() == DemoData.Student.Email);
    }

    [Fact]
    public async Task Members_Student_SeesPeopleButNoEmails()
    {
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var (student, session) = await SessionAsync(LaunchKind.StudentAssignment);

        var members = JsonDocument.Parse(await student.GetStringAsync($"/api/contexts/{session.GetProperty("context").GetProperty("id").GetString()}/members")).RootElement;

        Assert.Equal(2, members.GetArrayLength());
        Assert.All(members.EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("email").ValueKind));
    }

    [Fact]
    public async Task Members_Observer_Is403WithTheMissingPermission()
    {
        var (observer, session) = await SessionAsync(LaunchKind.ObserverCourseNavigation);
        var response = await observer.GetAsync($"/api/contexts/{session.GetProperty("context").GetProperty("id").GetString()}/members");
        await AssertForbiddenAsync(response, "forbidden");
        Assert.Contains("view_roster", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_OfAnotherCourse_IsRefusedAsCrossContext()
    {
        // The same teacher launches from a second course; that course's token must not read the first one.
        var (_, first) = await SessionAsync(LaunchKind.InstructorCourseNavigation);
        var (otherCourse, _) = await SessionAsync(LaunchKind.InstructorCourseNavigation, b => b.Set(LtiTool.Lti.Claims.LtiClaimTypes.Context,
            new System.Text.Json.Nodes.JsonObject { ["id"] = "another-course-0000000000000000000000000", ["title"] = "Another course" }));

        var response = await otherCourse.GetAsync($"/api/contexts/{first.GetProperty("context").GetProperty("id").GetString()}/members");

        await AssertForbiddenAsync(response, "cross_context");
    }

    [Fact]
    public async Task Members_WithoutSession_Is401()
    {
        var response = await _app.CreateClient().GetAsync($"/api/contexts/{Guid.NewGuid()}/members");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RolesReceived_Administrator_SeesRawUrnsMappedRolesAndPermissions()
    {
        var student = await _app.LaunchAsync(LaunchKind.StudentAssignment, b => b.Set(LtiTool.Lti.Claims.LtiClaimTypes.Roles,
            new System.Text.Json.Nodes.JsonArray("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner", "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor", "https://example.edu/roles#Wizard")));
        var launchId = JsonDocument.Parse(await WithToken(student.SessionToken!).GetStringAsync("/api/session")).RootElement.GetProperty("launchId").GetString();
        var (admin, adminSession) = await SessionAsync(LaunchKind.AdministratorAccountNavigation);
        Assert.Equal("Enterprise", adminSession.GetProperty("roles")[0].GetString());

        var view = JsonDocument.Parse(await admin.GetStringAsync($"/api/admin/launches/{launchId}/roles")).RootElement;

        Assert.Equal(3, view.GetProperty("received").GetArrayLength());
        Assert.Contains(view.GetProperty("received").EnumerateArray(), r => r.GetProperty("kind").GetString() == "Institution" && r.GetProperty("name").GetString() == "Instructor");
        Assert.Equal(["Student"], view.GetProperty("mappedRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["https://example.edu/roles#Wizard"], view.GetProperty("unmapped").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains(view.GetProperty("permissions").EnumerateArray(), p => p.GetString() == "submit_own_work");
    }

    [Theory]
    [InlineData(LaunchKind.InstructorCourseNavigation)]
    [InlineData(LaunchKind.StudentAssignment)]
    [InlineData(LaunchKind.ObserverCourseNavigation)]
    public async Task RolesReceived_CourseRoles_Are403(LaunchKind kind)
    {
        var (client, session) = await SessionAsync(kind);
        await AssertForbiddenAsync(await client.GetAsync($"/api/admin/launches/{session.GetProperty("launchId").GetString()}/roles"), "forbidden");
    }

    [Fact]
    public async Task Session_ListsTheMatrixPermissionsOfTheUniversityPreset()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Permissions:Preset"] = "university" });
        var outcome = await app.LaunchAsync(LaunchKind.InstructorCourseNavigation, b => b.Set(LtiTool.Lti.Claims.LtiClaimTypes.Custom,
            new System.Text.Json.Nodes.JsonObject { ["canvas_membership_roles"] = "TeacherEnrollment,Guest Instructor" }));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var session = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement;

        Assert.Equal(["GuestInstructor"], outcome.Roles);
        Assert.Equal(["GuestInstructor"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var permissions = session.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToArray();
        Assert.DoesNotContain("view_all_grades", permissions);
        Assert.DoesNotContain("manage_outcomes", permissions);
        Assert.Contains("manage_assignments", permissions);
    }

    private HttpClient WithToken(string token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
