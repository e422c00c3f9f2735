namespace LtiTool.Lti.Platforms;

/// <summary>
/// A platform as written in configuration (<c>Lti:Platforms:N:*</c>, or <c>Lti__Platforms__N__*</c> as
/// environment variables).
/// </summary>
public sealed class PlatformOptions
{
    /// <summary>A display name; defaults to the issuer's host.</summary>
    public string? Name { get; set; }
    /// <summary>The platform's issuer.</summary>
    public string? Issuer { get; set; }
    /// <summary>The client id assigned to the tool.</summary>
    public string? ClientId { get; set; }
    /// <summary>The OIDC authorization endpoint.</summary>
    public string? AuthorizationEndpoint { get; set; }
    /// <summary>The platform's JWKS URL.</summary>
    public string? JwksUri { get; set; }
    /// <summary>The OAuth 2 token endpoint (optional).</summary>
    public string? TokenEndpoint { get; set; }
    /// <summary>The deployment ids accepted.</summary>
    public List<string> DeploymentIds { get; set; } = [];
    /// <summary>Whether launches are accepted (default true).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>What to do with a launch whose browser proved no binding: Refuse (default) or AcceptServerState.</summary>
    public UnboundLaunchPolicy UnboundLaunches { get; set; } = UnboundLaunchPolicy.Refuse;
    /// <summary>When logins use platform storage for the binding: WhenOffered (default), Probe or Off.</summary>
    public PlatformStorageMode PlatformStorage { get; set; } = PlatformStorageMode.WhenOffered;

    /// <summary>
    /// Checks the entry and names every bad key with its configuration path, e.g.
    /// <c>Lti:Platforms:0:JwksUri</c>. Returns no message when the entry is valid.
    /// </summary>
    public IEnumerable<string> Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Issuer)) yield return $"{path}:Issuer is required.";
        if (string.IsNullOrWhiteSpace(ClientId)) yield return $"{path}:ClientId is required.";
        foreach (var message in CheckUrl(path, nameof(AuthorizationEndpoint), AuthorizationEndpoint, required: true)) yield return message;
        foreach (var message in CheckUrl(path, nameof(JwksUri), JwksUri, required: true)) yield return message;
        foreach (var message in CheckUrl(path, nameof(TokenEndpoint), TokenEndpoint, required: false)) yield return message;
        if (DeploymentIds.Count == 0) yield return $"{path}:DeploymentIds needs at least one deployment id ({path}:DeploymentIds:0).";
        for (var i = 0; i < DeploymentIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(DeploymentIds[i])) yield return $"{path}:DeploymentIds:{i} is empty.";
        }
    }

    private static IEnumerable<string> CheckUrl(string path, string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) yield return $"{path}:{key} is required.";
            yield break;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{path}:{key} must be an absolute http(s) URL.";
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            yield return $"{path}:{key} must use https (plain http is allowed for loopback addresses only).";
        }
    }
}
