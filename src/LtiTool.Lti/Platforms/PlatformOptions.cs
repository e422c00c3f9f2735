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
    public IEnumerable<string> Validate(string path) => Problems().Select(p => $"{path}:{p.Key} {p.Message}");

    /// <summary>
    /// Every problem of the entry as the key it concerns (<c>JwksUri</c>, <c>DeploymentIds:2</c>) and a sentence
    /// that follows the key's name ("must use https …"). Empty when the entry is valid.
    /// </summary>
    public IEnumerable<PlatformOptionsProblem> Problems()
    {
        if (string.IsNullOrWhiteSpace(Issuer)) yield return new(nameof(Issuer), "is required.");
        if (string.IsNullOrWhiteSpace(ClientId)) yield return new(nameof(ClientId), "is required.");
        foreach (var problem in CheckUrl(nameof(AuthorizationEndpoint), AuthorizationEndpoint, required: true)) yield return problem;
        foreach (var problem in CheckUrl(nameof(JwksUri), JwksUri, required: true)) yield return problem;
        foreach (var problem in CheckUrl(nameof(TokenEndpoint), TokenEndpoint, required: false)) yield return problem;
        if (DeploymentIds.Count == 0) yield return new(nameof(DeploymentIds), "needs at least one deployment id (DeploymentIds:0).");
        for (var i = 0; i < DeploymentIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(DeploymentIds[i])) yield return new($"{nameof(DeploymentIds)}:{i}", "is empty.");
        }
    }

    private static IEnumerable<PlatformOptionsProblem> CheckUrl(string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) yield return new(key, "is required.");
            yield break;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return new(key, "must be an absolute http(s) URL.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            yield return new(key, "must use https (plain http is allowed for loopback addresses only).");
        }
    }
}

/// <summary>A problem of a <see cref="PlatformOptions"/> entry: the key it concerns and what is wrong with it.</summary>
/// <param name="Key">The option's name, with an index for list items (<c>DeploymentIds:2</c>).</param>
/// <param name="Message">A sentence that follows the key's name.</param>
public sealed record PlatformOptionsProblem(string Key, string Message);
