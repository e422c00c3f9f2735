using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Lti.Keys;

/// <summary>Turns a JWKS document into verification keys (RFC 7517 §5), skipping keys the tool cannot use.</summary>
public static class JwksParser
{
    /// <summary>The usable keys of a JWKS document by kid; malformed documents throw <see cref="ArgumentException"/>.</summary>
    /// <param name="json">The JWKS document.</param>
    public static Dictionary<string, PlatformKey> Parse(string json)
    {
        var set = new JsonWebKeySet(json);
        var keys = new Dictionary<string, PlatformKey>(StringComparer.Ordinal);
        foreach (var jwk in set.Keys)
        {
            // A key for encryption or without a kid can never be named by an id_token header.
            if (string.IsNullOrEmpty(jwk.Kid) || (!string.IsNullOrEmpty(jwk.Use) && jwk.Use != JsonWebKeyUseNames.Sig)) continue;
            var key = ToSecurityKey(jwk);
            if (key is not null) keys[jwk.Kid] = new PlatformKey(jwk.Kid, key, string.IsNullOrEmpty(jwk.Alg) ? null : jwk.Alg);
        }
        return keys;
    }

    private static SecurityKey? ToSecurityKey(JsonWebKey jwk)
    {
        try
        {
            if (jwk.Kty == JsonWebAlgorithmsKeyTypes.RSA && !string.IsNullOrEmpty(jwk.N) && !string.IsNullOrEmpty(jwk.E))
            {
                var parameters = new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) };
                return new RsaSecurityKey(parameters) { KeyId = jwk.Kid };
            }
            if (jwk.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && jwk.Crv == JsonWebKeyECTypes.P256 && !string.IsNullOrEmpty(jwk.X) && !string.IsNullOrEmpty(jwk.Y))
            {
                var ecdsa = ECDsa.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk.X), Y = Base64UrlEncoder.DecodeBytes(jwk.Y) },
                });
                return new ECDsaSecurityKey(ecdsa) { KeyId = jwk.Kid };
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            // An unusable key is skipped; an id_token naming it fails with key_not_found.
        }
        return null;
    }
}
