using LtiTool.Web.Features.Roles;
using Microsoft.Extensions.Options;
using static LtiTool.Web.Features.Roles.Permissions;
using R = LtiTool.Web.Features.Roles.CourseRoles;

namespace LtiTool.Web.Tests.Features.Roles;

public sealed class PermissionMatrixTests
{
    private static PermissionMatrix Matrix(PermissionOptions options) => new(Options.Create(options));
    private static IReadOnlyList<string> University(string role) => Matrix(new PermissionOptions { Preset = PermissionPresets.University }).For("i", "c", [role]);

    // The university's procedures, cell by cell for what they say.
    [Theory]
    [InlineData(R.Observer, ViewRoster, false)]
    [InlineData(R.Observer, ViewAllGrades, false)]
    [InlineData(R.Observer, ViewOwnGrade, false)]
    [InlineData(R.Observer, MessageClass, false)]
    [InlineData(R.Observer, ViewCourseContent, true)]
    [InlineData(R.Grader, ViewAllGrades, true)]
    [InlineData(R.Grader, EditGrades, true)]
    [InlineData(R.Grader, ManageAssignments, false)]
    [InlineData(R.Grader, ManageOutcomes, false)]
    [InlineData(R.GuestInstructor, ManageOutcomes, false)]
    [InlineData(R.GuestInstructor, ViewAnalytics, false)]
    [InlineData(R.GuestInstructor, ViewAllGrades, false)]
    [InlineData(R.GuestInstructor, ManageAssignments, true)]
    [InlineData(R.Designer, ViewAllGrades, false)]
    [InlineData(R.Designer, ViewAnalytics, false)]
    [InlineData(R.Designer, ManageAssignments, true)]
    [InlineData(R.NoS2Student, MessageIndividuals, false)]
    [InlineData(R.NoS2Student, SubmitOwnWork, true)]
    [InlineData(R.S2Student, MessageIndividuals, true)]
    [InlineData(R.Teacher, ManageCourseState, true)]
    [InlineData(R.CoInstructor, ManageCourseState, false)]
    [InlineData(R.CourseManager, ManageCourseState, false)]
    [InlineData(R.TeachingAssistant, ManageCourseState, false)]
    [InlineData(R.Enterprise, ManagePlatforms, true)]
    [InlineData(R.Enterprise, ManageRolePolicy, true)]
    [InlineData(R.Executive, ManagePlatforms, false)]
    [InlineData(R.Deputy, ManageRolePolicy, false)]
    [InlineData(R.Manager, ManagePlatforms, false)]
    [InlineData(R.Researcher, ManagePlatforms, false)]
    [InlineData(R.Researcher, ManageRolePolicy, false)]
    [InlineData(R.Researcher, RunRetention, false)]
    [InlineData(R.Researcher, ViewAnalytics, true)]
    public void University_Preset(string role, string permission, bool granted) =>
        Assert.Equal(granted, University(role).Contains(permission));

    [Fact]
    public void University_WlStudentIsAStudent() =>
        Assert.Equal(University(R.Student), University(R.WlStudent));

    [Fact]
    public void University_OnlyTeacherManagesCourseStateAndOnlyEnterpriseManagesKeysAndPermissions()
    {
        Assert.Equal([R.Teacher], R.All.Where(r => University(r).Contains(ManageCourseState)));
        Assert.Equal([R.Enterprise], R.All.Where(r => University(r).Contains(ManagePlatforms)));
        Assert.Equal([R.Enterprise], R.All.Where(r => University(r).Contains(ManageRolePolicy)));
    }

    [Fact]
    public void Researcher_IsReadOnly() =>
        Assert.DoesNotContain(University(R.Researcher), p => p.StartsWith("manage_", StringComparison.Ordinal) || p is EditGrades or RunRetention or SubmitOwnWork);

    [Fact]
    public void Default_RefinedRoleWithoutARowFallsBackToItsBase() =>
        Assert.Equal(Matrix(new PermissionOptions()).For("i", "c", [R.Teacher]), Matrix(new PermissionOptions()).For("i", "c", [R.CoInstructor]));

    [Fact]
    public void Default_GraderGradesButDoesNotManageActivities()
    {
        var grader = Matrix(new PermissionOptions()).For("i", "c", [R.Grader]);
        Assert.Contains(EditGrades, grader);
        Assert.DoesNotContain(ManageAssignments, grader);
    }

    [Fact]
    public void Overrides_PlatformBeatsGlobalBeatsPreset()
    {
        var options = new PermissionOptions
        {
            Roles = { [R.Observer] = [ViewCourseContent, ViewOwnGrade] },
            Platforms = { new PlatformPermissionOverride { Issuer = "https://canvas.example.edu", Roles = { [R.Observer] = [ViewCourseContent, ViewRoster] } } },
        };
        var matrix = Matrix(options);
        Assert.Equal([ViewCourseContent, ViewOwnGrade], matrix.For("https://other.example", "1", [R.Observer]));
        Assert.Equal([ViewCourseContent, ViewRoster], matrix.For("https://canvas.example.edu", "1", [R.Observer]));
    }

    [Theory]
    [InlineData("Preset", "campus", "Permissions:Preset 'campus' is not one of")]
    [InlineData("Roles:Wizard:0", ViewRoster, "Permissions:Roles:Wizard is not a role")]
    [InlineData("Roles:Teacher:0", "fly", "Permissions:Roles:Teacher:0 'fly' is not a permission")]
    [InlineData("Roles:Student:0", EditGrades, "gives the student-type role Student the instructional permission 'edit_grades'")]
    [InlineData("Platforms:0:Roles:Observer:0", ViewAllGrades, "Permissions:Platforms:0:Issuer is required")]
    public void Startup_InvalidMatrix_FailsNamingTheKey(string key, string value, string message)
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Permissions:" + key] = value });
        var e = Assert.Throws<OptionsValidationException>(() => app.Server);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_UnknownCanvasRoleTarget_FailsNamingTheKey()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Roles:CanvasRoleNames:Tutor"] = "Wizard" });
        var e = Assert.Throws<OptionsValidationException>(() => app.Server);
        Assert.Contains("Roles:CanvasRoleNames:Tutor names 'Wizard'", e.Message, StringComparison.Ordinal);
    }
}
