namespace LtiTool.Lti.AspNetCore;

/// <summary>Scheme names and paths of the launch.</summary>
public static class LtiLaunchDefaults
{
    /// <summary>The authentication scheme that validates launches.</summary>
    public const string AuthenticationScheme = "LtiLaunch";
    /// <summary>The OIDC login initiation path.</summary>
    public const string LoginPath = "/lti/login";
    /// <summary>The launch (redirect_uri) path.</summary>
    public const string LaunchPath = "/lti/launch";
    /// <summary>The tool's JWKS path.</summary>
    public const string JwksPath = "/.well-known/jwks.json";
    /// <summary>
    /// How long platforms may cache the tool's JWKS (its Cache-Control max-age): short, because a key must be
    /// published for at least this long before it signs.
    /// </summary>
    public static readonly TimeSpan JwksMaxAge = TimeSpan.FromMinutes(5);
}
