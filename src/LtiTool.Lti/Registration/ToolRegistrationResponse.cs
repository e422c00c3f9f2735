using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.Lti.Launch;

namespace LtiTool.Lti.Registration;

/// <summary>The platform's answer to a registration (LTI Dynamic Registration 1.0 §3.6): the client id it assigned, and the deployment when it made one.</summary>
/// <param name="ClientId">The OAuth client id of the tool on this platform.</param>
/// <param name="DeploymentId">The deployment the platform created with the registration, if any.</param>
public sealed record ToolRegistrationResponse(string ClientId, string? DeploymentId)
{
    /// <summary>Reads the answer; null when it has no client id.</summary>
    public static ToolRegistrationResponse? Read(JsonNode? document)
    {
        if (document is not JsonObject root || Identifier(root["client_id"]) is not { } clientId) return null;
        // §3.6 puts the deployment inside the tool configuration; Canvas puts it at the top level (and only when
        // it creates the root account's deployment at registration time).
        var deployment = Identifier(root[RegistrationKeys.ToolConfiguration]?["deployment_id"]) ?? Identifier(root["deployment_id"]);
        return new ToolRegistrationResponse(clientId, deployment);
    }

    // Canvas sends ids as strings; a platform sending a number means the same id.
    private static string? Identifier(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}

/// <summary>A registration the platform accepted, or why not.</summary>
/// <param name="Registration">The platform's answer when it accepted.</param>
/// <param name="Error">Why not.</param>
/// <param name="Answer">The platform's answer, when it answered with an error or something unreadable.</param>
public sealed record ToolRegistrationResult(ToolRegistrationResponse? Registration, LtiError? Error, PlatformAnswer? Answer = null);
