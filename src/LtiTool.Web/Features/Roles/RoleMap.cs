using LtiTool.Lti.Roles;

namespace LtiTool.Web.Features.Roles;

/// <summary>What a launch's roles became: internal roles, and the values that mapped to nothing.</summary>
public sealed record RoleMapping(IReadOnlyList<string> Roles, IReadOnlyList<string> Unmapped);

/// <summary>
/// LIS roles (+ Canvas role names) → internal roles. Membership (context) roles decide course roles: a student
/// who teaches elsewhere carries institution/person#Instructor, which must not make them a teacher here.
/// A Canvas role name only refines a base role the user already holds (a student named "Grader" somewhere
/// stays a student), and admin names need an institution Administrator or SysAdmin URN and the admin policy.
/// </summary>
public static class RoleMap
{
    public static RoleMapping Map(IReadOnlyList<LisRole> roles, IEnumerable<string> canvasRoleNames, RoleOptions options)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var unmapped = new List<string>();
        var testUser = roles.Any(r => r.Is(LisRoleKind.System, "TestUser"));
        foreach (var role in roles)
        {
            var mapped = role.Kind == LisRoleKind.Context ? MapContextRole(role, testUser) : null;
            if (mapped is not null) result.Add(mapped);
            else if (!IsRecognisedNonCourseRole(role)) unmapped.Add(role.Value);
        }
        // Canvas sends Instructor and Instructor#TeachingAssistant together for TAs: the more specific
        // instructional role wins over plain Teacher. A group leader is also a member.
        if (result.Contains(CourseRoles.TeachingAssistant) || result.Contains(CourseRoles.Grader) || result.Contains(CourseRoles.GuestInstructor))
            result.Remove(CourseRoles.Teacher);
        if (result.Contains(CourseRoles.GroupLeader)) result.Remove(CourseRoles.GroupMember);

        var institutionAdmin = roles.Any(r => r.Is(LisRoleKind.Institution, "Administrator") || r.Is(LisRoleKind.System, "SysAdmin") || r.Is(LisRoleKind.System, "Administrator"));
        if (institutionAdmin && options.AdminRights == AdminRightsPolicy.AnyInstitutionAdmin) result.Add(CourseRoles.Admin);

        var refinedBases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in canvasRoleNames)
        {
            if (!options.CanvasRoleNames.TryGetValue(name.Trim(), out var refined)) continue;
            var baseRole = CourseRoles.BaseRoleOf(refined);
            var holdsBase = baseRole == CourseRoles.Admin
                ? institutionAdmin && options.AdminRights != AdminRightsPolicy.None
                : result.Contains(baseRole);
            if (!holdsBase) continue;
            result.Add(refined);
            refinedBases.Add(baseRole);
        }
        // A refined role replaces its base: a Grader is not also a TeachingAssistant; its own matrix row applies.
        result.ExceptWith(refinedBases);
        return new RoleMapping(result.Order(StringComparer.Ordinal).ToArray(), unmapped);
    }

    /// <summary>The role names in a $Canvas.membership.roles value; nothing when Canvas left the variable unexpanded.</summary>
    public static IReadOnlyList<string> CanvasRoleNames(IReadOnlyDictionary<string, string> custom, RoleOptions options) =>
        custom.TryGetValue(options.CanvasRolesParameter, out var value) && !string.IsNullOrWhiteSpace(value) && !value.TrimStart().StartsWith('$')
            ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];

    private static string? MapContextRole(LisRole role, bool testUser) => role switch
    {
        _ when role.Is(LisRoleKind.Context, "Instructor") => role.SubRole switch
        {
            null => CourseRoles.Teacher,
            // LIS v2 Instructor sub-roles (A.2.3.1): the TA family, Grader and GuestInstructor have roles of
            // their own; Lecturer, PrimaryInstructor, SecondaryInstructor, ExternalInstructor teach.
            var sub when sub.StartsWith("TeachingAssistant", StringComparison.OrdinalIgnoreCase) => CourseRoles.TeachingAssistant,
            var sub when sub.Equals("Grader", StringComparison.OrdinalIgnoreCase) => CourseRoles.Grader,
            var sub when sub.Equals("GuestInstructor", StringComparison.OrdinalIgnoreCase) => CourseRoles.GuestInstructor,
            _ => CourseRoles.Teacher,
        },
        // LTI 1.1 / LIS v1 spelled the TA as a principal role.
        _ when role.Is(LisRoleKind.Context, "TeachingAssistant") => CourseRoles.TeachingAssistant,
        _ when role.Is(LisRoleKind.Context, "ContentDeveloper") => CourseRoles.Designer,
        _ when role.Is(LisRoleKind.Context, "Learner", "NonCreditLearner") => CourseRoles.Observer,
        _ when role.Is(LisRoleKind.Context, "Learner") => testUser ? CourseRoles.TestStudent : CourseRoles.Student,
        _ when role.Is(LisRoleKind.Context, "Mentor") => CourseRoles.Observer,
        _ when role.Is(LisRoleKind.Context, "Manager") => CourseRoles.GroupLeader,
        _ when role.Is(LisRoleKind.Context, "Member") => CourseRoles.GroupMember,
        _ => null,
    };

    // Institution and system roles are understood but grant no course role; they are not "unknown".
    private static bool IsRecognisedNonCourseRole(LisRole role) =>
        role.Kind is LisRoleKind.Institution or LisRoleKind.System;
}
