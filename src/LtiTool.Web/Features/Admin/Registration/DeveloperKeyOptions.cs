namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>
/// What the tool asks a platform for, bound from <c>Lti:DeveloperKey</c>: the Canvas developer key JSON
/// (<c>/lti/config.json</c>) and the Dynamic Registration request are both built from it.
/// </summary>
public sealed class DeveloperKeyOptions
{
    public const string Section = "Lti:DeveloperKey";

    /// <summary>Canvas's privacy levels, from most to least shared (canvas-lti13 §3.2).</summary>
    public static readonly IReadOnlyList<string> PrivacyLevels = ["public", "name_only", "email_only", "anonymous"];

    public string? Title { get; set; } = "LtiTool";
    public string? Description { get; set; } = "Activities, submissions and grades for your courses, with the roster and the gradebook kept in step with the LMS.";
    /// <summary>public (names and e-mails, which the roster and the gradebook show), name_only, email_only or anonymous.</summary>
    public string? PrivacyLevel { get; set; } = "public";
    /// <summary>Offer the rich content editor button (deep linking); off unless set.</summary>
    public bool EditorButton { get; set; }
    /// <summary>Per placement (course_navigation, account_navigation, assignment_selection, link_selection, editor_button): Enabled, Text, IconUrl.</summary>
    public Dictionary<string, PlacementSettings> Placements { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a placement is offered: its Enabled setting, EditorButton for the editor button, else its default.</summary>
    public bool IsOffered(ToolPlacement placement) => placement.Name == ToolPlacements.EditorButton
        ? EditorButton
        : Settings(placement)?.Enabled ?? placement.OnByDefault;

    public PlacementSettings? Settings(ToolPlacement placement) =>
        Placements.FirstOrDefault(p => string.Equals(p.Key, placement.Name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 255) yield return $"{Section}:Title is required, at most 255 characters.";
        if (string.IsNullOrWhiteSpace(Description) || Description.Length > 2000) yield return $"{Section}:Description is required, at most 2000 characters.";
        if (!PrivacyLevels.Contains(PrivacyLevel ?? "", StringComparer.Ordinal))
            yield return $"{Section}:PrivacyLevel '{PrivacyLevel}' is not one of: {string.Join(", ", PrivacyLevels)}.";
        foreach (var (name, settings) in Placements)
        {
            var path = $"{Section}:Placements:{name}";
            if (ToolPlacements.Find(name) is null)
            {
                yield return $"{path} is not a placement the tool offers ({string.Join(", ", ToolPlacements.All.Select(p => p.Name))}).";
                continue;
            }
            if (settings is null) continue;
            if (string.Equals(name, ToolPlacements.EditorButton, StringComparison.OrdinalIgnoreCase) && settings.Enabled is not null)
                yield return $"{path}:Enabled is not read: switch the editor button with {Section}:EditorButton.";
            if (settings.Text is { } text && (text.Trim().Length == 0 || text.Length > 255)) yield return $"{path}:Text must be 1 to 255 characters.";
            if (settings.IconUrl is { } icon && !IsHttpsUrl(icon)) yield return $"{path}:IconUrl must be an absolute https URL (http only for loopback).";
        }
    }

    private static bool IsHttpsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && Lti.Registration.PlatformConfiguration.IsAllowedUrl(uri);
}

public sealed class PlacementSettings
{
    public bool? Enabled { get; set; }
    /// <summary>The link's text (default: the title).</summary>
    public string? Text { get; set; }
    /// <summary>The link's icon (Canvas shows a letter icon for an editor button without one).</summary>
    public string? IconUrl { get; set; }
}
