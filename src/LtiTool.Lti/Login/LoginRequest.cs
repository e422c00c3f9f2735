namespace LtiTool.Lti.Login;

/// <summary>
/// The parameters of an OIDC third-party initiated login (LTI Core 1.3 §4.1; Security Framework 1.0 §5.1.1.1),
/// including the Canvas extras kept for later use.
/// </summary>
public sealed record LoginRequest(
    string? Issuer,
    string? LoginHint,
    string? TargetLinkUri,
    string? LtiMessageHint,
    string? ClientId,
    string? DeploymentId,
    string? StorageTarget,
    string? CanvasRegion,
    string? CanvasEnvironment)
{
    /// <summary>Reads the parameters from a form or query; the deployment under either name (Canvas has sent both).</summary>
    public static LoginRequest From(Func<string, string?> get) => new(
        Issuer: get("iss"),
        LoginHint: get("login_hint"),
        TargetLinkUri: get("target_link_uri"),
        LtiMessageHint: get("lti_message_hint"),
        ClientId: get("client_id"),
        DeploymentId: get("lti_deployment_id") ?? get("deployment_id"),
        StorageTarget: get("lti_storage_target"),
        CanvasRegion: get("canvas_region"),
        CanvasEnvironment: get("canvas_environment"));

    /// <summary>
    /// The same login as a URL, for the "open in a new window" fallback: opened top-level, the tool is first-party
    /// there and its cookie works. Built before the platform saw the login, so the lti_message_hint is still unused
    /// (Canvas's is single use). Without lti_storage_target: a window of its own needs no platform storage.
    /// </summary>
    public Uri ToUrl(Uri loginUrl)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value) { if (value is not null) parameters.Add(new(name, value)); }
        Add("iss", Issuer);
        Add("login_hint", LoginHint);
        Add("target_link_uri", TargetLinkUri);
        Add("lti_message_hint", LtiMessageHint);
        Add("client_id", ClientId);
        Add("lti_deployment_id", DeploymentId);
        Add("canvas_region", CanvasRegion);
        Add("canvas_environment", CanvasEnvironment);
        return new Uri(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(loginUrl.AbsoluteUri, parameters));
    }
}
