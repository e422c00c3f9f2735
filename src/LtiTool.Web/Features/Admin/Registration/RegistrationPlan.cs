using System.Text.Json.Nodes;
using LtiTool.Lti.Registration;

namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>
/// What a Dynamic Registration will ask this platform for: the tool's profile narrowed to the placements and
/// scopes the platform offers, with placements named as the platform advertises them (newer Canvas prefixes
/// its own: <c>https://canvas.instructure.com/lti/course_navigation</c>). The confirmation page shows it; the
/// registration posts it.
/// </summary>
public sealed record RegistrationPlan(
    PlatformConfiguration Platform,
    ToolProfile Tool,
    IReadOnlyList<PlannedMessage> Messages,
    IReadOnlyList<ProfilePlacement> NotOffered,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> ScopesNotOffered)
{
    public bool IsCanvas => string.Equals(Platform.ProductFamilyCode, "canvas", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name the platform registration gets: Canvas's account name, else the product and the issuer's host.</summary>
    public string PlatformName => Platform.AccountName is { } account
        ? $"{account} ({Platform.ProductFamilyCode})"
        : $"{Platform.ProductFamilyCode} at {new Uri(Platform.Issuer).Host}";

    public static RegistrationPlan Create(ToolProfile tool, PlatformConfiguration platform)
    {
        var messages = new List<PlannedMessage>();
        var notOffered = new List<ProfilePlacement>();
        foreach (var offered in tool.Placements)
        {
            if (!TryMatch(offered.Placement, platform, out var platformName)) notOffered.Add(offered);
            else if (!messages.Any(m => m.Type == offered.Placement.MessageType && m.PlatformPlacement == platformName))
                messages.Add(new PlannedMessage(offered.Placement.MessageType, offered, platformName));
        }
        return new RegistrationPlan(platform, tool, messages, notOffered,
            tool.Scopes.Where(platform.Offers).ToList(), tool.Scopes.Where(s => !platform.Offers(s)).ToList());
    }

    /// <summary>
    /// Whether the platform sends the placement's message type there, and the placement's name in its own
    /// spelling: exact, Canvas-prefixed, or the standard placement of the same kind. Null when the platform
    /// names no placements for the type (the message then applies wherever the platform uses it).
    /// </summary>
    private static bool TryMatch(ToolPlacement placement, PlatformConfiguration platform, out string? platformName)
    {
        platformName = null;
        var supported = platform.MessagesSupported.FirstOrDefault(m => m.Type == placement.MessageType);
        if (supported is null) return false;
        if (supported.Placements is not { Count: > 0 } names) return true;
        platformName = names.FirstOrDefault(n => n == placement.Name || n == RegistrationKeys.CanvasPlacementPrefix + placement.Name)
            ?? (placement.StandardPlacement is { } standard && names.Contains(standard) ? standard : null);
        return platformName is not null;
    }

    public ToolRegistrationRequest ToRequest()
    {
        var messages = Messages.Select(m => new LtiToolMessage(m.Type, Tool.LaunchUrl, m.Placement.Text, m.PlatformPlacement is { } p ? [p] : [])
        {
            IconUri = m.Placement.IconUrl,
            Extensions = IsCanvas ? CanvasMessageExtensions(m.Placement.Placement) : new Dictionary<string, JsonNode>(),
        }).ToList();
        // The custom fields are Canvas variables; another platform would send them unexpanded.
        var configuration = new LtiToolConfiguration(Tool.Domain, Tool.LaunchUrl, Tool.Description,
            IsCanvas ? Tool.CustomFields : new Dictionary<string, string>(), Tool.Claims, messages)
        {
            Extensions = IsCanvas ? new Dictionary<string, string> { [RegistrationKeys.CanvasPrivacyLevel] = Tool.PrivacyLevel } : new Dictionary<string, string>(),
        };
        return new ToolRegistrationRequest(Tool.Title, Tool.LoginUrl, [Tool.LaunchUrl], Tool.JwksUrl, Scopes, configuration);
    }

    // The same choices as the developer key JSON's course_navigation (default enabled, for course admins).
    private static Dictionary<string, JsonNode> CanvasMessageExtensions(ToolPlacement placement) => placement.Name == ToolPlacements.CourseNavigation
        ? new Dictionary<string, JsonNode> { [RegistrationKeys.CanvasCourseNavigationDefaultEnabled] = true, [RegistrationKeys.CanvasVisibility] = "admins" }
        : new Dictionary<string, JsonNode>();
}

/// <summary>One message of the registration: a placement's message type and the platform's name for the placement.</summary>
public sealed record PlannedMessage(string Type, ProfilePlacement Placement, string? PlatformPlacement);
