using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Lti.Keys;

/// <summary>A verification key from a platform's JWKS, converted once when the set is fetched.</summary>
/// <param name="Kid">The key id.</param>
/// <param name="Key">The key, ready for IdentityModel.</param>
/// <param name="Algorithm">The JWK's <c>alg</c>, when the platform published one.</param>
public sealed record PlatformKey(string Kid, SecurityKey Key, string? Algorithm)
{
    /// <summary>
    /// Whether this key may verify a signature made with <paramref name="alg"/>. A JWK without <c>alg</c>
    /// is allowed (RFC 7517 §4.4 makes it optional): the algorithm family is inferred from the key type.
    /// </summary>
    public bool Fits(string alg)
    {
        if (Algorithm is not null && !string.Equals(Algorithm, alg, StringComparison.Ordinal)) return false;
        return Key switch
        {
            RsaSecurityKey => alg is SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.RsaSha384 or SecurityAlgorithms.RsaSha512,
            ECDsaSecurityKey ec => alg == SecurityAlgorithms.EcdsaSha256 && ec.ECDsa.KeySize == 256,
            _ => false,
        };
    }
}
