using System.Text.Json;
using System.Text.Json.Serialization;

namespace LtiTool.Lti.Keys;

/// <summary>
/// The tool's active keys: the newest signs, every one is published in the JWKS so platforms that cached an
/// older set can still verify what an older key signed.
/// </summary>
public sealed class ToolKeySet
{
    /// <summary>Creates the set from keys given oldest first; at least one key.</summary>
    public ToolKeySet(IEnumerable<ToolKey> keys)
    {
        Keys = keys.ToArray();
        if (Keys.Count == 0) throw new ArgumentException("A tool key set needs at least one key.", nameof(keys));
        JwksJson = JsonSerializer.SerializeToUtf8Bytes(new JwksDocument(Keys.Select(k => k.PublicJwk).ToArray()), JwksJsonContext.Default.JwksDocument);
    }

    /// <summary>The keys, oldest first.</summary>
    public IReadOnlyList<ToolKey> Keys { get; }

    /// <summary>The key that signs: the newest (last).</summary>
    public ToolKey SigningKey => Keys[^1];

    /// <summary>The JWKS document (UTF-8 JSON), built once.</summary>
    public ReadOnlyMemory<byte> JwksJson { get; }
}

/// <summary>A JWKS document (RFC 7517 §5).</summary>
public sealed record JwksDocument([property: JsonPropertyName("keys")] IReadOnlyList<PublicJwk> Keys);

[JsonSerializable(typeof(JwksDocument))]
internal sealed partial class JwksJsonContext : JsonSerializerContext;
