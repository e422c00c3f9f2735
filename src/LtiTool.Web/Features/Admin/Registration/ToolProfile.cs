using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Claims;
using LtiTool.Web.Features.Roles;
using LtiTool.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>
/// What the tool asks a platform for — its URLs, service scopes, privacy level, custom fields and placements —
/// worked out once from <see cref="DeveloperKeyOptions"/> and the public base URL. The Canvas developer key JSON
/// and the Dynamic Registration request are two spellings of it.
/// </summary>
public sealed record ToolProfile(
    string Title,
    string Description,
    string PrivacyLevel,
    Uri LoginUrl,
    Uri LaunchUrl,
    Uri JwksUrl,
    IReadOnlyList<string> Scopes,
    IReadOnlyDictionary<string, string> CustomFields,
    IReadOnlyList<ProfilePlacement> Placements)
{
    /// <summary>The services the tool calls: gradebook columns, scores and results (AGS), the roster (NRPS).</summary>
    public static readonly IReadOnlyList<string> ServiceScopes =
        [LtiScopes.AgsLineItem, LtiScopes.AgsLineItemReadOnly, LtiScopes.AgsScore, LtiScopes.AgsResultReadOnly, LtiScopes.NrpsContextMembershipReadOnly];

    /// <summary>The tool's host as platforms match links against it (with the port when it is not the default one).</summary>
    public string Domain => LaunchUrl.IsDefaultPort ? LaunchUrl.IdnHost : LaunchUrl.Authority;

    /// <summary>What a service scope lets the tool do, in an administrator's words.</summary>
    public static string Purpose(string scope) => scope switch
    {
        LtiScopes.AgsLineItem => "create, change and delete gradebook columns",
        LtiScopes.AgsLineItemReadOnly => "read gradebook columns",
        LtiScopes.AgsScore => "send scores and comments to the gradebook",
        LtiScopes.AgsResultReadOnly => "read the gradebook's results, to compare them with the tool's",
        LtiScopes.NrpsContextMembershipReadOnly => "read course rosters (names, roles and, by privacy level, e-mail addresses)",
        _ => scope,
    };

    /// <summary>What the privacy level shares with the tool.</summary>
    public string PrivacyDescription => PrivacyLevel switch
    {
        "public" => "names, e-mail addresses and pictures",
        "name_only" => "names, no e-mail addresses",
        "email_only" => "e-mail addresses, no names",
        _ => "opaque user ids only: no names or e-mail addresses",
    };

    /// <summary>The identity claims the privacy level lets the tool have; the Dynamic Registration request asks for these.</summary>
    public IReadOnlyList<string> Claims => PrivacyLevel switch
    {
        "public" => [LtiClaimTypes.Issuer, LtiClaimTypes.Subject, LtiClaimTypes.Name, LtiClaimTypes.GivenName, LtiClaimTypes.FamilyName,
            LtiClaimTypes.Email, LtiClaimTypes.Picture, LtiClaimTypes.Locale],
        "name_only" => [LtiClaimTypes.Issuer, LtiClaimTypes.Subject, LtiClaimTypes.Name, LtiClaimTypes.GivenName, LtiClaimTypes.FamilyName, LtiClaimTypes.Locale],
        "email_only" => [LtiClaimTypes.Issuer, LtiClaimTypes.Subject, LtiClaimTypes.Email, LtiClaimTypes.Locale],
        _ => [LtiClaimTypes.Issuer, LtiClaimTypes.Subject],
    };
}

/// <summary>An offered placement with its link text and icon.</summary>
public sealed record ProfilePlacement(ToolPlacement Placement, string Text, Uri? IconUrl);

/// <summary>Builds the <see cref="ToolProfile"/> for a request (its base URL when Lti:PublicBaseUrl is unset).</summary>
public sealed class ToolProfiles(IOptions<DeveloperKeyOptions> options, IOptions<RoleOptions> roles, PublicUrls urls)
{
    public ToolProfile For(HttpRequest request)
    {
        var o = options.Value;
        var placements = ToolPlacements.All.Where(o.IsOffered).Select(p =>
        {
            var settings = o.Settings(p);
            return new ProfilePlacement(p, settings?.Text?.Trim() ?? o.Title!, settings?.IconUrl is { } icon ? new Uri(icon) : null);
        }).ToList();
        // Current Canvas sends neither its user nor its course id in 1.3 launches, and custom roles only by
        // name through $Canvas.membership.roles (canvas-lti13 §2.4, §10.7): the tool asks for them here.
        var custom = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [roles.Value.CanvasRolesParameter] = "$Canvas.membership.roles",
            ["canvas_user_id"] = "$Canvas.user.id",
            ["canvas_course_id"] = "$Canvas.course.id",
            ["canvas_api_domain"] = "$Canvas.api.domain",
        };
        return new ToolProfile(o.Title!, o.Description!, o.PrivacyLevel!,
            urls.Absolute(request, LtiLaunchDefaults.LoginPath), urls.Absolute(request, LtiLaunchDefaults.LaunchPath), urls.Absolute(request, LtiLaunchDefaults.JwksPath),
            ToolProfile.ServiceScopes, custom, placements);
    }
}
