using LtiTool.Lti.Platforms;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Roles;

/// <summary>
/// Effective permissions of a set of internal roles on a platform: for each role the first row found in the
/// platform's overrides, the global overrides, the preset, then the preset's row for the role's base.
/// A learner never receives an instructional permission, whatever admin role they also hold: when the course
/// roles are student-type only, instructional permissions are removed.
/// </summary>
public sealed class PermissionMatrix(IOptions<PermissionOptions> options)
{
    public IReadOnlyList<string> For(string issuer, string clientId, IEnumerable<string> roles)
    {
        var settings = options.Value;
        var preset = PermissionPresets.All[settings.Preset];
        var platform = settings.Platforms.FirstOrDefault(p => p.Issuer == issuer && (p.ClientId is null || p.ClientId == clientId));
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            var row = Row(platform?.Roles, role) ?? Row(settings.Roles, role) ?? Row(preset, role)
                ?? Row(preset, CourseRoles.BaseRoleOf(role)) ?? [];
            result.UnionWith(row);
        }
        var studentOnly = roles.Any(r => PermissionOptions.StudentTypeRoles.Contains(r))
            && !roles.Any(r => CourseRoles.BaseRoleOf(r) is CourseRoles.Teacher or CourseRoles.TeachingAssistant or CourseRoles.Designer);
        if (studentOnly) result.ExceptWith(Permissions.Instructional);
        return result.ToArray();
    }

    public IReadOnlyList<string> For(PlatformRegistration registration, IEnumerable<string> roles) =>
        For(registration.Issuer, registration.ClientId, roles);

    private static string[]? Row(IReadOnlyDictionary<string, string[]>? rows, string role) =>
        rows is not null && rows.TryGetValue(role, out var row) ? row : null;
}
