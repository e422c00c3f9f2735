using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LtiTool.Web.Tests.Features.Assignments.ActivitiesApiTests;

namespace LtiTool.Web.Tests.Features.Assignments;

/// <summary>
/// Who may change activities, with roles produced as Canvas produces them. Everyone in the course reads them;
/// with the default preset teachers, TAs (and graders, who fall back to the TA row) and designers write;
/// observers and students get 403 and nothing changes. The university preset keeps graders to grading.
/// </summary>
public sealed class ActivityPermissionTests
{
    private const string M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private const string Ta = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant";

    public static TheoryData<string, string, string[], string, bool> Cells => new()
    {
        // preset, role, URNs, Canvas role names, writes
        { "default", "Teacher", [M + "Instructor"], "TeacherEnrollment", true },
        { "default", "TeachingAssistant", [Ta, M + "Instructor"], "TaEnrollment", true },
        { "default", "Grader", [Ta, M + "Instructor"], "Grader", false },
        { "default", "Designer", [M + "ContentDeveloper"], "DesignerEnrollment", true },
        { "default", "Observer", [M + "Mentor"], "ObserverEnrollment", false },
        { "default", "Student", [M + "Learner"], "StudentEnrollment", false },
        { "default", "TestStudent", [M + "Learner", "http://purl.imsglobal.org/vocab/lti/system/person#TestUser"], "StudentViewEnrollment", false },
        { "university", "Grader", [Ta, M + "Instructor"], "Grader", false },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Role_ReadsAndWritesActivitiesExactlyAsTheMatrixSays(string preset, string role, string[] urns, string canvasRoles, bool writes)
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Permissions:Preset"] = preset });
        var teacher = await SessionAsync(app, LaunchKind.InstructorCourseNavigation);
        var existing = (await CreateAsync(teacher, Url())).GetProperty("id").GetGuid();

        var user = await SessionAsync(app, LaunchKind.InstructorCourseNavigation, b => b
            .Set(LtiClaimTypes.Roles, new JsonArray(urns.Select(u => (JsonNode)JsonValue.Create(u)!).ToArray()))
            .Set(LtiClaimTypes.Custom, new JsonObject { ["canvas_membership_roles"] = canvasRoles }));
        var client = user.Client;

        var list = await client.GetAsync(user.Api);
        var page = await client.GetAsync($"/courses/{user.ContextId}/activities");
        var create = await client.PostAsJsonAsync(user.Api, Quiz());
        var change = Url();
        change["title"] = "Changed by " + role;
        var update = await client.PutAsJsonAsync($"{user.Api}/{existing}", change);
        var delete = await client.DeleteAsync($"{user.Api}/{existing}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(writes ? HttpStatusCode.OK : HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(writes ? HttpStatusCode.Created : HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(writes ? HttpStatusCode.OK : HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(writes ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden, delete.StatusCode);
        if (writes) return;
        Assert.Equal("forbidden", (await JsonAsync(create)).GetProperty("code").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        var kept = await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().Activities.SingleAsync();
        Assert.Equal(existing, kept.Id);
        Assert.Equal("Portfolio link", kept.Title);
    }
}
