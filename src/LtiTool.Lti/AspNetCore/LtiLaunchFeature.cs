using LtiTool.Lti.Launch;

namespace LtiTool.Lti.AspNetCore;

/// <summary>Carries the launch validation result from the handler to the page that renders it.</summary>
public sealed class LtiLaunchFeature(LaunchValidationResult result)
{
    /// <summary>The result of the checks.</summary>
    public LaunchValidationResult Result { get; } = result;
}

/// <summary>
/// Set instead of a result when the launch's binding secret is in platform storage: no cookie came back, and the
/// login stored the secret in the platform's window. The page then renders a step that reads it back
/// (<c>lti.get_data</c>) and re-posts the launch with it; the state is not used until then.
/// </summary>
/// <param name="IdToken">The platform's id_token, re-posted unchanged.</param>
/// <param name="State">The state, re-posted unchanged.</param>
/// <param name="TargetFrame">The platform's storage frame (<c>lti_storage_target</c>), or null to ask <c>lti.capabilities</c>.</param>
/// <param name="TargetOrigin">The origin messages are sent to and answers must come from (the authorization endpoint's).</param>
/// <param name="Key">The storage key of the binding secret.</param>
public sealed record LtiPlatformStorageStep(string IdToken, string State, string? TargetFrame, string TargetOrigin, string Key);
