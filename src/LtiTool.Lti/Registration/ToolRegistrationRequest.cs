using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;

namespace LtiTool.Lti.Registration;

/// <summary>
/// The tool's client registration request (LTI Dynamic Registration 1.0 §3.5.2): an OpenID Connect client
/// registration for the implicit launch flow and client_credentials with a signed JWT, carrying the LTI tool
/// configuration.
/// </summary>
/// <param name="ClientName">The tool's name as the platform will list it.</param>
/// <param name="InitiateLoginUri">The OIDC login initiation URL.</param>
/// <param name="RedirectUris">The launch URLs the platform may post id_tokens to.</param>
/// <param name="JwksUri">The tool's public keys.</param>
/// <param name="Scopes">The service scopes the tool asks for.</param>
/// <param name="ToolConfiguration">The LTI part.</param>
public sealed record ToolRegistrationRequest(
    string ClientName,
    Uri InitiateLoginUri,
    IReadOnlyList<Uri> RedirectUris,
    Uri JwksUri,
    IReadOnlyList<string> Scopes,
    LtiToolConfiguration ToolConfiguration)
{
    /// <summary>The tool's logo, when it has one.</summary>
    public Uri? LogoUri { get; init; }

    /// <summary>The JSON body to post to the registration endpoint.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["application_type"] = "web",
            ["response_types"] = new JsonArray("id_token"),
            ["grant_types"] = new JsonArray("implicit", "client_credentials"),
            ["initiate_login_uri"] = InitiateLoginUri.AbsoluteUri,
            ["redirect_uris"] = new JsonArray(RedirectUris.Select(u => (JsonNode?)u.AbsoluteUri).ToArray()),
            ["client_name"] = ClientName,
            ["jwks_uri"] = JwksUri.AbsoluteUri,
            ["token_endpoint_auth_method"] = "private_key_jwt",
            // §3.5.2: a space-separated list, as in OAuth 2.
            ["scope"] = string.Join(' ', Scopes),
        };
        if (LogoUri is not null) json["logo_uri"] = LogoUri.AbsoluteUri;
        json[RegistrationKeys.ToolConfiguration] = ToolConfiguration.ToJson();
        return json;
    }
}

/// <summary>The <c>https://purl.imsglobal.org/spec/lti-tool-configuration</c> object of a registration (§3.5.2).</summary>
/// <param name="Domain">The tool's host (with the port when it is not the default one).</param>
/// <param name="TargetLinkUri">The default launch URL.</param>
/// <param name="Description">What the tool does.</param>
/// <param name="CustomParameters">Custom parameters for every launch (values may be platform variables).</param>
/// <param name="Claims">The identity claims the tool wants in its id_tokens.</param>
/// <param name="Messages">The messages the tool can receive, with their placements.</param>
public sealed record LtiToolConfiguration(
    string Domain,
    Uri TargetLinkUri,
    string? Description,
    IReadOnlyDictionary<string, string> CustomParameters,
    IReadOnlyList<string> Claims,
    IReadOnlyList<LtiToolMessage> Messages)
{
    /// <summary>Platform extension members (e.g. Canvas's privacy level), added as they are.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; init; } = new Dictionary<string, string>();

    /// <summary>The JSON object.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["domain"] = Domain,
            ["target_link_uri"] = TargetLinkUri.AbsoluteUri,
            ["custom_parameters"] = new JsonObject(CustomParameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["claims"] = new JsonArray(Claims.Select(c => (JsonNode?)c).ToArray()),
            ["messages"] = new JsonArray(Messages.Select(m => (JsonNode?)m.ToJson()).ToArray()),
        };
        if (Description is not null) json["description"] = Description;
        foreach (var (name, value) in Extensions) json[name] = value;
        return json;
    }
}

/// <summary>One message the tool can receive (§3.5.2 "messages"), e.g. a deep linking request from a placement.</summary>
/// <param name="Type">The message type (<see cref="LtiMessageTypes"/>).</param>
/// <param name="TargetLinkUri">Where the message launches.</param>
/// <param name="Label">The link's text.</param>
/// <param name="Placements">The placements, spelled as the platform advertised them; empty: wherever the type applies.</param>
public sealed record LtiToolMessage(string Type, Uri TargetLinkUri, string? Label, IReadOnlyList<string> Placements)
{
    /// <summary>The link's icon.</summary>
    public Uri? IconUri { get; init; }

    /// <summary>Platform extension members (e.g. Canvas's visibility), added as they are.</summary>
    public IReadOnlyDictionary<string, JsonNode> Extensions { get; init; } = new Dictionary<string, JsonNode>();

    /// <summary>The JSON object.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type, ["target_link_uri"] = TargetLinkUri.AbsoluteUri };
        if (Label is not null) json["label"] = Label;
        if (IconUri is not null) json["icon_uri"] = IconUri.AbsoluteUri;
        if (Placements.Count > 0) json["placements"] = new JsonArray(Placements.Select(p => (JsonNode?)p).ToArray());
        foreach (var (name, value) in Extensions) json[name] = value.DeepClone();
        return json;
    }
}
