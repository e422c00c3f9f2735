using System.Text.Json;
using System.Text.Json.Nodes;

namespace LtiTool.Testing;

/// <summary>
/// Compares a JSON document's shape with reference documents (fixtures): every member path the document uses
/// must occur in a reference with the same JSON type. Array items share the path <c>name[]</c>; objects listed
/// as maps (free keys such as custom fields, given by path) are compared as objects, their members not at all.
/// </summary>
public static class JsonShape
{
    /// <summary>The paths of <paramref name="actual"/> that no reference has, or has with another type.</summary>
    public static IReadOnlyList<string> Differences(JsonNode actual, IEnumerable<JsonNode> references, params string[] maps)
    {
        var known = new Dictionary<string, HashSet<JsonValueKind>>(StringComparer.Ordinal);
        foreach (var reference in references) Collect(reference, "$", known, maps);
        var used = new Dictionary<string, HashSet<JsonValueKind>>(StringComparer.Ordinal);
        Collect(actual, "$", used, maps);
        return used.Where(u => !known.TryGetValue(u.Key, out var kinds) || !u.Value.IsSubsetOf(kinds))
            .Select(u => $"{u.Key}: {string.Join("/", u.Value)} (reference: {(known.TryGetValue(u.Key, out var k) ? string.Join("/", k) : "absent")})")
            .ToList();
    }

    private static void Collect(JsonNode? node, string path, Dictionary<string, HashSet<JsonValueKind>> shapes, string[] maps)
    {
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        if (!shapes.TryGetValue(path, out var kinds)) shapes[path] = kinds = [];
        // true and false are one type.
        kinds.Add(kind == JsonValueKind.False ? JsonValueKind.True : kind);
        switch (node)
        {
            case JsonObject o when !maps.Contains(path, StringComparer.Ordinal):
                foreach (var (name, value) in o) Collect(value, $"{path}.{name}", shapes, maps);
                break;
            case JsonArray a:
                foreach (var item in a) Collect(item, path + "[]", shapes, maps);
                break;
        }
    }
}
