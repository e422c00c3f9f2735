using static LtiTool.Web.Features.Roles.Permissions;
using R = LtiTool.Web.Features.Roles.CourseRoles;

namespace LtiTool.Web.Features.Roles;

/// <summary>
/// The shipped matrices. "default" suits most schools; "university" reproduces the seed university's Canvas
/// procedures (custom roles, restricted observers, graders and guests). A role without a row of its own
/// falls back to its base role's row.
/// </summary>
public static class PermissionPresets
{
    public const string Default = "default";
    public const string University = "university";

    private static readonly string[] AllCourse =
        [ViewCourseContent, ViewRoster, ViewUserIdentifiers, ViewAllGrades, EditGrades, ManageAssignments, ManageOutcomes, ManageCourseState, ViewAnalytics, MessageClass, MessageIndividuals];

    private static readonly string[] StudentRow = [ViewCourseContent, ViewRoster, SubmitOwnWork, ViewOwnGrade, MessageClass, MessageIndividuals];

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> All = new Dictionary<string, IReadOnlyDictionary<string, string[]>>(StringComparer.OrdinalIgnoreCase)
    {
        [Default] = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [R.Student] = StudentRow,
            [R.TestStudent] = StudentRow,
            [R.Observer] = [ViewCourseContent],
            [R.Teacher] = AllCourse,
            [R.TeachingAssistant] = [ViewCourseContent, ViewRoster, ViewUserIdentifiers, ViewAllGrades, EditGrades, ManageAssignments, ViewAnalytics, MessageClass, MessageIndividuals],
            [R.Designer] = [ViewCourseContent, ViewRoster, ManageAssignments, ManageOutcomes],
            // A grader grades; changing what is graded is the teacher's (issue #5).
            [R.Grader] = [ViewCourseContent, ViewRoster, ViewAllGrades, EditGrades],
            [R.Admin] = [ViewCourseContent, ManagePlatforms, ViewAuditLog, ManageRolePolicy, RunRetention],
            [R.GroupMember] = [ViewCourseContent, MessageClass],
            [R.GroupLeader] = [ViewCourseContent, ViewRoster, MessageClass],
        },
        [University] = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [R.Student] = StudentRow,
            [R.TestStudent] = StudentRow,
            [R.WlStudent] = StudentRow,
            [R.S2Student] = StudentRow,
            // No S2-Student: may not message individual members.
            [R.NoS2Student] = [ViewCourseContent, ViewRoster, SubmitOwnWork, ViewOwnGrade, MessageClass],
            // Observers see neither participants, discussions nor grades.
            [R.Observer] = [ViewCourseContent],
            // Only the Teacher manages course state.
            [R.Teacher] = AllCourse,
            [R.CoInstructor] = AllCourse.Except([ManageCourseState]).ToArray(),
            [R.CourseManager] = AllCourse.Except([ManageCourseState]).ToArray(),
            // Guest Instructors manage no outcomes and see no analytics or grades.
            [R.GuestInstructor] = [ViewCourseContent, ViewRoster, ManageAssignments, MessageClass, MessageIndividuals],
            // Graders view and edit grades but do not change content.
            [R.Grader] = [ViewCourseContent, ViewRoster, ViewAllGrades, EditGrades],
            [R.TeachingAssistant] = [ViewCourseContent, ViewRoster, ViewUserIdentifiers, ViewAllGrades, EditGrades, ManageAssignments, MessageClass, MessageIndividuals],
            // Designers see no grades or analytics.
            [R.Designer] = [ViewCourseContent, ViewRoster, ManageAssignments, ManageOutcomes],
            // Only Enterprise manages keys, platforms and permissions; Researcher is read-only.
            [R.Enterprise] = [ViewCourseContent, ManagePlatforms, ManageRolePolicy, ViewAuditLog, RunRetention],
            [R.Executive] = [ViewCourseContent, ViewAnalytics, ViewAuditLog],
            [R.Deputy] = [ViewCourseContent, ViewAuditLog, RunRetention],
            [R.Manager] = [ViewCourseContent, ViewAuditLog],
            [R.Researcher] = [ViewCourseContent, ViewAnalytics],
            [R.Admin] = [ViewCourseContent, ViewAuditLog],
            [R.GroupMember] = [ViewCourseContent, MessageClass],
            [R.GroupLeader] = [ViewCourseContent, ViewRoster, MessageClass],
        },
    };
}
