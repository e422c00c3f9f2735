using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.Lti.Login;
using LtiTool.Lti.Registration;
using Microsoft.AspNetCore.Http;

namespace LtiTool.DemoPlatform;

/// <summary>
/// The demo LMS as a registering platform (LTI Dynamic Registration 1.0, the way Canvas does it): it issues
/// registration tokens, serves a Canvas-shaped OpenID configuration naming its own endpoints, and accepts a
/// tool's registration posted with a live token, answering with a client id and a deployment id.
/// </summary>
public sealed class DemoRegistrationEndpoint(DemoLms lms, TimeProvider time, IRandomTokenGenerator random)
{
    /// <summary>How long a registration token is valid (Canvas: one hour).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private static readonly JsonObject Template = LoadTemplate();
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _deployments = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DemoToolRegistration> _received = new();
    private long _clientCounter = 10000000000100;
    // The demo's own deployment is number 1.
    private int _deploymentCounter = 1;

    /// <summary>Every registration the endpoint was sent, in order, accepted or not.</summary>
    public IReadOnlyList<DemoToolRegistration> Received => _received.ToArray();

    /// <summary>
    /// Issues a registration token. With <paramref name="existingClientId"/> it stands for an update of that
    /// registration (Canvas: <c>existing_registration</c>), so the answer keeps its client id and deployment.
    /// </summary>
    public string IssueToken(string? existingClientId = null)
    {
        var now = time.GetUtcNow();
        foreach (var expired in _tokens.Where(t => t.Value.ExpiresAt <= now)) _tokens.TryRemove(expired.Key, out _);
        var token = random.Next();
        _tokens[token] = new IssuedToken(now + TokenLifetime, existingClientId);
        return token;
    }

    /// <summary>The issuer the demo registers under: its own base URL, so the configuration is served from the issuer's host.</summary>
    public static string IssuerOf(Uri platformBase) => platformBase.AbsoluteUri.TrimEnd('/');

    /// <summary>Where a platform administrator's browser goes to start a registration: the tool's registration URL with both parameters.</summary>
    public Uri StartUrl(Uri toolBase, Uri platformBase)
    {
        var token = IssueToken();
        var configuration = new Uri(platformBase, ".well-known/openid-configuration?registration_token=" + Uri.EscapeDataString(token)).AbsoluteUri;
        return new Uri(toolBase, "lti/register?openid_configuration=" + Uri.EscapeDataString(configuration) + "&registration_token=" + Uri.EscapeDataString(token));
    }

    /// <summary>GET openid-configuration: Canvas reads the token from the query; the header is accepted too.</summary>
    public IResult Configuration(HttpRequest request, Uri platformBase)
    {
        var token = request.Query.TryGetValue("registration_token", out var q) && q.Count > 0 ? q[0] : BearerOf(request);
        if (!IsLive(token)) return Results.Json(new { errorMessage = "Invalid or expired registration token" }, statusCode: StatusCodes.Status401Unauthorized);
        var document = (JsonObject)Template.DeepClone();
        document["issuer"] = IssuerOf(platformBase);
        document["authorization_endpoint"] = new Uri(platformBase, "authorize").AbsoluteUri;
        document["registration_endpoint"] = new Uri(platformBase, "register").AbsoluteUri;
        document["jwks_uri"] = new Uri(platformBase, "jwks").AbsoluteUri;
        document["token_endpoint"] = new Uri(platformBase, "token").AbsoluteUri;
        document["authorization_server"] = platformBase.Authority;
        var lti = document[RegistrationKeys.PlatformConfiguration]!.AsObject();
        lti[RegistrationKeys.CanvasAccountName] = lms.Options.Name;
        lti[RegistrationKeys.CanvasAccountDomain] = platformBase.Authority;
        lms.EditOpenIdConfiguration?.Invoke(document);
        return Results.Json(document);
    }

    /// <summary>POST register: a live token, then the checks Canvas's schema makes that matter here, then the answer.</summary>
    public async Task<IResult> RegisterAsync(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        JsonObject? body = null;
        try
        {
            body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
        }
        var token = BearerOf(request);
        var live = token is not null && _tokens.TryGetValue(token, out var issued) && issued.ExpiresAt > time.GetUtcNow() ? issued : null;
        if (live is null)
        {
            _received.Enqueue(new DemoToolRegistration(authorization, body, null, null));
            return Results.Json(new { errorMessage = "Invalid or expired registration token" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        if (lms.RegistrationRefusal is { } refusal)
        {
            _received.Enqueue(new DemoToolRegistration(authorization, body, null, null));
            return Results.Text(refusal.Body, "application/json", statusCode: refusal.Status);
        }
        if (Problems(body) is { Count: > 0 } problems)
        {
            _received.Enqueue(new DemoToolRegistration(authorization, body, null, null));
            return Results.Json(new { errors = problems }, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        _tokens.TryRemove(token!, out _);
        var clientId = live.ExistingClientId ?? Interlocked.Increment(ref _clientCounter).ToString(CultureInfo.InvariantCulture);
        // Canvas's shape: a number, a colon and 40 hex digits (here a digest of the client id).
        var deploymentId = _deployments.GetOrAdd(clientId, id =>
            $"{Interlocked.Increment(ref _deploymentCounter)}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))[..20])}");
        _received.Enqueue(new DemoToolRegistration(authorization, body, clientId, deploymentId));

        // The answer echoes the registration with the client id, and the deployment where §3.6 puts it.
        var answer = (JsonObject)body!.DeepClone();
        answer["client_id"] = clientId;
        answer[RegistrationKeys.ToolConfiguration]!["deployment_id"] = deploymentId;
        return Results.Json(answer);
    }

    private static Dictionary<string, string> Problems(JsonObject? body)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body is null) return new() { ["body"] = "must be a JSON object" };
        string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        IEnumerable<string> Strings(JsonNode? node) => node is JsonArray a ? a.Select(Text).OfType<string>() : [];
        if (Text(body["application_type"]) != "web") problems["application_type"] = "must be web";
        if (!new[] { "implicit", "client_credentials" }.All(Strings(body["grant_types"]).Contains)) problems["grant_types"] = "must include implicit and client_credentials";
        if (!Strings(body["response_types"]).Contains("id_token")) problems["response_types"] = "must include id_token";
        if (!Strings(body["redirect_uris"]).Any()) problems["redirect_uris"] = "must list at least one URI";
        foreach (var name in new[] { "initiate_login_uri", "client_name", "jwks_uri" })
            if (Text(body[name]) is null) problems[name] = "is required";
        if (Text(body["token_endpoint_auth_method"]) != "private_key_jwt") problems["token_endpoint_auth_method"] = "must be private_key_jwt";
        if (body[RegistrationKeys.ToolConfiguration] is not JsonObject tool)
            problems[RegistrationKeys.ToolConfiguration] = "is required";
        else
        {
            if (Text(tool["domain"]) is null) problems["domain"] = "is required";
            if (tool["claims"] is not JsonArray) problems["claims"] = "must be an array";
            if (tool["messages"] is not JsonArray) problems["messages"] = "must be an array";
        }
        return problems;
    }

    private bool IsLive(string? token) => token is not null && _tokens.TryGetValue(token, out var issued) && issued.ExpiresAt > time.GetUtcNow();

    private static string? BearerOf(HttpRequest request) =>
        request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;

    private static JsonObject LoadTemplate()
    {
        using var stream = typeof(DemoRegistrationEndpoint).Assembly.GetManifestResourceStream("canvas-openid-configuration.json")
            ?? throw new InvalidOperationException("The embedded openid-configuration template is missing.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    private sealed record IssuedToken(DateTimeOffset ExpiresAt, string? ExistingClientId);
}

/// <summary>A registration the demo LMS was sent: the Authorization header, the body, and what it assigned when it accepted.</summary>
public sealed record DemoToolRegistration(string Authorization, JsonObject? Body, string? ClientId, string? DeploymentId);
