using LtiTool.Lti.Launch;

namespace LtiTool.Lti.Login;

/// <summary>The outcome of a login: where to send the browser and the binding secret for the cookie, or an error.</summary>
public sealed record LoginResult(
    LtiError? Error,
    Uri? AuthorizationRedirect = null,
    LaunchState? State = null,
    string? BindingSecret = null)
{
    /// <summary>Whether the login succeeded.</summary>
    public bool Succeeded => Error is null;
}
