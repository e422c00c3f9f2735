using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Lti.Keys;

/// <summary>One of the tool's RSA signing keys; its kid is the RFC 7638 thumbprint of the public key.</summary>
public sealed class ToolKey
{
    /// <summary>The algorithm every tool key signs with.</summary>
    public const string Algorithm = SecurityAlgorithms.RsaSha256;

    private ToolKey(RSA rsa, string kid, DateTimeOffset createdAt)
    {
        Kid = kid;
        CreatedAt = createdAt;
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = kid };
        var publicParameters = rsa.ExportParameters(includePrivateParameters: false);
        PublicJwk = new PublicJwk("RSA", kid, "sig", Algorithm,
            Base64UrlEncoder.Encode(publicParameters.Modulus!), Base64UrlEncoder.Encode(publicParameters.Exponent!));
        SigningCredentials = new SigningCredentials(SecurityKey, Algorithm);
    }

    /// <summary>The key id.</summary>
    public string Kid { get; }
    /// <summary>When the key was made (file time for keys loaded from files).</summary>
    public DateTimeOffset CreatedAt { get; }
    /// <summary>The private key for IdentityModel.</summary>
    public RsaSecurityKey SecurityKey { get; }
    /// <summary>Credentials to sign with this key.</summary>
    public SigningCredentials SigningCredentials { get; }
    /// <summary>The public half as published in the tool's JWKS.</summary>
    public PublicJwk PublicJwk { get; }

    /// <summary>Wraps an RSA private key (at least 2048 bits).</summary>
    public static ToolKey FromRsa(RSA rsa, DateTimeOffset createdAt)
    {
        if (rsa.KeySize < 2048) throw new CryptographicException($"Tool keys must have at least 2048 bits; this one has {rsa.KeySize}.");
        var publicKey = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false));
        var thumbprint = JsonWebKeyConverter.ConvertFromRSASecurityKey(publicKey).ComputeJwkThumbprint();
        return new ToolKey(rsa, Base64UrlEncoder.Encode(thumbprint), createdAt);
    }

    /// <summary>Makes a new RSA 2048 key.</summary>
    public static ToolKey Generate(DateTimeOffset createdAt) => FromRsa(RSA.Create(2048), createdAt);

    /// <summary>Reads a PEM private key (PKCS#1 or PKCS#8).</summary>
    public static ToolKey FromPem(string pem, DateTimeOffset createdAt)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return FromRsa(rsa, createdAt);
    }
}

/// <summary>A public JSON Web Key as the tool publishes it (RFC 7517 §4; Canvas requires alg and use).</summary>
public sealed record PublicJwk(
    [property: System.Text.Json.Serialization.JsonPropertyName("kty")] string Kty,
    [property: System.Text.Json.Serialization.JsonPropertyName("kid")] string Kid,
    [property: System.Text.Json.Serialization.JsonPropertyName("use")] string Use,
    [property: System.Text.Json.Serialization.JsonPropertyName("alg")] string Alg,
    [property: System.Text.Json.Serialization.JsonPropertyName("n")] string N,
    [property: System.Text.Json.Serialization.JsonPropertyName("e")] string E);
