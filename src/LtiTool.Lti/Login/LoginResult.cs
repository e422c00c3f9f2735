using LtiTool.Lti.Launch;

namespace LtiTool.Lti.Login;

/// <summary>The outcome of a login: where to send the browser and the binding secret for the cookie, or an error.</summary>
public sealed record LoginResult(
    LtiError? Error,
    Uri? AuthorizationRedirect = null,
    LaunchState? State = null,
    string? BindingSecret = null,
    Platforms.PlatformRegistration? Registration = null)
{
    /// <summary>Whether the login succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Whether the login stores the binding secret in the platform's window before going on (platform storage).</summary>
    public bool UsesPlatformStorage => Succeeded && Registration!.UsesPlatformStorage(State!.StorageTarget);
}
