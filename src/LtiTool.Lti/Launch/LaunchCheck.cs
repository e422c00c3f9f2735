namespace LtiTool.Lti.Launch;

/// <summary>The launch checks, in the order <see cref="LaunchValidator"/> runs them.</summary>
public enum LaunchCheck
{
    /// <summary>State exists, is unexpired and unused (consumed atomically), for an enabled registration.</summary>
    State = 1,
    /// <summary>
    /// The browser that posts the launch is the one that started it: the binding secret (cookie or platform storage)
    /// matches; without one, the registration's <see cref="Platforms.UnboundLaunchPolicy"/> decides.
    /// </summary>
    BrowserBinding,
    /// <summary>The id_token is present, within the size limit, and a compact JWS.</summary>
    TokenShape,
    /// <summary>The JOSE header names a kid and an allowed algorithm.</summary>
    Header,
    /// <summary>The platform's JWKS has a key with that kid, fit for that algorithm.</summary>
    SigningKey,
    /// <summary>The signature verifies.</summary>
    Signature,
    /// <summary>iss is the registration's issuer.</summary>
    Issuer,
    /// <summary>aud contains the client id; azp is the client id when present or when aud has several values.</summary>
    Audience,
    /// <summary>exp, iat and nbf against the clock with leeway.</summary>
    Lifetime,
    /// <summary>nonce equals the nonce issued with this state.</summary>
    Nonce,
    /// <summary>deployment_id is known for the registration.</summary>
    Deployment,
    /// <summary>version is 1.3.0.</summary>
    Version,
    /// <summary>message_type is supported.</summary>
    MessageType,
    /// <summary>The claims the message type requires.</summary>
    RequiredClaims,
}
