namespace LtiTool.Web.Features.Roles;

/// <summary>The permission catalogue: what this tool lets a role do.</summary>
public static class Permissions
{
    public const string ViewCourseContent = "view_course_content";
    public const string ViewRoster = "view_roster";
    public const string ViewUserIdentifiers = "view_user_identifiers";
    public const string ViewAllGrades = "view_all_grades";
    public const string EditGrades = "edit_grades";
    public const string ManageAssignments = "manage_assignments";
    public const string ManageOutcomes = "manage_outcomes";
    public const string ManageCourseState = "manage_course_state";
    public const string SubmitOwnWork = "submit_own_work";
    public const string ViewOwnGrade = "view_own_grade";
    public const string ViewAnalytics = "view_analytics";
    public const string MessageClass = "message_class";
    public const string MessageIndividuals = "message_individuals";
    public const string ManagePlatforms = "manage_platforms";
    public const string ViewAuditLog = "view_audit_log";
    public const string ManageRolePolicy = "manage_role_policy";
    public const string RunRetention = "run_retention";

    public static readonly IReadOnlyList<string> All =
    [
        ViewCourseContent, ViewRoster, ViewUserIdentifiers, ViewAllGrades, EditGrades, ManageAssignments, ManageOutcomes,
        ManageCourseState, SubmitOwnWork, ViewOwnGrade, ViewAnalytics, MessageClass, MessageIndividuals,
        ManagePlatforms, ViewAuditLog, ManageRolePolicy, RunRetention,
    ];

    /// <summary>Permissions only instructional staff may hold: no student-type role ever gets one.</summary>
    public static readonly IReadOnlyList<string> Instructional =
        [ViewUserIdentifiers, ViewAllGrades, EditGrades, ManageAssignments, ManageOutcomes, ManageCourseState, ViewAnalytics];

    /// <summary>Permissions of institution administration.</summary>
    public static readonly IReadOnlyList<string> Administrative = [ManagePlatforms, ViewAuditLog, ManageRolePolicy, RunRetention];
}
