using System.Text.Json;
using System.Text.Json.Serialization;

namespace LtiTool.Lti.Keys;

/// <summary>
/// The tool's keys at one moment: the key that signs and the keys published in the JWKS. The signing key is
/// always published; keys that are about to sign or have just stopped are published too, so platforms that
/// cached the set can verify whatever the tool signs. Immutable: a rotation builds a new set.
/// </summary>
public sealed class ToolKeySet
{
    /// <summary>Creates the set from keys given oldest first: the newest (last) signs, all are published.</summary>
    public ToolKeySet(IEnumerable<ToolKey> keys) : this(Last(keys, out var all), all)
    {
    }

    /// <summary>Creates the set from the signing key and the published keys (the signing key is added when absent).</summary>
    public ToolKeySet(ToolKey signingKey, IEnumerable<ToolKey> published)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(published);
        var keys = published.DistinctBy(k => k.Kid, StringComparer.Ordinal).ToList();
        if (!keys.Any(k => string.Equals(k.Kid, signingKey.Kid, StringComparison.Ordinal))) keys.Add(signingKey);
        SigningKey = signingKey;
        Published = keys;
        JwksJson = JsonSerializer.SerializeToUtf8Bytes(new JwksDocument(keys.Select(k => k.PublicJwk).ToArray()), JwksJsonContext.Default.JwksDocument);
    }

    /// <summary>The key that signs client assertions and deep linking responses.</summary>
    public ToolKey SigningKey { get; }

    /// <summary>The keys in the JWKS, in the order given; the signing key among them.</summary>
    public IReadOnlyList<ToolKey> Published { get; }

    /// <summary>The JWKS document (UTF-8 JSON) of the published keys' public halves, built once.</summary>
    public ReadOnlyMemory<byte> JwksJson { get; }

    /// <summary>Whether this set signs with the same key and publishes the same kids as <paramref name="other"/>.</summary>
    public bool SameKeysAs(ToolKeySet? other) =>
        other is not null
        && string.Equals(SigningKey.Kid, other.SigningKey.Kid, StringComparison.Ordinal)
        && Published.Select(k => k.Kid).SequenceEqual(other.Published.Select(k => k.Kid), StringComparer.Ordinal);

    private static ToolKey Last(IEnumerable<ToolKey> keys, out IReadOnlyList<ToolKey> all)
    {
        ArgumentNullException.ThrowIfNull(keys);
        all = keys.ToArray();
        if (all.Count == 0) throw new ArgumentException("A tool key set needs at least one key.", nameof(keys));
        return all[^1];
    }
}

/// <summary>A JWKS document (RFC 7517 §5).</summary>
public sealed record JwksDocument([property: JsonPropertyName("keys")] IReadOnlyList<PublicJwk> Keys);

[JsonSerializable(typeof(JwksDocument))]
internal sealed partial class JwksJsonContext : JsonSerializerContext;
