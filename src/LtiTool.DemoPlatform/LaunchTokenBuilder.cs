using System.Text;
using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.DemoPlatform;

/// <summary>
/// Builds Canvas-shaped LTI 1.3 id_tokens. The demo LMS, the integration tests and the unit tests all use it,
/// and a test breaks exactly one thing by editing <see cref="Claims"/>, <see cref="Header"/> or <see cref="Signing"/>.
/// </summary>
public sealed class LaunchTokenBuilder
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Starts from the claims every Canvas message carries.</summary>
    public LaunchTokenBuilder(PlatformSigningKey key, string issuer, string clientId, string deploymentId, DateTimeOffset now, string nonce)
    {
        Key = key;
        var iat = now.ToUnixTimeSeconds();
        Claims = new JsonObject
        {
            [LtiClaimTypes.Issuer] = issuer,
            [LtiClaimTypes.Audience] = clientId,
            [LtiClaimTypes.AuthorizedParty] = clientId,
            [LtiClaimTypes.IssuedAt] = iat,
            [LtiClaimTypes.Expires] = iat + 3600,
            [LtiClaimTypes.Nonce] = nonce,
            [LtiClaimTypes.DeploymentId] = deploymentId,
            [LtiClaimTypes.Version] = LtiMessageTypes.Version,
            [LtiClaimTypes.Custom] = new JsonObject(),
        };
    }

    /// <summary>The payload; edit freely.</summary>
    public JsonObject Claims { get; }
    /// <summary>Extra JOSE header entries.</summary>
    public Dictionary<string, object> Header { get; } = new(StringComparer.Ordinal);
    /// <summary>How to sign.</summary>
    public TokenSigning Signing { get; set; } = TokenSigning.Normal;
    /// <summary>The platform key that signs.</summary>
    public PlatformSigningKey Key { get; set; }

    /// <summary>Sets a claim (null removes it).</summary>
    public LaunchTokenBuilder Set(string claim, JsonNode? value)
    {
        if (value is null) Claims.Remove(claim);
        else Claims[claim] = value;
        return this;
    }

    /// <summary>Removes a claim.</summary>
    public LaunchTokenBuilder Remove(string claim)
    {
        Claims.Remove(claim);
        return this;
    }

    /// <summary>Adds the user's identity and roles.</summary>
    public LaunchTokenBuilder ForUser(DemoUser user)
    {
        Claims[LtiClaimTypes.Subject] = user.Subject;
        Claims[LtiClaimTypes.Roles] = new JsonArray(user.Roles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
        if (user.Name is not null) Claims[LtiClaimTypes.Name] = user.Name;
        if (user.GivenName is not null) Claims[LtiClaimTypes.GivenName] = user.GivenName;
        if (user.FamilyName is not null) Claims[LtiClaimTypes.FamilyName] = user.FamilyName;
        if (user.Email is not null) Claims[LtiClaimTypes.Email] = user.Email;
        if (user.MentorOf.Count > 0)
            Claims[LtiClaimTypes.RoleScopeMentor] = new JsonArray(user.MentorOf.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        return this;
    }

    /// <summary>Adds the course context, platform and presentation claims.</summary>
    public LaunchTokenBuilder InCourse(DemoCourse course, string platformName, string returnUrl)
    {
        Claims[LtiClaimTypes.Context] = new JsonObject
        {
            ["id"] = course.ContextId, ["label"] = course.Label, ["title"] = course.Title,
            ["type"] = new JsonArray("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"),
        };
        Claims[LtiClaimTypes.ToolPlatform] = new JsonObject
        {
            ["guid"] = "demo-platform-guid:canvas-lms", ["name"] = platformName, ["version"] = "cloud", ["product_family_code"] = "canvas",
        };
        Claims[LtiClaimTypes.LaunchPresentation] = new JsonObject { ["document_target"] = "iframe", ["return_url"] = returnUrl, ["locale"] = "en" };
        Claims[LtiClaimTypes.Locale] = "en";
        return this;
    }

    /// <summary>Makes it a resource link launch.</summary>
    public LaunchTokenBuilder ResourceLink(string id, string title, string targetLinkUri, string? placement)
    {
        Claims[LtiClaimTypes.MessageType] = LtiMessageTypes.ResourceLinkRequest;
        Claims[LtiClaimTypes.ResourceLink] = new JsonObject { ["id"] = id, ["title"] = title };
        Claims[LtiClaimTypes.TargetLinkUri] = targetLinkUri;
        Claims[LtiClaimTypes.CanvasPlacement] = placement;
        return this;
    }

    /// <summary>
    /// Makes it a deep linking request with Canvas's settings for a placement that takes several resource links.
    /// Canvas sends neither <c>accept_lineitem</c> nor <c>data</c>; a platform that does passes them here.
    /// </summary>
    public LaunchTokenBuilder DeepLinking(string returnUrl, string targetLinkUri, string placement, bool? acceptLineItem = null, string? data = null)
    {
        Claims[LtiClaimTypes.MessageType] = LtiMessageTypes.DeepLinkingRequest;
        Claims.Remove(LtiClaimTypes.ResourceLink);
        Claims[LtiClaimTypes.TargetLinkUri] = targetLinkUri;
        Claims[LtiClaimTypes.CanvasPlacement] = placement;
        Claims[LtiClaimTypes.DeepLinkingSettings] = new JsonObject
        {
            ["deep_link_return_url"] = returnUrl,
            ["accept_types"] = new JsonArray("ltiResourceLink"),
            ["accept_presentation_document_targets"] = new JsonArray("iframe", "window"),
            ["accept_media_types"] = "application/vnd.ims.lti.v1.ltilink",
            ["auto_create"] = false,
            ["accept_multiple"] = true,
        };
        if (acceptLineItem is { } lineItems) Claims[LtiClaimTypes.DeepLinkingSettings]!["accept_lineitem"] = lineItems;
        if (data is not null) Claims[LtiClaimTypes.DeepLinkingSettings]!["data"] = data;
        return this;
    }

    /// <summary>Adds the AGS and NRPS service claims.</summary>
    public LaunchTokenBuilder WithServices(string lineItemsUrl, string? lineItemUrl, string membershipsUrl)
    {
        var ags = new JsonObject
        {
            ["scope"] = new JsonArray(LtiScopes.AgsLineItem, LtiScopes.AgsLineItemReadOnly, LtiScopes.AgsResultReadOnly, LtiScopes.AgsScore),
            ["lineitems"] = lineItemsUrl,
        };
        if (lineItemUrl is not null) ags["lineitem"] = lineItemUrl;
        Claims[LtiClaimTypes.AgsEndpoint] = ags;
        Claims[LtiClaimTypes.NrpsService] = new JsonObject
        {
            ["context_memberships_url"] = membershipsUrl, ["service_versions"] = new JsonArray("2.0"),
        };
        return this;
    }

    // An unsecured JWS (RFC 7515 Appendix A.5) that still names the platform's kid, as an attacker would.
    private string Unsigned(string payload)
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = Key.Kid };
        foreach (var (name, value) in Header) header[name] = JsonValue.Create(value);
        return Base64UrlEncoder.Encode(header.ToJsonString()) + "." + Base64UrlEncoder.Encode(payload) + ".";
    }

    /// <summary>Signs (or deliberately mis-signs) the token.</summary>
    public string Build()
    {
        var payload = Claims.ToJsonString();
        return Signing switch
        {
            TokenSigning.Normal => Handler.CreateToken(payload, new SigningCredentials(Key.SecurityKey, SecurityAlgorithms.RsaSha256), Header),
            TokenSigning.NoKid => Handler.CreateToken(payload, new SigningCredentials(new RsaSecurityKey(Key.Rsa), SecurityAlgorithms.RsaSha256), Header),
            TokenSigning.UnknownKey => Handler.CreateToken(payload, new SigningCredentials(PlatformSigningKey.Generate("unknown-" + Key.Kid).SecurityKey, SecurityAlgorithms.RsaSha256), Header),
            TokenSigning.WrongKeySameKid => Handler.CreateToken(payload, new SigningCredentials(PlatformSigningKey.Generate(Key.Kid).SecurityKey, SecurityAlgorithms.RsaSha256), Header),
            TokenSigning.AlgNone => Unsigned(payload),
            TokenSigning.HmacWithPublicKey => Handler.CreateToken(payload, new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key.Rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = Key.Kid }, SecurityAlgorithms.HmacSha256), Header),
            _ => throw new InvalidOperationException($"Unknown signing mode {Signing}."),
        };
    }
}
