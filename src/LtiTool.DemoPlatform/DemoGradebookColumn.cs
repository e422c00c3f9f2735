namespace LtiTool.DemoPlatform;

/// <summary>A column of the demo gradebook (an AGS line item) and the results it holds, for the demo page and tests.</summary>
public sealed record DemoGradebookColumn(int LineItem, string Label, decimal ScoreMaximum, IReadOnlyList<DemoGradebookResult> Results,
    string? ResourceId = null, string? Tag = null, string? ResourceLinkId = null);

/// <summary>One student's result in a column: the score (null when not graded) out of the maximum, and the comment.</summary>
public sealed record DemoGradebookResult(string UserId, decimal? Score, decimal Maximum, string? Comment);
