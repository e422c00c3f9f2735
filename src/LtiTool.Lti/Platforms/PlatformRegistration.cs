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
/// <param name="UnboundLaunches">What to do with a launch whose browser proved no binding (default: refuse).</param>
/// <param name="PlatformStorage">When the login stores the binding in the platform's window (default: when offered).</param>
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
    bool AutoRegisterDeployments = false,
    UnboundLaunchPolicy UnboundLaunches = UnboundLaunchPolicy.Refuse,
    PlatformStorageMode PlatformStorage = PlatformStorageMode.WhenOffered)
{
    /// <summary>Whether the deployment id is one the tool accepts for this registration.</summary>
    public bool HasDeployment(string deploymentId) => DeploymentIds.Contains(deploymentId, StringComparer.Ordinal);

    /// <summary>Whether a login that carried (or did not carry) <c>lti_storage_target</c> stores the binding in the platform's window.</summary>
    public bool UsesPlatformStorage(string? storageTarget) => PlatformStorage switch
    {
        PlatformStorageMode.Off => false,
        PlatformStorageMode.Probe => true,
        _ => !string.IsNullOrEmpty(storageTarget),
    };

    /// <summary>The origin platform storage messages go to: the authorization endpoint's (Canvas's post_message_forwarding frame is served there).</summary>
    public string StorageOrigin => AuthorizationEndpoint.GetLeftPart(UriPartial.Authority);
}
