using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;

namespace LtiTool.Web.Tests.Features.Grades;

/// <summary>
/// Who may see and enter grades, with the university preset and roles produced as Canvas produces them:
/// teachers, TAs and graders enter grades; observers and designers do not see them; students get 403.
/// </summary>
public sealed class GradebookPermissionTests
{
    private const string M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private const string Ta = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant";

    public static TheoryData<string, string[], string, bool, bool> Cells => new()
    {
        // role, URNs, Canvas role names, sees grades, enters grades
        { "Teacher", [M + "Instructor"], "TeacherEnrollment", true, true },
        { "TeachingAssistant", [Ta, M + "Instructor"], "TaEnrollment", true, true },
        { "Grader", [Ta, M + "Instructor"], "Grader", true, true },
        { "Designer", [M + "ContentDeveloper"], "DesignerEnrollment", false, false },
        { "Observer", [M + "Mentor"], "ObserverEnrollment", false, false },
        { "Student", [M + "Learner"], "StudentEnrollment", false, false },
        { "TestStudent", [M + "Learner", "http://purl.imsglobal.org/vocab/lti/system/person#TestUser"], "StudentViewEnrollment", false, false },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Role_SeesAndEntersGradesExactlyAsTheMatrixSays(string role, string[] urns, string canvasRoles, bool sees, bool enters)
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Permissions:Preset"] = "university" });
        var course = await GradebookFlowTests.TeacherWithRosterAsync(app);
        var student = (await GradebookFlowTests.StudentsAsync(course))[0];
        var column = await GradebookFlowTests.AddColumnAsync(course, "Quiz", 10);

        var outcome = await app.LaunchAsync(LaunchKind.InstructorCourseNavigation, b => b
            .Set(LtiClaimTypes.Roles, new JsonArray(urns.Select(u => (JsonNode)JsonValue.Create(u)!).ToArray()))
            .Set(LtiClaimTypes.Custom, new JsonObject { ["canvas_membership_roles"] = canvasRoles }));
        Assert.Equal([role], outcome.Roles);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);

        var book = await client.GetAsync($"{course.Api}/gradebook");
        var page = await client.GetAsync($"/courses/{course.ContextId}/grades");
        var save = await client.PutAsJsonAsync($"{course.Api}/line-items/{column}/grades", new { grades = new[] { new { userId = student.Id, value = "7" } } });
        var push = await client.PostAsync($"{course.Api}/line-items/{column}/push", null);

        Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.Forbidden, book.StatusCode);
        Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(enters ? HttpStatusCode.OK : HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Equal(enters ? HttpStatusCode.Accepted : HttpStatusCode.Forbidden, push.StatusCode);
        if (!sees) Assert.Equal("forbidden", JsonDocument.Parse(await book.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
