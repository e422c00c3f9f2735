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
    /// <summary>
    /// The form field the tool's platform storage page adds when it re-posts a launch: "found" with the binding
    /// secret in <see cref="StorageBindingField"/>, or "absent" when the platform's window had none (or never answered).
    /// </summary>
    public const string StorageResultField = "lti_storage_result";
    /// <summary>The form field carrying the binding secret read back from platform storage.</summary>
    public const string StorageBindingField = "lti_storage_binding";
    /// <summary>The tool's JWKS path.</summary>
    public const string JwksPath = "/.well-known/jwks.json";
    /// <summary>
    /// How long platforms may cache the tool's JWKS (its Cache-Control max-age): short, because a key must be
    /// published for at least this long before it signs.
    /// </summary>
    public static readonly TimeSpan JwksMaxAge = TimeSpan.FromMinutes(5);
}
