namespace LtiTool.Lti.DeepLinking;

/// <summary>
/// A signed deep linking response: the browser posts <paramref name="Jwt"/> as the form field <c>JWT</c> to
/// <paramref name="ReturnUrl"/>, exactly as given (Canvas's carries its own state in the query string).
/// </summary>
/// <param name="ReturnUrl">The request's <c>deep_link_return_url</c>.</param>
/// <param name="Jwt">The response JWT, signed with the tool's current key.</param>
public sealed record DeepLinkingResponse(string ReturnUrl, string Jwt)
{
    /// <summary>The name of the form field that carries the JWT (Deep Linking 2.0 §4.5).</summary>
    public const string FormField = "JWT";
}
