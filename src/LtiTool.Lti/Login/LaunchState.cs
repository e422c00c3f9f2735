namespace LtiTool.Lti.Login;

/// <summary>
/// What the tool remembers between the login request and the launch (Security Framework 1.0 §5.1.1.1):
/// the state and nonce it issued, the registration the login was for, and the hash of the browser-binding
/// secret. Stored server-side, single use and expiring.
/// </summary>
/// <param name="State">The state value sent to the platform.</param>
/// <param name="Nonce">The nonce sent to the platform; the id_token must carry it.</param>
/// <param name="PlatformId">The registration the login was for.</param>
/// <param name="DeploymentIdHint">The deployment id the login carried, if any (the id_token's claim decides).</param>
/// <param name="TargetLinkUri">The target_link_uri of the login.</param>
/// <param name="BindingHash">SHA-256 (base64url) of the secret placed in the browser-binding cookie.</param>
/// <param name="StorageTarget">Canvas's lti_storage_target, kept for platform storage.</param>
/// <param name="CanvasRegion">Canvas's canvas_region login parameter, kept for support and routing.</param>
/// <param name="CanvasEnvironment">Canvas's canvas_environment (prod, beta, test).</param>
/// <param name="CreatedAt">When the login happened.</param>
/// <param name="ExpiresAt">When the state stops being accepted.</param>

public sealed record LaunchState(
    string State,
    string Nonce,
    string PlatformId,
    string? DeploymentIdHint,
    string TargetLinkUri,
    string BindingHash,
    string? StorageTarget,
    string? CanvasRegion,
    string? CanvasEnvironment,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);

/// <summary>Why a state could or could not be consumed.</summary>
public enum StateConsumeStatus
{
    /// <summary>The state was valid and is now used.</summary>
    Consumed,
    /// <summary>No such state.</summary>
    Unknown,
    /// <summary>The state expired before it was used.</summary>
    Expired,
    /// <summary>The state was used before.</summary>
    AlreadyUsed,
}

/// <summary>The outcome of <see cref="ILaunchStateStore.ConsumeAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="State">The stored state when <paramref name="Status"/> is <see cref="StateConsumeStatus.Consumed"/>.</param>
public readonly record struct StateConsumption(StateConsumeStatus Status, LaunchState? State);
