using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LtiTool.Lti.Claims;

/// <summary>
/// A typed, read-only view of a validated id_token. Claims are read on first access from the token the
/// validator parsed once; values of the wrong JSON type read as absent.
/// </summary>
public sealed class LaunchMessage
{
    private readonly JsonWebToken _token;
    private IReadOnlyList<string>? _roles;

    /// <summary>Wraps a parsed token.</summary>
    public LaunchMessage(JsonWebToken token) => _token = token;

    /// <summary>The issuer.</summary>
    public string Issuer => _token.Issuer;
    /// <summary>The user's id at the platform; null for anonymous launches.</summary>
    public string? Subject => String(LtiClaimTypes.Subject);
    /// <summary>The audiences.</summary>
    public IEnumerable<string> Audiences => _token.Audiences;
    /// <summary>The authorized party, if sent.</summary>
    public string? AuthorizedParty => String(LtiClaimTypes.AuthorizedParty);
    /// <summary>The nonce.</summary>
    public string? Nonce => String(LtiClaimTypes.Nonce);
    /// <summary>The message type.</summary>
    public string? MessageType => String(LtiClaimTypes.MessageType);
    /// <summary>The LTI version.</summary>
    public string? Version => String(LtiClaimTypes.Version);
    /// <summary>The deployment id.</summary>
    public string? DeploymentId => String(LtiClaimTypes.DeploymentId);
    /// <summary>The target link URI.</summary>
    public string? TargetLinkUri => String(LtiClaimTypes.TargetLinkUri);
    /// <summary>Whether the roles claim is present (it may be an empty list).</summary>
    public bool HasRoles => Element(LtiClaimTypes.Roles) is { ValueKind: JsonValueKind.Array };
    /// <summary>The role URNs as sent (empty when absent).</summary>
    public IReadOnlyList<string> Roles => _roles ??= StringArray(Element(LtiClaimTypes.Roles));
    /// <summary>Full name, if the privacy level sends it.</summary>
    public string? Name => String(LtiClaimTypes.Name);
    /// <summary>Given name.</summary>
    public string? GivenName => String(LtiClaimTypes.GivenName);
    /// <summary>Family name.</summary>
    public string? FamilyName => String(LtiClaimTypes.FamilyName);
    /// <summary>E-mail.</summary>
    public string? Email => String(LtiClaimTypes.Email);
    /// <summary>Picture URL.</summary>
    public string? Picture => String(LtiClaimTypes.Picture);
    /// <summary>Locale.</summary>
    public string? Locale => String(LtiClaimTypes.Locale);
    /// <summary>Canvas placement (null for assignment launches and other platforms).</summary>
    public string? CanvasPlacement => String(LtiClaimTypes.CanvasPlacement);
    /// <summary>exp as Unix seconds, if numeric.</summary>
    public long? ExpiresAt => Number(LtiClaimTypes.Expires);
    /// <summary>iat as Unix seconds, if numeric.</summary>
    public long? IssuedAt => Number(LtiClaimTypes.IssuedAt);
    /// <summary>nbf as Unix seconds, if numeric.</summary>
    public long? NotBefore => Number(LtiClaimTypes.NotBefore);

    /// <summary>The context, if sent with an id.</summary>
    public ContextClaim? Context => Element(LtiClaimTypes.Context) is { ValueKind: JsonValueKind.Object } e && Str(e, "id") is { Length: > 0 } id
        ? new ContextClaim(id, Str(e, "label"), Str(e, "title"), StringArray(Prop(e, "type")))
        : null;

    /// <summary>The resource link, if sent with an id.</summary>
    public ResourceLinkClaim? ResourceLink => Element(LtiClaimTypes.ResourceLink) is { ValueKind: JsonValueKind.Object } e && Str(e, "id") is { Length: > 0 } id
        ? new ResourceLinkClaim(id, Str(e, "title"), Str(e, "description"))
        : null;

    /// <summary>The AGS endpoint claim, if sent.</summary>
    public AgsEndpointClaim? Ags => Element(LtiClaimTypes.AgsEndpoint) is { ValueKind: JsonValueKind.Object } e
        ? new AgsEndpointClaim(Str(e, "lineitems"), Str(e, "lineitem"), StringArray(Prop(e, "scope")))
        : null;

    /// <summary>The NRPS claim, if sent with a URL.</summary>
    public NrpsClaim? Nrps => Element(LtiClaimTypes.NrpsService) is { ValueKind: JsonValueKind.Object } e && Str(e, "context_memberships_url") is { Length: > 0 } url
        ? new NrpsClaim(url, StringArray(Prop(e, "service_versions")))
        : null;

    /// <summary>The launch presentation, if sent.</summary>
    public LaunchPresentationClaim? LaunchPresentation => Element(LtiClaimTypes.LaunchPresentation) is { ValueKind: JsonValueKind.Object } e
        ? new LaunchPresentationClaim(Str(e, "document_target"), Str(e, "return_url"), Str(e, "locale"), Int(e, "width"), Int(e, "height"))
        : null;

    /// <summary>The platform instance, if sent.</summary>
    public ToolPlatformClaim? ToolPlatform => Element(LtiClaimTypes.ToolPlatform) is { ValueKind: JsonValueKind.Object } e
        ? new ToolPlatformClaim(Str(e, "guid"), Str(e, "name"), Str(e, "product_family_code"), Str(e, "version"))
        : null;

    /// <summary>The deep linking settings, if sent with a return URL.</summary>
    public DeepLinkingSettingsClaim? DeepLinkingSettings => Element(LtiClaimTypes.DeepLinkingSettings) is { } e ? ParseDeepLinkingSettings(e) : null;

    /// <summary>Reads a deep_linking_settings object (as sent, or as stored with a launch record); null without a return URL.</summary>
    public static DeepLinkingSettingsClaim? ParseDeepLinkingSettings(JsonElement e) => e.ValueKind == JsonValueKind.Object
        && Str(e, "deep_link_return_url") is { Length: > 0 } url
        ? new DeepLinkingSettingsClaim(url, StringArray(Prop(e, "accept_types")), StringArray(Prop(e, "accept_presentation_document_targets")),
            Str(e, "accept_media_types"), Bool(e, "accept_multiple") ?? false, Bool(e, "auto_create") ?? false, Bool(e, "accept_lineitem"),
            Str(e, "title"), Str(e, "text"), Str(e, "data"))
        : null;

    /// <summary>
    /// Custom parameters as strings (non-string JSON values keep their JSON text). Canvas sends a variable it
    /// could not resolve as its literal text ("$Canvas.course.id"); <see cref="IsUnresolvedVariable"/> tells.
    /// </summary>
    public IReadOnlyDictionary<string, string> Custom => _custom ??= CustomParameters.From(Element(LtiClaimTypes.Custom));

    // Read once: the launch reads the custom claim twice (Canvas role names, then the activity it names).
    private IReadOnlyDictionary<string, string>? _custom;

    /// <summary>The raw JSON of a claim (for storage of presentation or custom data), or null.</summary>
    public string? RawJson(string claim) => Element(claim)?.GetRawText();

    /// <summary>Whether a custom value is a platform variable left unexpanded (starts with '$').</summary>
    public static bool IsUnresolvedVariable(string? value) => value is { Length: > 1 } && value[0] == '$';

    private string? String(string claim) =>
        _token.TryGetPayloadValue<object>(claim, out var value) && value is string s ? s : null;

    private long? Number(string claim) =>
        _token.TryGetPayloadValue<object>(claim, out var value) ? value switch
        {
            long l => l,
            int i => i,
            double d when d >= long.MinValue && d <= long.MaxValue => (long)d,
            decimal m => (long)m,
            _ => null,
        } : null;

    private JsonElement? Element(string claim) =>
        _token.TryGetPayloadValue<JsonElement>(claim, out var element) ? element : null;

    private static JsonElement? Prop(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : e.TryGetProperty(name, out v) && v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out i) ? i
        : null;

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;

    private static IReadOnlyList<string> StringArray(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Array } array) return [];
        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { } s) list.Add(s);
        return list;
    }
}
