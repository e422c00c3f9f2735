namespace LtiTool.Lti.DeepLinking;

/// <summary>
/// The gradebook column a resource link asks for (Deep Linking 2.0 §3.1 <c>lineItem</c>). Canvas requires
/// <paramref name="ScoreMaximum"/> and lets <paramref name="Label"/> override the item's title.
/// </summary>
/// <param name="ScoreMaximum">The maximum score, above 0.</param>
/// <param name="Label">The column's label.</param>
/// <param name="ResourceId">The tool's own id for the activity.</param>
/// <param name="Tag">A tag qualifying the column.</param>
/// <param name="GradesReleased">Whether grades are released to students.</param>
public sealed record DeepLinkLineItem(decimal ScoreMaximum, string? Label = null, string? ResourceId = null, string? Tag = null, bool? GradesReleased = null);

/// <summary>A time span (Deep Linking 2.0 §3.1 <c>available</c> and <c>submission</c>); either end may be open.</summary>
/// <param name="StartDateTime">When it starts.</param>
/// <param name="EndDateTime">When it ends (Canvas: the due date for <c>submission</c>).</param>
public sealed record DeepLinkTimeSpan(DateTimeOffset? StartDateTime, DateTimeOffset? EndDateTime);

/// <summary>Opening in a new window or tab (Deep Linking 2.0 §3.1 <c>window</c>).</summary>
/// <param name="TargetName">The window's name, e.g. <c>_blank</c>.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record DeepLinkWindow(string? TargetName = null, int? Width = null, int? Height = null);

/// <summary>Embedding in an iframe (Deep Linking 2.0 §3.1 <c>iframe</c>); Canvas uses the size as the launch size.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record DeepLinkIframe(int? Width = null, int? Height = null);
