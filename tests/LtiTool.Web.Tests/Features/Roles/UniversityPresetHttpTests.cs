using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;

namespace LtiTool.Web.Tests.Features.Roles;

/// <summary>
/// The university preset, cell by cell, for the permissions that have endpoints today: view_roster (members),
/// view_user_identifiers (e-mails in members) and view_audit_log (roles received). Each role is produced the
/// way Canvas would produce it: URNs plus the names in $Canvas.membership.roles.
/// </summary>
public sealed class UniversityPresetHttpTests
{
    private const string M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private const string Admin = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";

    public static TheoryData<string, string[], string, bool, bool, bool> Cells => new()
    {
        // role, URNs, Canvas role names, roster, e-mails, audit
        { "Student", [M + "Learner"], "StudentEnrollment", true, false, false },
        { "TestStudent", [M + "Learner", "http://purl.imsglobal.org/vocab/lti/system/person#TestUser"], "StudentViewEnrollment", true, false, false },
        { "WlStudent", [M + "Learner"], "WL-Student", true, false, false },
        { "S2Student", [M + "Learner"], "S2-Student", true, false, false },
        { "NoS2Student", [M + "Learner"], "No S2-Student", true, false, false },
        { "Observer", [M + "Mentor"], "ObserverEnrollment", false, false, false },
        { "Teacher", [M + "Instructor"], "TeacherEnrollment", true, true, false },
        { "CoInstructor", [M + "Instructor"], "Co-Instructor", true, true, false },
        { "CourseManager", [M + "Instructor"], "Course Manager", true, true, false },
        { "GuestInstructor", [M + "Instructor"], "Guest Instructor", true, false, false },
        { "Grader", ["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant", M + "Instructor"], "Grader", true, false, false },
        { "TeachingAssistant", ["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant", M + "Instructor"], "TaEnrollment", true, true, false },
        { "Designer", [M + "ContentDeveloper"], "DesignerEnrollment", true, false, false },
        { "Enterprise", [Admin], "Account Admin,Enterprise", false, false, true },
        { "Executive", [Admin], "Executive", false, false, true },
        { "Deputy", [Admin], "Deputy", false, false, true },
        { "Manager", [Admin], "Manager", false, false, true },
        { "Researcher", [Admin], "Researcher", false, false, false },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Role_GetsExactlyItsCells(string role, string[] urns, string canvasRoles, bool roster, bool emails, bool audit)
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Permissions:Preset"] = "university" });
        var outcome = await app.LaunchAsync(LaunchKind.StudentAssignment, b => b
            .Set(LtiClaimTypes.Roles, new JsonArray(urns.Select(u => (JsonNode)JsonValue.Create(u)!).ToArray()))
            .Set(LtiClaimTypes.Custom, new JsonObject { ["canvas_membership_roles"] = canvasRoles }));
        Assert.Equal([role], outcome.Roles);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var session = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement;

        var members = await client.GetAsync($"/api/contexts/{session.GetProperty("context").GetProperty("id").GetString()}/members");
        var rolesReceived = await client.GetAsync($"/api/admin/launches/{session.GetProperty("launchId").GetString()}/roles");

        Assert.Equal(roster ? HttpStatusCode.OK : HttpStatusCode.Forbidden, members.StatusCode);
        if (roster)
        {
            var me = JsonDocument.Parse(await members.Content.ReadAsStringAsync()).RootElement[0];
            Assert.Equal(emails, me.GetProperty("email").ValueKind == JsonValueKind.String);
        }
        Assert.Equal(audit ? HttpStatusCode.OK : HttpStatusCode.Forbidden, rolesReceived.StatusCode);
    }
}
