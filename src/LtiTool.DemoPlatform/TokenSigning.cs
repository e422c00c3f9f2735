namespace LtiTool.DemoPlatform;

/// <summary>How a launch token is signed; everything but <see cref="Normal"/> is an attack a tool must refuse.</summary>
public enum TokenSigning
{
    /// <summary>RS256 with the platform's current key and its kid.</summary>
    Normal,
    /// <summary>RS256 with the current key, but no kid in the header.</summary>
    NoKid,
    /// <summary>RS256 with a key the platform never published.</summary>
    UnknownKey,
    /// <summary>An unsigned token: alg "none".</summary>
    AlgNone,
    /// <summary>HS256 keyed with the platform's public key (the classic algorithm-confusion attack).</summary>
    HmacWithPublicKey,
    /// <summary>RS256 with the current kid, but signed by another key.</summary>
    WrongKeySameKid,
}
