using System.Text.Json.Serialization;

namespace LtiTool.Lti.Services.Ags;

/// <summary>
/// A score published to a line item (AGS 2.0 §3.4). Canvas creates or grades a submission only for
/// <c>FullyGraded</c> or <c>PendingManual</c>, needs <c>scoreMaximum</c> with <c>scoreGiven</c>, and refuses a
/// timestamp earlier than the stored result's (keep it monotonic per user and line item).
/// </summary>
public sealed record Score(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("activityProgress")] string ActivityProgress,
    [property: JsonPropertyName("gradingProgress")] string GradingProgress,
    [property: JsonPropertyName("scoreGiven")] decimal? ScoreGiven = null,
    [property: JsonPropertyName("scoreMaximum")] decimal? ScoreMaximum = null,
    [property: JsonPropertyName("comment")] string? Comment = null,
    [property: JsonPropertyName("submission")] ScoreSubmission? Submission = null,
    [property: JsonPropertyName("https://canvas.instructure.com/lti/submission")] CanvasScoreSubmission? CanvasSubmission = null);

/// <summary>When the work was originally submitted.</summary>
public sealed record ScoreSubmission([property: JsonPropertyName("submittedAt")] string? SubmittedAt);

/// <summary>Canvas's submission extension of a score.</summary>
public sealed record CanvasScoreSubmission(
    [property: JsonPropertyName("new_submission")] bool? NewSubmission = null,
    [property: JsonPropertyName("preserve_score")] bool? PreserveScore = null,
    [property: JsonPropertyName("prioritize_non_tool_grade")] bool? PrioritizeNonToolGrade = null,
    [property: JsonPropertyName("submission_type")] string? SubmissionType = null,
    [property: JsonPropertyName("submission_data")] string? SubmissionData = null,
    [property: JsonPropertyName("submitted_at")] string? SubmittedAt = null);

/// <summary>The platform's answer to a score: where the result lives.</summary>
public sealed record ScoreResponse([property: JsonPropertyName("resultUrl")] string? ResultUrl);

/// <summary>The values of activityProgress and gradingProgress (AGS 2.0 §3.4.4–3.4.5).</summary>
public static class ScoreProgress
{
    /// <summary>activityProgress: the user has not started.</summary>
    public const string Initialized = "Initialized";
    /// <summary>activityProgress: the user started.</summary>
    public const string Started = "Started";
    /// <summary>activityProgress: work in progress.</summary>
    public const string InProgress = "InProgress";
    /// <summary>activityProgress: submitted, may still be changed.</summary>
    public const string Submitted = "Submitted";
    /// <summary>activityProgress: finished.</summary>
    public const string Completed = "Completed";

    /// <summary>gradingProgress: no grading yet; Canvas ignores scoreGiven.</summary>
    public const string NotReady = "NotReady";
    /// <summary>gradingProgress: grading failed; Canvas ignores scoreGiven.</summary>
    public const string Failed = "Failed";
    /// <summary>gradingProgress: grading pending; Canvas ignores scoreGiven.</summary>
    public const string Pending = "Pending";
    /// <summary>gradingProgress: needs a human grader (Canvas marks the submission).</summary>
    public const string PendingManual = "PendingManual";
    /// <summary>gradingProgress: final; Canvas grades with scoreGiven.</summary>
    public const string FullyGraded = "FullyGraded";
}
