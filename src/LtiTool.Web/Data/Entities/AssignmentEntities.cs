namespace LtiTool.Web.Data.Entities;

/// <summary>
/// A gradable activity the tool owns (the seed's "assessment"): what a student opens from an assignment
/// launch. Rubric and quiz are stored as JSON documents (<see cref="Features.Assignments.ActivityDocuments"/>):
/// they are read and written whole with the activity, never queried into.
/// </summary>
public sealed class ActivityEntity
{
    public Guid Id { get; set; }
    public Guid ContextId { get; set; }
    public required string Title { get; set; }
    /// <summary>Rich text, sanitised when saved: what is stored is safe to render.</summary>
    public string InstructionsHtml { get; set; } = "";
    public decimal PointsPossible { get; set; }
    public DateTime? DueAt { get; set; }
    /// <summary>Text, Url or Quiz (<see cref="SubmissionKinds"/>).</summary>
    public required string SubmissionKind { get; set; }
    /// <summary>UntilDue, UntilGraded or Never (<see cref="ResubmissionPolicies"/>).</summary>
    public string Resubmission { get; set; } = ResubmissionPolicies.UntilDue;
    public bool AllowLate { get; set; } = true;
    public string? RubricJson { get; set; }
    public string? QuizJson { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public static class SubmissionKinds
{
    public const string Text = "Text";
    public const string Url = "Url";
    public const string Quiz = "Quiz";
    public static readonly IReadOnlyList<string> All = [Text, Url, Quiz];
}

public static class ResubmissionPolicies
{
    /// <summary>Students may submit again until the due date (or always, without one).</summary>
    public const string UntilDue = "UntilDue";
    /// <summary>Students may submit again until their work is graded.</summary>
    public const string UntilGraded = "UntilGraded";
    /// <summary>One submission only.</summary>
    public const string Never = "Never";
    public static readonly IReadOnlyList<string> All = [UntilDue, UntilGraded, Never];
}

/// <summary>
/// A student's submission of an activity, stored before anything else happens with it (grading, the score
/// to the platform). One row per attempt; the newest attempt is the one that counts.
/// </summary>
public sealed class SubmissionEntity
{
    public Guid Id { get; set; }
    public Guid ActivityId { get; set; }
    public Guid ContextId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The launch it was submitted from: its AGS line item is where the score goes.</summary>
    public Guid LaunchId { get; set; }
    public int Attempt { get; set; }
    public string? TextAnswer { get; set; }
    public string? UrlAnswer { get; set; }
    public string? QuizAnswersJson { get; set; }
    public DateTime SubmittedAt { get; set; }
    public bool Late { get; set; }
    /// <summary>Student View (Canvas test student): everything works, nothing is pushed.</summary>
    public bool TestUser { get; set; }
    /// <summary>Submitted or Graded (<see cref="SubmissionStates"/>).</summary>
    public string State { get; set; } = SubmissionStates.Submitted;
    public decimal? Score { get; set; }
    public string? RubricScoresJson { get; set; }
    public string? Comment { get; set; }
    public Guid? GradedBy { get; set; }
    public DateTime? GradedAt { get; set; }
    /// <summary>When the grade was released to the student and queued for the platform.</summary>
    public DateTime? ReleasedAt { get; set; }
    /// <summary>The registry column the score goes to (null: an ungraded placement, nothing is pushed).</summary>
    public Guid? LineItemId { get; set; }
}

public static class SubmissionStates
{
    public const string Submitted = "Submitted";
    public const string Graded = "Graded";
}
