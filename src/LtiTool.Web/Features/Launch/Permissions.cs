namespace LtiTool.Web.Features.Launch;

/// <summary>What the tool lets a role do. Issue #3 turns the matrix into configuration; this is its default.</summary>
public static class Permissions
{
    public const string ViewCourseContent = "view_course_content";
    public const string ViewRoster = "view_roster";
    public const string ViewAllGrades = "view_all_grades";
    public const string EditGrades = "edit_grades";
    public const string ManageAssignments = "manage_assignments";
    public const string SubmitOwnWork = "submit_own_work";
    public const string ViewOwnGrade = "view_own_grade";
    public const string ManagePlatforms = "manage_platforms";

    private static readonly Dictionary<InternalRole, string[]> Matrix = new()
    {
        [InternalRole.Student] = [ViewCourseContent, SubmitOwnWork, ViewOwnGrade],
        [InternalRole.TestStudent] = [ViewCourseContent, SubmitOwnWork, ViewOwnGrade],
        [InternalRole.Observer] = [ViewCourseContent],
        [InternalRole.Teacher] = [ViewCourseContent, ViewRoster, ViewAllGrades, EditGrades, ManageAssignments],
        [InternalRole.TeachingAssistant] = [ViewCourseContent, ViewRoster, ViewAllGrades, EditGrades],
        [InternalRole.Designer] = [ViewCourseContent, ManageAssignments],
        [InternalRole.Admin] = [ViewCourseContent, ManagePlatforms],
    };

    public static IReadOnlyList<string> For(IEnumerable<InternalRole> roles) =>
        roles.SelectMany(r => Matrix.GetValueOrDefault(r, [])).Distinct().Order(StringComparer.Ordinal).ToArray();
}
