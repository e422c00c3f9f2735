namespace LtiTool.Lti.Keys;

/// <summary>A managed key's state and dates, without the key material.</summary>
/// <param name="Kid">The key id.</param>
/// <param name="State">Its state.</param>
/// <param name="CreatedAt">When it was made, which is when it was first published.</param>
/// <param name="ActivatedAt">When it started signing.</param>
/// <param name="RetiredAt">When it stopped signing.</param>
/// <param name="RemoveAfter">When a retired key leaves the JWKS; for a revoked key, when it was revoked (and left).</param>
public sealed record ToolKeyStatus(
    string Kid, ToolKeyState State, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt = null, DateTimeOffset? RetiredAt = null,
    DateTimeOffset? RemoveAfter = null)
{
    /// <summary>Whether the key appears in the JWKS.</summary>
    public bool IsPublished => State is not (ToolKeyState.Removed or ToolKeyState.Revoked);
}
