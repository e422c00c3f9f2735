using System.Text.Json;
using LtiTool.Lti.Roles;
using LtiTool.Web.Features.Roles;

namespace LtiTool.Web.Tests.Features.Roles;

public sealed class RoleMapTests
{
    private const string M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private const string I = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
    private const string S = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";
    private const string TestUser = "http://purl.imsglobal.org/vocab/lti/system/person#TestUser";

    private static IReadOnlyList<string> Map(IEnumerable<string> urns, string? canvasRoles = null, AdminRightsPolicy admin = AdminRightsPolicy.NamedAdminRoles)
    {
        var options = new RoleOptions { AdminRights = admin };
        var custom = canvasRoles is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [options.CanvasRolesParameter] = canvasRoles };
        return RoleMap.Map(LisRole.ParseAll(urns), RoleMap.CanvasRoleNames(custom, options), options).Roles;
    }

    // Every row of Canvas's LTI Advantage role map (LIS_V2_LTI_ADVANTAGE_ROLE_MAP), as Canvas sends it.
    public static TheoryData<string, string, string[], string[]> CanvasRoleTable()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["course_enrollment_types/TeacherEnrollment"] = [CourseRoles.Teacher],
            ["course_enrollment_types/TaEnrollment"] = [CourseRoles.TeachingAssistant],
            ["course_enrollment_types/StudentEnrollment"] = [CourseRoles.Student],
            ["course_enrollment_types/DesignerEnrollment"] = [CourseRoles.Designer],
            ["course_enrollment_types/ObserverEnrollment"] = [CourseRoles.Observer],
            ["course_enrollment_types/StudentViewEnrollment"] = [CourseRoles.TestStudent],
            ["group_memberships/group_member"] = [CourseRoles.GroupMember],
            ["group_memberships/group_leader"] = [CourseRoles.GroupLeader],
            ["system_and_institution/user"] = [],
            ["system_and_institution/siteadmin"] = [],
            ["system_and_institution/fake_student"] = [],
            ["system_and_institution/teacher"] = [],
            ["system_and_institution/student"] = [],
            ["system_and_institution/admin"] = [],
            ["system_and_institution/AccountUser"] = [],
        };
        var data = new TheoryData<string, string, string[], string[]>();
        using var table = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "canvas-role-urns.json")));
        foreach (var group in new[] { "course_enrollment_types", "group_memberships", "system_and_institution" })
        foreach (var row in table.RootElement.GetProperty(group).EnumerateObject())
            data.Add(group, row.Name, row.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), expected[$"{group}/{row.Name}"]);
        data.Add("no_user", "no_user", table.RootElement.GetProperty("no_user").EnumerateArray().Select(v => v.GetString()!).ToArray(), []);
        return data;
    }

    [Theory]
    [MemberData(nameof(CanvasRoleTable))]
    public void Map_EveryCanvasRoleRow_GivesItsCourseRole(string group, string canvasRole, string[] urns, string[] expected)
    {
        Assert.True(group.Length > 0 && canvasRole.Length > 0);
        Assert.Equal(expected, Map(urns));
    }

    // Canvas's other two vocabularies, row by row (Lti::SubstitutionsHelper): LIS_ROLE_MAP (LTI 1.1, via the
    // LtiOutbound role constants) and the legacy LIS_V2_ROLE_MAP with its lowercase 'instructor' typo.
    [Theory]
    [InlineData("LTI 1.1 StudentEnrollment", new[] { "Learner" }, new[] { CourseRoles.Student })]
    [InlineData("LTI 1.1 TeacherEnrollment", new[] { "Instructor" }, new[] { CourseRoles.Teacher })]
    [InlineData("LTI 1.1 TaEnrollment", new[] { "urn:lti:role:ims/lis/TeachingAssistant" }, new[] { CourseRoles.TeachingAssistant })]
    [InlineData("LTI 1.1 DesignerEnrollment", new[] { "ContentDeveloper" }, new[] { CourseRoles.Designer })]
    [InlineData("LTI 1.1 ObserverEnrollment", new[] { "urn:lti:role:ims/lis/Learner/NonCreditLearner" }, new[] { CourseRoles.Observer })]
    [InlineData("LTI 1.1 StudentViewEnrollment", new[] { "Learner" }, new[] { CourseRoles.Student })]
    [InlineData("LTI 1.1 user", new[] { "urn:lti:sysrole:ims/lis/User" }, new string[0])]
    [InlineData("LTI 1.1 siteadmin", new[] { "urn:lti:sysrole:ims/lis/SysAdmin" }, new string[0])]
    [InlineData("LTI 1.1 teacher", new[] { "urn:lti:instrole:ims/lis/Instructor" }, new string[0])]
    [InlineData("LTI 1.1 student", new[] { "urn:lti:instrole:ims/lis/Student" }, new string[0])]
    [InlineData("LTI 1.1 admin / AccountUser", new[] { "urn:lti:instrole:ims/lis/Administrator" }, new string[0])]
    [InlineData("LTI 1.1 no user", new[] { "urn:lti:sysrole:ims/lis/None" }, new string[0])]
    [InlineData("LIS v2 TaEnrollment (typo)", new[] { "http://purl.imsglobal.org/vocab/lis/v2/membership/instructor#TeachingAssistant", M + "Instructor" }, new[] { CourseRoles.TeachingAssistant })]
    [InlineData("LIS v2 StudentEnrollment", new[] { M + "Learner" }, new[] { CourseRoles.Student })]
    [InlineData("LIS v2 TeacherEnrollment", new[] { M + "Instructor" }, new[] { CourseRoles.Teacher })]
    [InlineData("LIS v2 DesignerEnrollment", new[] { M + "ContentDeveloper" }, new[] { CourseRoles.Designer })]
    [InlineData("LIS v2 ObserverEnrollment", new[] { M + "Mentor" }, new[] { CourseRoles.Observer })]
    [InlineData("LIS v2 StudentViewEnrollment", new[] { M + "Learner" }, new[] { CourseRoles.Student })]
    [InlineData("LIS v2 none", new[] { "http://purl.imsglobal.org/vocab/lis/v2/person#None" }, new string[0])]
    public void Map_CanvasLegacyRoleTables(string row, string[] urns, string[] expected)
    {
        Assert.False(string.IsNullOrEmpty(row));
        Assert.Equal(expected, Map(urns));
    }

    [Theory]
    [InlineData("urn:lti:role:ims/lis/Learner", CourseRoles.Student)]
    [InlineData("urn:lti:role:ims/lis/Learner/NonCreditLearner", CourseRoles.Observer)]
    [InlineData("urn:lti:role:ims/lis/Mentor", CourseRoles.Observer)]
    [InlineData("urn:lti:role:ims/lis/Instructor", CourseRoles.Teacher)]
    [InlineData("urn:lti:role:ims/lis/TeachingAssistant", CourseRoles.TeachingAssistant)]
    [InlineData("urn:lti:role:ims/lis/ContentDeveloper", CourseRoles.Designer)]
    [InlineData("Instructor", CourseRoles.Teacher)]
    [InlineData("Learner", CourseRoles.Student)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#NonCreditLearner", CourseRoles.Observer)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#Grader", CourseRoles.Grader)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#GuestInstructor", CourseRoles.GuestInstructor)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#Lecturer", CourseRoles.Teacher)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistantSection", CourseRoles.TeachingAssistant)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership/instructor#TeachingAssistant", CourseRoles.TeachingAssistant)]
    public void Map_Lti11ShortAndSubRoleForms(string urn, string expected) =>
        Assert.Equal([expected], Map([urn]));

    [Theory]
    [InlineData("urn:lti:instrole:ims/lis/Administrator")]
    [InlineData("urn:lti:sysrole:ims/lis/SysAdmin")]
    [InlineData(I + "Administrator")]
    [InlineData(S + "SysAdmin")]
    public void Map_InstitutionAdmins_AreAdminOnlyWhenThePolicySaysSo(string urn)
    {
        Assert.Equal([CourseRoles.Admin], Map([urn], admin: AdminRightsPolicy.AnyInstitutionAdmin));
        Assert.Empty(Map([urn], admin: AdminRightsPolicy.NamedAdminRoles));
        Assert.Empty(Map([urn], admin: AdminRightsPolicy.None));
    }

    [Fact]
    public void Map_StudentWhoTeachesElsewhere_IsAStudentHere() =>
        Assert.Equal([CourseRoles.Student], Map([I + "Instructor", M + "Learner", S + "User"]));

    [Fact]
    public void Map_StudentViewUser_IsTestStudent() =>
        Assert.Equal([CourseRoles.TestStudent], Map([M + "Learner", S + "User", TestUser]));

    [Theory]
    [InlineData(M + "Instructor", "TeacherEnrollment,Co-Instructor", CourseRoles.CoInstructor)]
    [InlineData(M + "Instructor", "Course Manager", CourseRoles.CourseManager)]
    [InlineData(M + "Instructor", "Guest Instructor", CourseRoles.GuestInstructor)]
    [InlineData(M + "Learner", "WL-Student", CourseRoles.WlStudent)]
    [InlineData(M + "Learner", "S2-Student", CourseRoles.S2Student)]
    [InlineData(M + "Learner", "No S2-Student", CourseRoles.NoS2Student)]
    [InlineData(M + "Learner", "Grader", CourseRoles.Student)]
    [InlineData(M + "Learner", "Co-Instructor,Enterprise", CourseRoles.Student)]
    [InlineData(M + "Instructor", "$Canvas.membership.roles", CourseRoles.Teacher)]
    public void Map_CanvasRoleNames_RefineOnlyABaseRoleTheUserHolds(string urn, string canvasRoles, string expected) =>
        Assert.Equal([expected], Map([urn], canvasRoles));

    [Fact]
    public void Map_TaNamedGrader_IsGraderNotAlsoTa() =>
        Assert.Equal([CourseRoles.Grader], Map(["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant", M + "Instructor"], "TaEnrollment,Grader"));

    [Theory]
    [InlineData("Enterprise", CourseRoles.Enterprise)]
    [InlineData("Researcher", CourseRoles.Researcher)]
    [InlineData("Executive", CourseRoles.Executive)]
    [InlineData("Deputy", CourseRoles.Deputy)]
    [InlineData("Manager", CourseRoles.Manager)]
    public void Map_NamedAdminRole_NeedsAnInstitutionAdminUrn(string name, string expected)
    {
        Assert.Equal([expected], Map([I + "Administrator", S + "User"], $"Account Admin,{name}"));
        Assert.Empty(Map([S + "User"], name));
        Assert.Empty(Map([I + "Administrator"], name, AdminRightsPolicy.None));
    }

    [Fact]
    public void Map_UnknownValues_AreKeptAsUnmapped()
    {
        var options = new RoleOptions();
        var mapping = RoleMap.Map(LisRole.ParseAll([M + "Learner", "https://example.edu/roles#Wizard", M + "Officer"]), [], options);
        Assert.Equal([CourseRoles.Student], mapping.Roles);
        Assert.Equal(["https://example.edu/roles#Wizard", M + "Officer"], mapping.Unmapped);
    }

    [Fact]
    public void Property_StudentTypeContextRolesNeverYieldAnInstructionalPermission()
    {
        string[] studentContext = [M + "Learner", "urn:lti:role:ims/lis/Learner", "Learner", M + "Mentor", "urn:lti:role:ims/lis/Learner/NonCreditLearner", M + "Member", M + "Manager"];
        string[] extras = [I + "Instructor", I + "Administrator", I + "Student", S + "SysAdmin", S + "User", TestUser, "urn:lti:instrole:ims/lis/Administrator", "https://example.edu/x"];
        string[] names = ["Grader", "Co-Instructor", "Course Manager", "Guest Instructor", "Enterprise", "Executive", "Researcher", "WL-Student", "No S2-Student", "TeacherEnrollment"];
        var random = new Random(20261123);
        for (var i = 0; i < 3000; i++)
        {
            var urns = Pick(random, studentContext, 1, 3).Concat(Pick(random, extras, 0, 4)).ToArray();
            var canvas = string.Join(',', Pick(random, names, 0, 3));
            var policy = (AdminRightsPolicy)random.Next(3);
            var roles = Map(urns, canvas, policy);
            foreach (var preset in PermissionPresets.All.Keys)
            {
                var permissions = new PermissionMatrix(Microsoft.Extensions.Options.Options.Create(new PermissionOptions { Preset = preset })).For("i", "c", roles);
                Assert.True(!permissions.Intersect(Permissions.Instructional).Any(),
                    $"{string.Join(' ', urns)} + [{canvas}] ({policy}, {preset}) -> {string.Join(',', roles)} -> {string.Join(',', permissions)}");
            }
        }
    }

    private static IEnumerable<string> Pick(Random random, string[] from, int min, int max) =>
        Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => from[random.Next(from.Length)]).Distinct();
}
