using LtiTool.Lti.Claims;

namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>A Canvas placement the tool can be offered in, the message it launches with, and whether it is on unless configured.</summary>
/// <param name="Name">Canvas's name for it (developer key JSON <c>placement</c>).</param>
/// <param name="MessageType">The message Canvas sends from it.</param>
/// <param name="Purpose">What it is for, shown to administrators.</param>
/// <param name="OnByDefault">Whether it is offered when the configuration says nothing.</param>
/// <param name="StandardPlacement">The Dynamic Registration 1.0 placement of the same kind, for platforms that name no Canvas placements.</param>
public sealed record ToolPlacement(string Name, string MessageType, string Purpose, bool OnByDefault, string? StandardPlacement = null);

public static class ToolPlacements
{
    public const string CourseNavigation = "course_navigation";
    public const string AccountNavigation = "account_navigation";
    public const string AssignmentSelection = "assignment_selection";
    public const string LinkSelection = "link_selection";
    public const string EditorButton = "editor_button";

    // The tool answers each of these at its launch URL: resource links open the course or admin pages, deep
    // linking requests open the activity picker (canvas-lti13 §3.3 lists which message each placement allows).
    public static readonly IReadOnlyList<ToolPlacement> All =
    [
        new(CourseNavigation, LtiMessageTypes.ResourceLinkRequest, "Course navigation: the tool's link for instructors in each course", true),
        new(AssignmentSelection, LtiMessageTypes.DeepLinkingRequest, "Assignment selection: pick an activity as an assignment's external tool", true, "ContentArea"),
        new(LinkSelection, LtiMessageTypes.DeepLinkingRequest, "Link selection: add activities to modules", true, "ContentArea"),
        new(AccountNavigation, LtiMessageTypes.ResourceLinkRequest, "Account navigation: administration for account admins", true),
        new(EditorButton, LtiMessageTypes.DeepLinkingRequest, "Editor button: insert an activity link from the rich content editor", false, "RichTextEditor"),
    ];

    public static ToolPlacement? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
