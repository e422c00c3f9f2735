using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Lti.Login;

/// <summary>The one source of state, nonce, jti and other unguessable values (256 bits, base64url).</summary>
public interface IRandomTokenGenerator
{
    /// <summary>A new unguessable value.</summary>
    string Next();
}

/// <summary>Draws from the operating system's CSPRNG.</summary>
public sealed class RandomTokenGenerator : IRandomTokenGenerator
{
    /// <inheritdoc />
    public string Next()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Base64UrlEncoder.Encode(bytes.ToArray());
    }
}
