namespace LtiTool.Lti.Platforms;

/// <summary>
/// A platform (LMS) registration, keyed by issuer and client id: hosted Canvas uses one issuer for every
/// institution, so the client id (the developer key) tells them apart.
/// </summary>
/// <param name="Id">The tool's own stable id of the registration.</param>
/// <param name="Name">A display name.</param>
/// <param name="Issuer">The platform's issuer (<c>iss</c>).</param>
/// <param name="ClientId">The client id the platform assigned to the tool.</param>
/// <param name="AuthorizationEndpoint">The OIDC authorization endpoint the browser is sent to.</param>
/// <param name="JwksUri">Where the platform publishes the keys that sign its id_tokens.</param>
/// <param name="TokenEndpoint">The OAuth 2 token endpoint for LTI Advantage services, if any.</param>
/// <param name="DeploymentIds">The deployment ids the tool accepts for this registration.</param>
/// <param name="Enabled">Whether launches are accepted.</param>
/// <param name="AutoRegisterDeployments">
/// Whether a valid launch from an unknown deployment puts it up for approval (Canvas makes a deployment per
/// account or sub-account) instead of failing as unknown; either way that launch is refused.
/// </param>
public sealed record PlatformRegistration(
    string Id,
    string Name,
    string Issuer,
    string ClientId,
    Uri AuthorizationEndpoint,
    Uri JwksUri,
    Uri? TokenEndpoint,
    IReadOnlyCollection<string> DeploymentIds,
    bool Enabled = true,
    bool AutoRegisterDeployments = false)
{
    /// <summary>Whether the deployment id is one the tool accepts for this registration.</summary>
    public bool HasDeployment(string deploymentId) => DeploymentIds.Contains(deploymentId, StringComparer.Ordinal);
}
