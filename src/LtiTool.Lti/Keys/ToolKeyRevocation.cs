namespace LtiTool.Lti.Keys;

/// <summary>
/// What revoking a key changes. The key leaves the JWKS at once and never signs again: a key whose private half
/// may be known to others must stop being trusted now, not after a grace period, even though platforms that
/// cached the JWKS keep the old set until their cache expires (Security Framework 1.0 §6.3: platforms re-read
/// the tool's key set). When the key was the one that signs, the oldest Next key (already published, so
/// platforms may know it) signs instead; with no Next key a new key is made and signs at once.
/// </summary>
/// <param name="Kid">The key to revoke.</param>
/// <param name="From">Its state now; the revocation applies only while it is still in this state.</param>
/// <param name="Promote">The Next key that signs from now on, when the revoked key signed.</param>
/// <param name="GenerateCurrent">Make a new key that signs from now on (the revoked key signed and there is no Next key).</param>
public sealed record ToolKeyRevocation(string Kid, ToolKeyState From, string? Promote, bool GenerateCurrent)
{
    /// <summary>Whether the key that signs changes.</summary>
    public bool ChangesSigningKey => Promote is not null || GenerateCurrent;

    /// <summary>The revocation of <paramref name="kid"/>; null when no published key has that kid.</summary>
    public static ToolKeyRevocation? Plan(IReadOnlyList<ToolKeyStatus> keys, string kid)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var key = keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        if (key is null || !key.IsPublished) return null;
        var rest = keys.Where(k => k != key).ToList();
        // Another Current key (two instances' first start) signs on without help.
        if (ToolKeySchedule.Signing(rest) is not null) return new ToolKeyRevocation(key.Kid, key.State, null, false);
        var next = rest.Where(k => k.State == ToolKeyState.Next)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.Kid, StringComparer.Ordinal).FirstOrDefault();
        return new ToolKeyRevocation(key.Kid, key.State, next?.Kid, next is null);
    }
}
