using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.DemoPlatform;

/// <summary>A platform's RSA signing key with a Canvas-style timestamp kid.</summary>
public sealed class PlatformSigningKey
{
    private PlatformSigningKey(RSA rsa, string kid)
    {
        Kid = kid;
        Rsa = rsa;
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = kid };
        var p = rsa.ExportParameters(false);
        PublicJwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["alg"] = "RS256",
            ["n"] = Base64UrlEncoder.Encode(p.Modulus!), ["e"] = Base64UrlEncoder.Encode(p.Exponent!),
        };
    }

    /// <summary>The key id.</summary>
    public string Kid { get; }
    /// <summary>The RSA key.</summary>
    public RSA Rsa { get; }
    /// <summary>The key for IdentityModel.</summary>
    public RsaSecurityKey SecurityKey { get; }
    /// <summary>The public JWK as published.</summary>
    public IReadOnlyDictionary<string, string> PublicJwk { get; }

    /// <summary>Generates a 2048-bit key.</summary>
    public static PlatformSigningKey Generate(string kid) => new(RSA.Create(2048), kid);

    /// <summary>Wraps a PEM private key.</summary>
    public static PlatformSigningKey FromPem(string pem, string kid)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new PlatformSigningKey(rsa, kid);
    }
}
