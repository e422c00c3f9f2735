using LtiTool.Lti.Launch;

namespace LtiTool.Lti.AspNetCore;

/// <summary>Carries the launch validation result from the handler to the page that renders it.</summary>
public sealed class LtiLaunchFeature(LaunchValidationResult result)
{
    /// <summary>The result of the checks.</summary>
    public LaunchValidationResult Result { get; } = result;
}
