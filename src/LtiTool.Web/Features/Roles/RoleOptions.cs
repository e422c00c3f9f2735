namespace LtiTool.Web.Features.Roles;

/// <summary>How LIS roles and Canvas role names become internal roles, bound from <c>Roles</c>.</summary>
public sealed class RoleOptions
{
    public const string Section = "Roles";

    /// <summary>
    /// Who gets admin rights. NamedAdminRoles (default): only a Canvas admin role name from
    /// <see cref="CanvasRoleNames"/> (Enterprise, Researcher…) on top of an institution Administrator or
    /// SysAdmin URN. AnyInstitutionAdmin: every institution Administrator or SysAdmin is Admin. None: nobody.
    /// </summary>
    public AdminRightsPolicy AdminRights { get; set; } = AdminRightsPolicy.NamedAdminRoles;

    /// <summary>The custom parameter bound to $Canvas.membership.roles in the developer key.</summary>
    public string CanvasRolesParameter { get; set; } = "canvas_membership_roles";

    /// <summary>Canvas role names (as the platform spells them) → internal refined roles.</summary>
    public Dictionary<string, string> CanvasRoleNames { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Co-Instructor"] = CourseRoles.CoInstructor,
        ["Course Manager"] = CourseRoles.CourseManager,
        ["Guest Instructor"] = CourseRoles.GuestInstructor,
        ["Grader"] = CourseRoles.Grader,
        ["WL-Student"] = CourseRoles.WlStudent,
        ["S2-Student"] = CourseRoles.S2Student,
        ["No S2-Student"] = CourseRoles.NoS2Student,
        ["Enterprise"] = CourseRoles.Enterprise,
        ["Executive"] = CourseRoles.Executive,
        ["Deputy"] = CourseRoles.Deputy,
        ["Manager"] = CourseRoles.Manager,
        ["Researcher"] = CourseRoles.Researcher,
    };

    public IEnumerable<string> Validate()
    {
        foreach (var (name, role) in CanvasRoleNames)
            if (!CourseRoles.BaseOf.ContainsKey(role))
                yield return $"Roles:CanvasRoleNames:{name} names '{role}', which is not a refined role ({string.Join(", ", CourseRoles.BaseOf.Keys)}).";
        if (string.IsNullOrWhiteSpace(CanvasRolesParameter)) yield return "Roles:CanvasRolesParameter must name a custom parameter.";
    }
}

public enum AdminRightsPolicy
{
    NamedAdminRoles,
    AnyInstitutionAdmin,
    None,
}
