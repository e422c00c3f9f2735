using System.Text.Json.Serialization;

namespace LtiTool.Lti.Services.Ags;

/// <summary>
/// An AGS line item (AGS 2.0 §3.2), a gradebook column. Dates stay strings as the platform wrote them
/// (Canvas examples use both "+00:00" and "+0000" offsets).
/// </summary>
public sealed record LineItem(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("scoreMaximum")] decimal ScoreMaximum,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("resourceId")] string? ResourceId = null,
    [property: JsonPropertyName("tag")] string? Tag = null,
    [property: JsonPropertyName("resourceLinkId")] string? ResourceLinkId = null,
    [property: JsonPropertyName("startDateTime")] string? StartDateTime = null,
    [property: JsonPropertyName("endDateTime")] string? EndDateTime = null,
    [property: JsonPropertyName("https://canvas.instructure.com/lti/submission_type")] CanvasSubmissionType? CanvasSubmissionType = null);

/// <summary>Canvas's create-only extension: the submission type of the assignment it creates.</summary>
public sealed record CanvasSubmissionType(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("external_tool_url")] string? ExternalToolUrl = null);

/// <summary>Filters of a line item list (AGS 2.0 §3.2.5; Canvas spells them snake_case).</summary>
public sealed record LineItemQuery(string? Tag = null, string? ResourceId = null, string? ResourceLinkId = null, int? Limit = null);

[JsonSerializable(typeof(LineItem))]
[JsonSerializable(typeof(Score))]
[JsonSerializable(typeof(ScoreResponse))]
[JsonSerializable(typeof(List<LineItem>))]
[JsonSerializable(typeof(Result))]
[JsonSerializable(typeof(List<Result>))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class AgsJsonContext : JsonSerializerContext;
