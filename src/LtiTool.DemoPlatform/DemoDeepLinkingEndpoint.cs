using System.Collections.Concurrent;
using System.Text.Json;
using LtiTool.Lti.Claims;
using LtiTool.Lti.DeepLinking;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.DemoPlatform;

/// <summary>
/// The demo LMS's deep_link_return_url. It checks the tool's response the way Canvas does (signature against the
/// tool's published JWKS, iss = the client id, aud = the issuer, exp and iat, message type, version, deployment,
/// a nonce not seen before) and that <c>data</c> is what the request carried; then it makes each returned
/// <c>ltiResourceLink</c> an assignment, with a gradebook column when the item has a line item.
/// </summary>
public sealed class DemoDeepLinkingEndpoint(DemoLms lms, DemoGradebook gradebook, IHttpClientFactory httpClients, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seenNonces = new(StringComparer.Ordinal);

    /// <summary>Answers the tool's form post: the page of what was created, or 400 naming the failed check.</summary>
    /// <param name="request">The form post carrying <c>JWT</c>.</param>
    /// <param name="toolBase">The tool's base URL (its JWKS, and the domain returned links must launch on).</param>
    /// <param name="demoHome">The demo page the answer links back to.</param>
    public async Task<IResult> HandleAsync(HttpRequest request, Uri toolBase, string demoHome)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        string? jwt = form is not null && form.TryGetValue(DeepLinkingResponse.FormField, out var value) ? value.ToString() : null;
        var (token, refusal) = await VerifyAsync(jwt, new Uri(toolBase, Lti.AspNetCore.LtiLaunchDefaults.JwksPath.TrimStart('/')));
        return token is null
            ? DemoDeepLinkingPage.Refused(refusal!, demoHome)
            : DemoDeepLinkingPage.Returned(Apply(token, toolBase), demoHome);
    }

    private async Task<(JsonWebToken? Token, DeepLinkingRefusal? Refusal)> VerifyAsync(string? jwt, Uri toolJwks)
    {
        if (string.IsNullOrEmpty(jwt)) return Refuse("JWT", "The form has no JWT field.");
        if (!Handler.CanReadToken(jwt)) return Refuse("JWT", "The JWT field is not a compact JWT.");
        if (await ToolJwks.FetchAsync(httpClients, toolJwks) is not { } keys) return Refuse("jwks", "The tool's public JWK URL could not be read.");
        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            // Each claim is checked below by name, so the page can say which one failed.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        if (!result.IsValid)
            return Refuse("signature", $"The JWT does not verify with the tool's published keys ({result.Exception?.GetType().Name}).");
        var token = (JsonWebToken)result.SecurityToken;
        return Check(token) is { } refusal ? (null, refusal) : (token, null);
    }

    private DeepLinkingRefusal? Check(JsonWebToken token)
    {
        var options = lms.Options;
        var now = time.GetUtcNow();
        if (token.Issuer != options.ClientId) return new("iss", $"iss must be the tool's client id, {options.ClientId}.");
        if (!token.Audiences.Contains(options.Issuer, StringComparer.Ordinal)) return new("aud", $"aud must be this platform's issuer, {options.Issuer}.");
        if (Seconds(token, LtiClaimTypes.Expires) is not { } exp || DateTimeOffset.FromUnixTimeSeconds(exp) <= now)
            return new("exp", "The response has expired (or has no numeric exp).");
        // Canvas: iat at most 5 minutes old and at most 30 seconds ahead.
        if (Seconds(token, LtiClaimTypes.IssuedAt) is not { } iat
            || DateTimeOffset.FromUnixTimeSeconds(iat) < now.AddMinutes(-5) || DateTimeOffset.FromUnixTimeSeconds(iat) > now.AddSeconds(30))
            return new("iat", "iat must be numeric, at most 5 minutes old and not in the future.");
        if (String(token, LtiClaimTypes.MessageType) != LtiMessageTypes.DeepLinkingResponse)
            return new("message_type", $"The message type must be {LtiMessageTypes.DeepLinkingResponse}.");
        if (String(token, LtiClaimTypes.Version) != LtiMessageTypes.Version) return new("version", $"The LTI version must be {LtiMessageTypes.Version}.");
        if (String(token, LtiClaimTypes.DeploymentId) != options.DeploymentId)
            return new("deployment_id", $"The deployment id must be the one of the request, {options.DeploymentId}.");
        if (String(token, LtiClaimTypes.Nonce) is not { Length: > 0 } nonce) return new("nonce", "The response has no nonce (Canvas: \"assertions are missing: jti\").");
        if (_seenNonces.ContainsKey(nonce)) return new("nonce", "This response was posted before.");
        if (token.TryGetPayloadValue<JsonElement>(LtiClaimTypes.ContentItems, out var items) && items.ValueKind != JsonValueKind.Array)
            return new("content_items", "content_items must be an array.");
        // Last: taking the data back makes the request answered.
        if (String(token, LtiClaimTypes.DeepLinkingData) is not { } data || !lms.TryConsumeDeepLinkingData(data))
            return new("data", "data must echo the value this platform's deep linking request carried, once.");
        foreach (var old in _seenNonces.Where(n => n.Value <= now)) _seenNonces.TryRemove(old.Key, out _);
        _seenNonces[nonce] = DateTimeOffset.FromUnixTimeSeconds(exp);
        return null;
    }

    private DeepLinkingOutcome Apply(JsonWebToken token, Uri toolBase)
    {
        var created = new List<CreatedAssignment>();
        var skipped = new List<string>();
        if (token.TryGetPayloadValue<JsonElement>(LtiClaimTypes.ContentItems, out var items))
        {
            var position = 0;
            foreach (var item in items.EnumerateArray())
            {
                position++;
                var (assignment, reason) = Create(item, toolBase);
                if (assignment is not null) created.Add(assignment);
                else skipped.Add($"Item {position}: {reason}");
            }
        }
        return new DeepLinkingOutcome(created, skipped, String(token, LtiClaimTypes.DeepLinkingMessage), String(token, LtiClaimTypes.DeepLinkingLog),
            String(token, LtiClaimTypes.DeepLinkingErrorMessage), String(token, LtiClaimTypes.DeepLinkingErrorLog));
    }

    /// <summary>Makes one returned item an assignment, or says why it cannot.</summary>
    private (CreatedAssignment? Created, string? Skipped) Create(JsonElement item, Uri toolBase)
    {
        if (item.ValueKind != JsonValueKind.Object) return (null, "not an object.");
        var type = Str(item, "type");
        if (type != ContentItemTypes.LtiResourceLink) return (null, $"type {type ?? "(none)"} was not asked for (accept_types is ltiResourceLink).");
        var url = Str(item, "url");
        // Canvas: a returned LTI link must launch on the tool's own domain.
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var target) && SameOrigin(target, toolBase)))
            return (null, $"url {url} is not on the tool's domain.");
        var lineItem = item.TryGetProperty("lineItem", out var l) && l.ValueKind == JsonValueKind.Object ? l : (JsonElement?)null;
        decimal? scoreMaximum = lineItem is { } li && li.TryGetProperty("scoreMaximum", out var max) && max.ValueKind == JsonValueKind.Number
            && max.TryGetDecimal(out var m) && m > 0 ? m : null;
        if (lineItem is not null && scoreMaximum is null) return (null, "lineItem.scoreMaximum is a required field.");
        // Canvas: the line item's label overrides the title.
        var title = (lineItem is { } withLabel ? Str(withLabel, "label") : null) ?? Str(item, "title") ?? "Untitled assignment";
        var custom = CustomParameters.From(item.TryGetProperty("custom", out var c) ? c : null);
        var resourceLinkId = lms.NextResourceLinkId();
        int? column = lineItem is { } column0
            ? gradebook.AddColumn(title, scoreMaximum!.Value, Str(column0, "resourceId"), Str(column0, "tag"), resourceLinkId)
            : null;
        return (new CreatedAssignment(lms.AddAssignment(title, url, Str(item, "text"), custom, resourceLinkId, column), scoreMaximum), null);
    }

    private static (JsonWebToken?, DeepLinkingRefusal?) Refuse(string check, string reason) => (null, new DeepLinkingRefusal(check, reason));

    private static string? String(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<object>(claim, out var value) && value is string s ? s : null;

    private static long? Seconds(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<object>(claim, out var value) ? value switch
        {
            long l => l,
            int i => i,
            double d when !double.IsNaN(d) && d >= long.MinValue && d <= long.MaxValue => (long)d,
            decimal d => (long)d,
            _ => null,
        } : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}

/// <summary>Which check refused a deep linking response, and why.</summary>
internal sealed record DeepLinkingRefusal(string Check, string Reason);

/// <summary>An assignment made from a returned item, with the maximum of its column when it has one.</summary>
internal sealed record CreatedAssignment(DemoAssignment Assignment, decimal? ScoreMaximum);

/// <summary>What the demo made of an accepted deep linking response.</summary>
internal sealed record DeepLinkingOutcome(
    IReadOnlyList<CreatedAssignment> Created,
    IReadOnlyList<string> Skipped,
    string? Message,
    string? Log,
    string? ErrorMessage,
    string? ErrorLog);
