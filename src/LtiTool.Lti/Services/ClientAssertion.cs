using LtiTool.Lti.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Lti.Services;

/// <summary>
/// The JWT the tool authenticates with at a platform's token endpoint (private_key_jwt: RFC 7523 §2.2;
/// Security Framework 1.0 §4.1). Canvas finds the developer key by <c>sub</c>, needs <c>aud</c> to be the
/// token URL it was posted to, <c>iat</c> at most 5 minutes old and a <c>jti</c>.
/// </summary>
public static class ClientAssertion
{
    /// <summary>The assertion type of the token request.</summary>
    public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Signs an assertion with the tool's current key.</summary>
    public static string Create(ToolKey key, string clientId, Uri tokenEndpoint, DateTimeOffset now, string jti, TimeSpan lifetime) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint.AbsoluteUri,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                [JwtRegisteredClaimNames.Jti] = jti,
            },
            SigningCredentials = key.SigningCredentials,
        });
}
