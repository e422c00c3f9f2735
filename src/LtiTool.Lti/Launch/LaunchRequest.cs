namespace LtiTool.Lti.Launch;

/// <summary>What the platform posted to the launch endpoint, plus the browser-binding secret from the cookie.</summary>
/// <param name="IdToken">The id_token form field.</param>
/// <param name="State">The state form field.</param>
/// <param name="BindingSecret">The secret from the state's binding cookie, when the browser sent it.</param>
public sealed record LaunchRequest(string? IdToken, string? State, string? BindingSecret);
