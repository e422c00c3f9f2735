namespace LtiTool.Lti.Roles;

/// <summary>Which vocabulary a role belongs to (LTI Core 1.3 Appendix A.2).</summary>
public enum LisRoleKind
{
    /// <summary>A context (membership) role: it describes the user in this course or group.</summary>
    Context,
    /// <summary>An institution role: the user somewhere in the institution, not necessarily here.</summary>
    Institution,
    /// <summary>A system role.</summary>
    System,
    /// <summary>Not a role vocabulary the tool knows; kept as sent.</summary>
    Unknown,
}

/// <summary>
/// A parsed LIS role: LIS v2 URIs (with sub-roles), LTI 1.1 / LIS v1 URNs, the LTI system TestUser role and
/// bare short context role names. Unknown values are kept, never an error.
/// </summary>
/// <param name="Kind">The vocabulary.</param>
/// <param name="Name">The principal role, e.g. Instructor.</param>
/// <param name="SubRole">The sub-role, e.g. TeachingAssistant, if any.</param>
/// <param name="Value">The value as sent.</param>
public sealed record LisRole(LisRoleKind Kind, string Name, string? SubRole, string Value)
{
    private const string V2 = "http://purl.imsglobal.org/vocab/lis/v2/";
    private const string LtiSystem = "http://purl.imsglobal.org/vocab/lti/system/person#";

    /// <summary>Parses one role value.</summary>
    public static LisRole Parse(string value)
    {
        var v = value.Trim();
        if (v.StartsWith(V2, StringComparison.Ordinal)) return ParseV2(v, v[V2.Length..]);
        if (v.StartsWith(LtiSystem, StringComparison.Ordinal)) return new LisRole(LisRoleKind.System, v[LtiSystem.Length..], null, value);
        if (v.StartsWith("urn:lti:role:ims/lis/", StringComparison.Ordinal)) return Split(LisRoleKind.Context, v["urn:lti:role:ims/lis/".Length..], value);
        if (v.StartsWith("urn:lti:instrole:ims/lis/", StringComparison.Ordinal)) return Split(LisRoleKind.Institution, v["urn:lti:instrole:ims/lis/".Length..], value);
        if (v.StartsWith("urn:lti:sysrole:ims/lis/", StringComparison.Ordinal)) return Split(LisRoleKind.System, v["urn:lti:sysrole:ims/lis/".Length..], value);
        // LTI Core 1.3 A.2.3.1: a context role may be sent as its short name ("Instructor").
        if (v.Length > 0 && !v.Contains(':', StringComparison.Ordinal) && !v.Contains('/', StringComparison.Ordinal))
            return Split(LisRoleKind.Context, v, value);
        return new LisRole(LisRoleKind.Unknown, v, null, value);
    }

    /// <summary>Parses every role of a roles claim.</summary>
    public static IReadOnlyList<LisRole> ParseAll(IEnumerable<string> values) => values.Select(Parse).ToArray();

    /// <summary>Whether this is the role <paramref name="name"/> (and, when given, <paramref name="subRole"/>) of the kind.</summary>
    public bool Is(LisRoleKind kind, string name, string? subRole = null) =>
        Kind == kind && string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        && (subRole is null || string.Equals(SubRole, subRole, StringComparison.OrdinalIgnoreCase));

    private static LisRole ParseV2(string full, string rest)
    {
        // membership#Instructor, membership/Instructor#TeachingAssistant, institution/person#Student, system/person#User
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0) return new LisRole(LisRoleKind.Unknown, full, null, full);
        var path = rest[..hash];
        var fragment = rest[(hash + 1)..];
        if (path == "membership") return new LisRole(LisRoleKind.Context, fragment, null, full);
        if (path.StartsWith("membership/", StringComparison.OrdinalIgnoreCase))
            return new LisRole(LisRoleKind.Context, path["membership/".Length..], fragment, full);
        if (path == "institution/person") return new LisRole(LisRoleKind.Institution, fragment, null, full);
        if (path == "system/person") return new LisRole(LisRoleKind.System, fragment, null, full);
        return new LisRole(LisRoleKind.Unknown, full, null, full);
    }

    private static LisRole Split(LisRoleKind kind, string rest, string value)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? new LisRole(kind, rest, null, value)
            : new LisRole(kind, rest[..slash], rest[(slash + 1)..], value);
    }
}
