namespace LtiTool.Lti.Keys;

/// <summary>Where a managed key is in its life.</summary>
public enum ToolKeyState
{
    /// <summary>Published in the JWKS, not signing yet.</summary>
    Next,
    /// <summary>Signing (and published).</summary>
    Current,
    /// <summary>No longer signing; published until its grace period ends.</summary>
    Retired,
    /// <summary>Not published any more.</summary>
    Removed,
    /// <summary>
    /// Taken out of the JWKS at once, without a grace period, because its private key may be known to others;
    /// it never signs again. Kept as a record of the revocation.
    /// </summary>
    Revoked,
}
