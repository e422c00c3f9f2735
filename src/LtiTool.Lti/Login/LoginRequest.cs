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
}
