using LtiTool.Lti.Launch;

namespace LtiTool.Lti.DeepLinking;

/// <summary>Either a signed response or the reason the selection cannot be returned to the platform.</summary>
/// <param name="Response">The signed response, when the items fit the platform's settings.</param>
/// <param name="Error">Why nothing was signed, from <see cref="LtiErrors"/>.</param>
public sealed record DeepLinkingResult(DeepLinkingResponse? Response, LtiError? Error)
{
    /// <summary>Whether a response was signed.</summary>
    public bool Succeeded => Response is not null;
}
