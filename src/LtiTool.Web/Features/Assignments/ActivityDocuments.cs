using System.Text.Json;
using System.Text.Json.Serialization;

namespace LtiTool.Web.Features.Assignments;

/// <summary>A rubric criterion: what is judged and the most points it gives.</summary>
public sealed record RubricCriterion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("points")] decimal Points);

/// <summary>A multiple-choice question of a short auto-graded quiz.</summary>
public sealed record QuizQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("options")] IReadOnlyList<string> Options,
    [property: JsonPropertyName("correct")] int Correct,
    [property: JsonPropertyName("points")] decimal Points);

/// <summary>The JSON documents of an activity and a submission, read and written whole.</summary>
public static class ActivityDocuments
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<RubricCriterion> Rubric(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<RubricCriterion>>(json, Options) ?? [];

    public static IReadOnlyList<QuizQuestion> Quiz(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<QuizQuestion>>(json, Options) ?? [];

    /// <summary>Answers: question id → chosen option index.</summary>
    public static IReadOnlyDictionary<string, int> Answers(string? json) =>
        json is null ? new Dictionary<string, int>() : JsonSerializer.Deserialize<Dictionary<string, int>>(json, Options) ?? [];

    /// <summary>Rubric points: criterion id → points given.</summary>
    public static IReadOnlyDictionary<string, decimal> RubricScores(string? json) =>
        json is null ? new Dictionary<string, decimal>() : JsonSerializer.Deserialize<Dictionary<string, decimal>>(json, Options) ?? [];

    public static string? Write<T>(T? value) where T : class => value is null ? null : JsonSerializer.Serialize(value, Options);
}
