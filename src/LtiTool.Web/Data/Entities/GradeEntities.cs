namespace LtiTool.Web.Data.Entities;

/// <summary>
/// The line-item registry: a gradebook column of a course on the platform, known by its key (resource link,
/// tag) so the tool never creates the same column twice, and by its URL (the AGS line item id) for calls.
/// Absent key parts are stored as "" rather than NULL so that one unique index means the same on every
/// database (SQLite and PostgreSQL both treat NULLs as distinct).
/// </summary>
public sealed class LineItemEntity
{
    public Guid Id { get; set; }
    public Guid ContextId { get; set; }
    public required string PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public string ResourceLinkId { get; set; } = "";
    public string Tag { get; set; } = "";
    public string? ResourceId { get; set; }
    /// <summary>The platform's line item id (a URL); it changes only if the column is recreated.</summary>
    public required string Url { get; set; }
    public required string Label { get; set; }
    public decimal ScoreMaximum { get; set; }
    public string? StartDateTime { get; set; }
    public string? EndDateTime { get; set; }
    /// <summary>The grading scheme used to enter and show this column's grades.</summary>
    public string? Scheme { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the platform stopped listing the column (deleted in the LMS); the tool keeps its grades.</summary>
    public DateTime? GoneAt { get; set; }
}

/// <summary>The grade the tool holds for a student in a column: what the instructor entered.</summary>
public sealed class GradeEntity
{
    public Guid Id { get; set; }
    public Guid LineItemId { get; set; }
    public Guid UserId { get; set; }
    public decimal? ScoreGiven { get; set; }
    public string? Comment { get; set; }
    public Guid? GradedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Counts changes: a push records the version it queued, so "changed since the push" needs no clock.</summary>
    public int Version { get; set; }
    /// <summary>The version last queued for the platform (null: never pushed).</summary>
    public int? QueuedVersion { get; set; }
    public DateTime? QueuedAt { get; set; }
}

/// <summary>
/// The durable grade outbox: one row per score to publish, stored before any call to the platform and
/// delivered by <c>ScoreDeliveryService</c>. Idempotent by (line item, user, timestamp).
/// </summary>
public sealed class ScoreOutboxEntity
{
    public Guid Id { get; set; }
    public Guid LineItemId { get; set; }
    public Guid UserId { get; set; }
    public Guid ContextId { get; set; }
    public required string PlatformId { get; set; }
    /// <summary>The platform's id of the user (the LTI subject): the score's userId.</summary>
    public required string UserSubject { get; set; }
    public required string LineItemUrl { get; set; }
    public decimal? ScoreGiven { get; set; }
    public decimal? ScoreMaximum { get; set; }
    public string? Comment { get; set; }
    public required string ActivityProgress { get; set; }
    public required string GradingProgress { get; set; }
    /// <summary>The score's timestamp (UTC, microseconds): Canvas refuses one older than what it holds.</summary>
    public DateTime Timestamp { get; set; }
    /// <summary>Canvas's submission extension, as JSON, when the score carries one.</summary>
    public string? CanvasSubmissionJson { get; set; }
    public string State { get; set; } = ScoreStates.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>A delivery in progress holds the row until then (another instance may take it after).</summary>
    public DateTime? LeaseUntil { get; set; }
    public Guid? LeaseOwner { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
    public string? ResultUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public Guid? QueuedBy { get; set; }
}

/// <summary>States of an outbox row.</summary>
public static class ScoreStates
{
    /// <summary>Waiting for its first or next attempt (after a transient failure, with the reason kept).</summary>
    public const string Pending = "Pending";
    /// <summary>The platform accepted it.</summary>
    public const string Delivered = "Delivered";
    /// <summary>The platform refused it for a reason retrying cannot fix (e.g. 422: not an active student).</summary>
    public const string Failed = "Failed";
    /// <summary>Transient failures until the attempt limit: given up until someone retries it.</summary>
    public const string Dead = "Dead";
    /// <summary>A newer score for the same student and column was queued before this one went out.</summary>
    public const string Superseded = "Superseded";

    public static readonly IReadOnlyList<string> All = [Pending, Delivered, Failed, Dead, Superseded];
}
