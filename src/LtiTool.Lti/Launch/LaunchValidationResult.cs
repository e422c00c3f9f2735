using LtiTool.Lti.Claims;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;

namespace LtiTool.Lti.Launch;

/// <summary>The outcome of <see cref="LaunchValidator.ValidateAsync"/>.</summary>
public sealed record LaunchValidationResult
{
    /// <summary>The error, when a check failed.</summary>
    public LtiError? Error { get; init; }
    /// <summary>The check that failed.</summary>
    public LaunchCheck? FailedCheck { get; init; }
    /// <summary>The validated message.</summary>
    public LaunchMessage? Message { get; init; }
    /// <summary>The registration the launch belongs to (known once the state check passed).</summary>
    public PlatformRegistration? Registration { get; init; }
    /// <summary>The consumed state.</summary>
    public LaunchState? State { get; init; }
    /// <summary>How the browser proved it started the launch (None when the registration accepts unbound launches).</summary>
    public BindingTransport Transport { get; init; }

    /// <summary>Whether a binding secret was present and matched.</summary>
    public bool BrowserBound => Transport != BindingTransport.None;

    /// <summary>A deployment id the platform's auto-registration policy puts up for approval (the launch itself failed).</summary>
    public string? PendingDeploymentId { get; init; }

    /// <summary>Whether every check passed.</summary>
    public bool Succeeded => Error is null && Message is not null;
}
