using System.Globalization;
using System.Text.Json.Nodes;

namespace LtiTool.Lti.DeepLinking;

/// <summary>Content items as the <c>content_items</c> claim carries them (Deep Linking 2.0 §3): spec names, no nulls.</summary>
internal static class ContentItemJson
{
    public static JsonArray ToJson(IReadOnlyList<ContentItem> items) => new(items.Select(i => (JsonNode?)ToJson(i)).ToArray());

    private static JsonObject ToJson(ContentItem item)
    {
        var json = new JsonObject { ["type"] = item.Type };
        switch (item)
        {
            case LtiResourceLinkItem link:
                Add(json, "title", link.Title);
                Add(json, "text", link.Text);
                Add(json, "url", link.Url);
                if (link.Custom is { Count: > 0 } custom)
                    json["custom"] = new JsonObject(custom.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
                if (link.LineItem is { } lineItem) json["lineItem"] = ToJson(lineItem);
                if (link.Window is { } window) json["window"] = Object(("targetName", window.TargetName), ("width", window.Width), ("height", window.Height));
                if (link.Iframe is { } iframe) json["iframe"] = Object(("width", iframe.Width), ("height", iframe.Height));
                if (link.Available is { } available) json["available"] = ToJson(available);
                if (link.Submission is { } submission) json["submission"] = ToJson(submission);
                break;
            case LinkItem link:
                Add(json, "title", link.Title);
                Add(json, "text", link.Text);
                Add(json, "url", link.Url);
                break;
            default:
                throw new ArgumentException($"Content items of type {item.GetType().Name} cannot be serialized.", nameof(item));
        }
        return json;
    }

    private static JsonObject ToJson(DeepLinkLineItem lineItem)
    {
        var json = new JsonObject { ["scoreMaximum"] = lineItem.ScoreMaximum };
        Add(json, "label", lineItem.Label);
        Add(json, "resourceId", lineItem.ResourceId);
        Add(json, "tag", lineItem.Tag);
        if (lineItem.GradesReleased is { } released) json["gradesReleased"] = released;
        return json;
    }

    private static JsonObject ToJson(DeepLinkTimeSpan span) =>
        Object(("startDateTime", Timestamp(span.StartDateTime)), ("endDateTime", Timestamp(span.EndDateTime)));

    /// <summary>ISO 8601 in UTC, whole seconds unless the value has a fraction ("2026-03-01T08:00:00Z").</summary>
    private static string? Timestamp(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Object(params (string Name, object? Value)[] properties)
    {
        var json = new JsonObject();
        foreach (var (name, value) in properties)
        {
            switch (value)
            {
                case string s: json[name] = s; break;
                case int n: json[name] = n; break;
            }
        }
        return json;
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null) json[name] = value;
    }
}
