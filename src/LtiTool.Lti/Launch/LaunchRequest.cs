namespace LtiTool.Lti.Launch;

/// <summary>What the platform posted to the launch endpoint, plus the browser-binding secret the browser kept.</summary>
/// <param name="IdToken">The id_token form field.</param>
/// <param name="State">The state form field.</param>
/// <param name="BindingSecret">The binding secret, when the browser kept it (binding cookie or platform storage).</param>
/// <param name="Transport">Where <paramref name="BindingSecret"/> came from.</param>
public sealed record LaunchRequest(string? IdToken, string? State, string? BindingSecret, BindingTransport Transport = BindingTransport.Cookie);
