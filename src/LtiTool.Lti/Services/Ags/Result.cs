using System.Text.Json.Serialization;

namespace LtiTool.Lti.Services.Ags;

/// <summary>
/// What the platform holds for one user in one line item (AGS 2.0 §3.3, the result service). Read-only: a tool
/// changes it by publishing a <see cref="Score"/>. <see cref="ResultScore"/> is null for a user who has no grade
/// yet (Canvas lists ungraded results that way); <see cref="Timestamp"/> stays the platform's string, and
/// Canvas leaves it out.
/// </summary>
public sealed record Result(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("scoreOf")] string? ScoreOf,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("resultScore")] decimal? ResultScore,
    [property: JsonPropertyName("resultMaximum")] decimal? ResultMaximum,
    [property: JsonPropertyName("comment")] string? Comment = null,
    [property: JsonPropertyName("timestamp")] string? Timestamp = null);
