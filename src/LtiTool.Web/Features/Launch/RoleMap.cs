using LtiTool.Lti.Roles;

namespace LtiTool.Web.Features.Launch;

/// <summary>
/// LIS roles → internal roles. Context (membership) roles decide course roles: a student who teaches
/// elsewhere carries institution/person#Instructor, and that must not make them a teacher here.
/// Institution Administrator and SysAdmin grant Admin only when <paramref name="institutionAdminsAreAdmins"/>.
/// </summary>
public static class RoleMap
{
    public static IReadOnlyList<InternalRole> Map(IReadOnlyList<LisRole> roles, bool institutionAdminsAreAdmins = false)
    {
        var result = new SortedSet<InternalRole>();
        var testUser = roles.Any(r => r.Is(LisRoleKind.System, "TestUser"));
        foreach (var role in roles.Where(r => r.Kind == LisRoleKind.Context))
        {
            InternalRole? mapped = role switch
            {
                _ when role.Is(LisRoleKind.Context, "Instructor", "TeachingAssistant") => InternalRole.TeachingAssistant,
                _ when role.Is(LisRoleKind.Context, "TeachingAssistant") => InternalRole.TeachingAssistant,
                _ when role.Is(LisRoleKind.Context, "Instructor") => InternalRole.Teacher,
                _ when role.Is(LisRoleKind.Context, "ContentDeveloper") => InternalRole.Designer,
                _ when role.Is(LisRoleKind.Context, "Learner", "NonCreditLearner") => InternalRole.Observer,
                _ when role.Is(LisRoleKind.Context, "Learner") => testUser ? InternalRole.TestStudent : InternalRole.Student,
                _ when role.Is(LisRoleKind.Context, "Mentor") => InternalRole.Observer,
                _ when role.Is(LisRoleKind.Context, "Administrator") => InternalRole.Admin,
                _ => null,
            };
            if (mapped is { } r) result.Add(r);
        }
        // Canvas sends Instructor and Instructor#TeachingAssistant together for TAs: the sub-role wins.
        if (result.Contains(InternalRole.TeachingAssistant) && roles.Any(r => r.Is(LisRoleKind.Context, "Instructor", "TeachingAssistant")))
            result.Remove(InternalRole.Teacher);
        if (institutionAdminsAreAdmins && roles.Any(r => r.Is(LisRoleKind.Institution, "Administrator") || r.Is(LisRoleKind.System, "SysAdmin") || r.Is(LisRoleKind.System, "Administrator")))
            result.Add(InternalRole.Admin);
        return result.ToArray();
    }
}
