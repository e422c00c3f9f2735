namespace LtiTool.DemoPlatform;

/// <summary>
/// An assignment the demo LMS created from an <c>ltiResourceLink</c> the tool returned through deep linking, as
/// Canvas does for course_assignments_menu: its launches carry <see cref="ResourceLinkId"/>, <see cref="Custom"/>
/// and, when the item had a line item, the AGS <c>lineitem</c> of column <see cref="LineItem"/>.
/// </summary>
/// <param name="Id">The demo's id of the assignment.</param>
/// <param name="Title">Its name (the line item's label when there was one, else the item's title).</param>
/// <param name="Url">The launch URL the item named; null launches the tool's default target.</param>
/// <param name="Text">The description.</param>
/// <param name="Custom">The link's custom parameters.</param>
/// <param name="ResourceLinkId">The new resource link's id.</param>
/// <param name="LineItem">The gradebook column created with it, if any.</param>
public sealed record DemoAssignment(int Id, string Title, string? Url, string? Text, IReadOnlyDictionary<string, string> Custom, string ResourceLinkId, int? LineItem);
