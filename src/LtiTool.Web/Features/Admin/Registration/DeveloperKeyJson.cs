using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;

namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>
/// The Canvas developer key "LTI 1.3 JSON" for the tool (canvas-lti13 §3): what Canvas fetches from
/// <c>/lti/config.json</c> with "Enter URL", or what an administrator pastes. Redirect URIs are not part of it;
/// Canvas takes them from the key's own field.
/// </summary>
public static class DeveloperKeyJson
{
    public const string Path = "/lti/config.json";
    public const string CanvasPlatform = "canvas.instructure.com";

    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Build(ToolProfile tool) => new()
    {
        ["title"] = tool.Title,
        ["description"] = tool.Description,
        ["oidc_initiation_url"] = tool.LoginUrl.AbsoluteUri,
        ["target_link_uri"] = tool.LaunchUrl.AbsoluteUri,
        // A URL rather than a key: the tool rotates its keys and Canvas reads the set again.
        ["public_jwk_url"] = tool.JwksUrl.AbsoluteUri,
        ["scopes"] = new JsonArray(tool.Scopes.Select(s => (JsonNode?)s).ToArray()),
        ["custom_fields"] = new JsonObject(tool.CustomFields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))),
        ["extensions"] = new JsonArray(new JsonObject
        {
            ["platform"] = CanvasPlatform,
            ["domain"] = tool.Domain,
            ["privacy_level"] = tool.PrivacyLevel,
            ["settings"] = new JsonObject
            {
                ["text"] = tool.Title,
                ["placements"] = new JsonArray(tool.Placements.Select(p => (JsonNode?)Placement(p, tool.LaunchUrl)).ToArray()),
            },
        }),
    };

    private static JsonObject Placement(ProfilePlacement offered, Uri launchUrl)
    {
        var json = new JsonObject
        {
            ["placement"] = offered.Placement.Name,
            ["message_type"] = offered.Placement.MessageType,
            ["target_link_uri"] = launchUrl.AbsoluteUri,
            ["text"] = offered.Text,
        };
        if (offered.IconUrl is not null) json["icon_url"] = offered.IconUrl.AbsoluteUri;
        if (offered.Placement.Name == ToolPlacements.CourseNavigation)
        {
            // Instructors' link, on in every course until a teacher hides it; students reach the tool through
            // their assignments.
            json["default"] = "enabled";
            json["visibility"] = "admins";
        }
        if (offered.Placement.MessageType == LtiMessageTypes.DeepLinkingRequest)
        {
            // Room for the activity picker in Canvas's selection dialog.
            json["selection_width"] = 800;
            json["selection_height"] = 600;
        }
        return json;
    }
}
