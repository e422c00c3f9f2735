namespace LtiTool.Web.Features.Roles;

/// <summary>
/// The role → permission matrix, bound from <c>Permissions</c>: a shipped preset, rows replaced globally, and
/// rows replaced for one platform (matched by issuer, and client id when given).
/// </summary>
public sealed class PermissionOptions
{
    public const string Section = "Permissions";

    public string Preset { get; set; } = PermissionPresets.Default;
    public Dictionary<string, string[]> Roles { get; set; } = new(StringComparer.Ordinal);
    public List<PlatformPermissionOverride> Platforms { get; set; } = [];

    /// <summary>Roles that are students in some form: they may never hold an instructional permission.</summary>
    public static readonly IReadOnlyList<string> StudentTypeRoles =
        [CourseRoles.Student, CourseRoles.TestStudent, CourseRoles.WlStudent, CourseRoles.S2Student, CourseRoles.NoS2Student, CourseRoles.Observer, CourseRoles.GroupMember, CourseRoles.GroupLeader];

    public IEnumerable<string> Validate()
    {
        if (!PermissionPresets.All.ContainsKey(Preset))
            yield return $"Permissions:Preset '{Preset}' is not one of: {string.Join(", ", PermissionPresets.All.Keys)}.";
        foreach (var message in ValidateRows("Permissions:Roles", Roles)) yield return message;
        for (var i = 0; i < Platforms.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Platforms[i].Issuer)) yield return $"Permissions:Platforms:{i}:Issuer is required.";
            foreach (var message in ValidateRows($"Permissions:Platforms:{i}:Roles", Platforms[i].Roles)) yield return message;
        }
    }

    private static IEnumerable<string> ValidateRows(string path, Dictionary<string, string[]> rows)
    {
        foreach (var (role, permissions) in rows)
        {
            if (!CourseRoles.All.Contains(role, StringComparer.Ordinal))
                yield return $"{path}:{role} is not a role ({string.Join(", ", CourseRoles.All)}).";
            for (var j = 0; j < permissions.Length; j++)
            {
                if (!Permissions.All.Contains(permissions[j], StringComparer.Ordinal))
                    yield return $"{path}:{role}:{j} '{permissions[j]}' is not a permission ({string.Join(", ", Permissions.All)}).";
                else if (StudentTypeRoles.Contains(role) && Permissions.Instructional.Contains(permissions[j]))
                    yield return $"{path}:{role}:{j} gives the student-type role {role} the instructional permission '{permissions[j]}', which is never allowed.";
            }
        }
    }
}

public sealed class PlatformPermissionOverride
{
    public string? Issuer { get; set; }
    public string? ClientId { get; set; }
    public Dictionary<string, string[]> Roles { get; set; } = new(StringComparer.Ordinal);
}
