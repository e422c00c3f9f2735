using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LtiTool.Lti.DeepLinking;

/// <summary>
/// Builds and signs the deep linking response (Deep Linking 2.0 §4.5) with the tool's current key, after checking
/// the items against the request's settings (§4.4.1). A response the platform's settings forbid is never signed.
/// </summary>
public sealed class DeepLinkingResponseBuilder
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly ToolKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly IRandomTokenGenerator _random;
    private readonly TimeSpan _lifetime;

    /// <summary>Creates the builder; throws when the options are out of range.</summary>
    public DeepLinkingResponseBuilder(ToolKeyRing keys, TimeProvider time, IRandomTokenGenerator random, IOptions<DeepLinkingOptions> options)
    {
        _keys = keys;
        _time = time;
        _random = random;
        var settings = options.Value;
        if (settings.Validate().FirstOrDefault() is { } problem) throw new ArgumentException(problem, nameof(options));
        _lifetime = settings.ResponseLifetime;
    }

    /// <summary>
    /// Signs a response returning <paramref name="items"/>, or answers the first rule they break: an item type
    /// outside accept_types, several items without accept_multiple, a line item when accept_lineitem is false, a
    /// window or iframe outside accept_presentation_document_targets, or a malformed item.
    /// </summary>
    /// <param name="registration">The platform: its client id is <c>iss</c>, its issuer is <c>aud</c>.</param>
    /// <param name="deploymentId">The deployment id of the deep linking request.</param>
    /// <param name="settings">The request's deep linking settings.</param>
    /// <param name="items">The selection; may be empty (nothing selected).</param>
    /// <param name="message">A message for the user (<c>msg</c>).</param>
    /// <param name="log">A message for the platform's log (<c>log</c>).</param>
    public DeepLinkingResult Build(PlatformRegistration registration, string deploymentId, DeepLinkingSettingsClaim settings,
        IReadOnlyList<ContentItem> items, string? message = null, string? log = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (ContentItemRules.Check(settings, items) is { } error) return new DeepLinkingResult(null, error);
        var payload = Payload(registration, deploymentId, settings, ContentItemJson.ToJson(items));
        Add(payload, LtiClaimTypes.DeepLinkingMessage, message);
        Add(payload, LtiClaimTypes.DeepLinkingLog, log);
        return new DeepLinkingResult(Sign(settings, payload), null);
    }

    /// <summary>
    /// Signs a response that returns nothing and tells the platform why (cancelled, or failed): no content items,
    /// <c>errormsg</c> for the user and <c>errorlog</c> for the log. Always within the platform's rules.
    /// </summary>
    /// <param name="registration">The platform.</param>
    /// <param name="deploymentId">The deployment id of the deep linking request.</param>
    /// <param name="settings">The request's deep linking settings.</param>
    /// <param name="errorMessage">What to tell the user.</param>
    /// <param name="errorLog">What to write to the platform's log.</param>
    public DeepLinkingResponse BuildError(PlatformRegistration registration, string deploymentId, DeepLinkingSettingsClaim settings,
        string errorMessage, string? errorLog = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorMessage);
        var payload = Payload(registration, deploymentId, settings, []);
        Add(payload, LtiClaimTypes.DeepLinkingErrorMessage, errorMessage);
        Add(payload, LtiClaimTypes.DeepLinkingErrorLog, errorLog);
        return Sign(settings, payload);
    }

    private JsonObject Payload(PlatformRegistration registration, string deploymentId, DeepLinkingSettingsClaim settings, JsonArray items)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(deploymentId);
        var iat = _time.GetUtcNow().ToUnixTimeSeconds();
        // §4.5: the tool is the issuer (its client id) and the platform the audience. The nonce is fresh, not the
        // request's: Canvas treats it as the response's jti and refuses a response without one.
        var payload = new JsonObject
        {
            [LtiClaimTypes.Issuer] = registration.ClientId,
            [LtiClaimTypes.Audience] = registration.Issuer,
            [LtiClaimTypes.IssuedAt] = iat,
            [LtiClaimTypes.Expires] = iat + (long)_lifetime.TotalSeconds,
            [LtiClaimTypes.Nonce] = _random.Next(),
            [LtiClaimTypes.MessageType] = LtiMessageTypes.DeepLinkingResponse,
            [LtiClaimTypes.Version] = LtiMessageTypes.Version,
            [LtiClaimTypes.DeploymentId] = deploymentId,
        };
        // §4.4.1 data: "must be included in the response if present in the request", unchanged.
        if (settings.Data is not null) payload[LtiClaimTypes.DeepLinkingData] = settings.Data;
        payload[LtiClaimTypes.ContentItems] = items;
        return payload;
    }

    private DeepLinkingResponse Sign(DeepLinkingSettingsClaim settings, JsonObject payload) =>
        new(settings.DeepLinkReturnUrl, Handler.CreateToken(payload.ToJsonString(), _keys.SigningKey.SigningCredentials));

    private static void Add(JsonObject payload, string claim, string? value)
    {
        if (value is not null) payload[claim] = value;
    }
}
