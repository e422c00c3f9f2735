using System.Text.Json;

namespace LtiTool.Lti.Claims;

/// <summary>Reads the custom claim (LTI Core 1.3 §5.4.6) as strings: non-string JSON values keep their JSON text.</summary>
public static class CustomParameters
{
    /// <summary>From the claim's JSON element; anything but an object gives no parameters.</summary>
    public static IReadOnlyDictionary<string, string> From(JsonElement? claim)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (claim is not { ValueKind: JsonValueKind.Object } e) return result;
        foreach (var p in e.EnumerateObject())
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return result;
    }

    /// <summary>From the claim's stored JSON text (launch records keep it); null or malformed text gives no parameters.</summary>
    public static IReadOnlyDictionary<string, string> FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return new Dictionary<string, string>();
        try
        {
            using var document = JsonDocument.Parse(json);
            return From(document.RootElement);
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>();
        }
    }
}
