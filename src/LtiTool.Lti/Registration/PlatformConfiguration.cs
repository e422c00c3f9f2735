using System.Text.Json;
using LtiTool.Lti.Launch;

namespace LtiTool.Lti.Registration;

/// <summary>
/// What a tool needs from a platform's OpenID configuration to register with it and to accept its launches
/// (LTI Dynamic Registration 1.0 §3.4).
/// </summary>
/// <param name="Issuer">The platform's issuer: the <c>iss</c> of its launches.</param>
/// <param name="AuthorizationEndpoint">Where the tool sends the OIDC authentication request.</param>
/// <param name="TokenEndpoint">Where the tool asks for service access tokens.</param>
/// <param name="JwksUri">The platform's public keys.</param>
/// <param name="RegistrationEndpoint">Where the tool posts its registration.</param>
/// <param name="ProductFamilyCode">The LMS product, e.g. <c>canvas</c> or <c>moodle</c>.</param>
/// <param name="Version">The product's version, when given.</param>
/// <param name="MessagesSupported">The message types the platform can send, with their placements when it names them.</param>
/// <param name="ScopesSupported">The scopes the platform grants, when it lists them.</param>
/// <param name="AccountName">Canvas: the root account's name.</param>
public sealed record PlatformConfiguration(
    string Issuer,
    Uri AuthorizationEndpoint,
    Uri TokenEndpoint,
    Uri JwksUri,
    Uri RegistrationEndpoint,
    string ProductFamilyCode,
    string? Version,
    IReadOnlyList<SupportedMessage> MessagesSupported,
    IReadOnlyList<string>? ScopesSupported,
    string? AccountName)
{
    /// <summary>
    /// Reads a configuration document fetched from <paramref name="configurationUrl"/> and checks what
    /// registration relies on; the first problem found is the error.
    /// </summary>
    public static PlatformConfigurationResult Read(JsonElement document, Uri configurationUrl)
    {
        if (document.ValueKind != JsonValueKind.Object) return Invalid("the document is not a JSON object");
        if (Text(document, "issuer") is not { } issuer) return Invalid("issuer is missing");
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || !IsAllowedUrl(issuerUri) || issuerUri.Query.Length > 0 || issuerUri.Fragment.Length > 0)
            return Invalid("issuer must be an https URL without query or fragment");
        // §3.5.1: the configuration speaks for the issuer only when it was served from the issuer's own host.
        // The configuration may live on any path there, so only the host is compared.
        if (!string.Equals(issuerUri.IdnHost, configurationUrl.IdnHost, StringComparison.OrdinalIgnoreCase))
            return new PlatformConfigurationResult(null, LtiErrors.RegistrationIssuerMismatch.WithDetail($"fetched from {configurationUrl.Host}, issuer {issuer}"));

        Uri? authorization = null, token = null, jwks = null, registration = null;
        foreach (var (name, assign) in new (string, Action<Uri>)[]
                 {
                     ("authorization_endpoint", u => authorization = u), ("token_endpoint", u => token = u),
                     ("jwks_uri", u => jwks = u), ("registration_endpoint", u => registration = u),
                 })
        {
            if (Text(document, name) is not { } value) return Invalid($"{name} is missing");
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !IsAllowedUrl(uri)) return Invalid($"{name} must be an https URL");
            assign(uri);
        }
        // The tool authenticates to the token endpoint with a signed JWT only (Security Framework 1.0 §4.1).
        if (Strings(document, "token_endpoint_auth_methods_supported") is { } methods && !methods.Contains("private_key_jwt"))
            return Invalid("token_endpoint_auth_methods_supported does not offer private_key_jwt");
        if (!document.TryGetProperty(RegistrationKeys.PlatformConfiguration, out var lti) || lti.ValueKind != JsonValueKind.Object)
            return Invalid($"{RegistrationKeys.PlatformConfiguration} is missing");
        if (Text(lti, "product_family_code") is not { } product) return Invalid("product_family_code is missing");
        if (ReadMessages(lti) is not { } messages) return Invalid("messages_supported must list the message types the platform sends");

        return new PlatformConfigurationResult(new PlatformConfiguration(
            issuer, authorization!, token!, jwks!, registration!, product, Text(lti, "version"), messages,
            Strings(document, "scopes_supported"), Text(lti, RegistrationKeys.CanvasAccountName)), null);
    }

    /// <summary>Whether the platform lists this scope, or lists none (then it is up to its administrator).</summary>
    public bool Offers(string scope) => ScopesSupported is null || ScopesSupported.Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether a platform URL may be used: https, or plain http to a loopback address (development).</summary>
    public static bool IsAllowedUrl(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static List<SupportedMessage>? ReadMessages(JsonElement lti)
    {
        if (!lti.TryGetProperty("messages_supported", out var array) || array.ValueKind != JsonValueKind.Array) return null;
        var messages = new List<SupportedMessage>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || Text(item, "type") is not { } type) return null;
            if (item.TryGetProperty("placements", out var placements) && placements.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null)) return null;
            messages.Add(new SupportedMessage(type, Strings(item, "placements")));
        }
        return messages.Count == 0 ? null : messages;
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static List<string>? Strings(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : null;

    private static PlatformConfigurationResult Invalid(string detail) => new(null, LtiErrors.RegistrationConfigurationInvalid.WithDetail(detail));
}

/// <summary>A message type the platform sends, and the placements it names for it (none: wherever it applies).</summary>
/// <param name="Type">The message type, e.g. <c>LtiDeepLinkingRequest</c>.</param>
/// <param name="Placements">The placements as the platform spells them, or null when it names none.</param>
public sealed record SupportedMessage(string Type, IReadOnlyList<string>? Placements);

/// <summary>What the platform answered to a request that failed: its status and the start of its body.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="BodyExcerpt">The first characters of the body, with the registration token blanked out.</param>
public sealed record PlatformAnswer(int StatusCode, string BodyExcerpt);

/// <summary>A configuration, or why there is none.</summary>
/// <param name="Configuration">The configuration when it was fetched and is usable.</param>
/// <param name="Error">Why not.</param>
/// <param name="Answer">The platform's answer, when it answered with an error.</param>
public sealed record PlatformConfigurationResult(PlatformConfiguration? Configuration, LtiError? Error, PlatformAnswer? Answer = null);
