using System.Collections.Concurrent;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Login;
using LtiTool.Lti.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.DemoPlatform;

/// <summary>
/// The demo LMS's OAuth 2 token endpoint (client_credentials with a JWT client assertion), checked the way
/// Canvas checks it: the signature against the tool's published JWKS, sub = the client id, aud = this exact
/// token URL, iat at most 5 minutes old and not in the future, a jti, and scopes the developer key allows.
/// </summary>
public sealed class DemoTokenEndpoint(DemoLms lms, IHttpClientFactory httpClients, TimeProvider time, IRandomTokenGenerator random)
{
    /// <summary>The named HttpClient the demo LMS fetches the tool's JWKS with.</summary>
    public const string HttpClientName = "LtiTool.DemoPlatform";

    /// <summary>The scopes the demo developer key has.</summary>
    public static readonly IReadOnlyList<string> AllowedScopes =
        [LtiScopes.AgsLineItem, LtiScopes.AgsLineItemReadOnly, LtiScopes.AgsResultReadOnly, LtiScopes.AgsScore, LtiScopes.NrpsContextMembershipReadOnly];

    private static readonly JsonWebTokenHandler Handler = new();
    private readonly ConcurrentDictionary<string, (IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);

    /// <summary>How many tokens the endpoint issued.</summary>
    public int Issued => _tokens.Count;

    /// <summary>Answers a token request.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, Uri tokenUrl, Uri toolJwks)
    {
        var form = await request.ReadFormAsync();
        string? F(string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;
        if (F("grant_type") != "client_credentials") return Error(400, "unsupported_grant_type", "grant_type must be client_credentials");
        if (F("client_assertion_type") != ClientAssertion.Type) return Error(400, "invalid_request", "assertion method not supported");
        if (F("client_assertion") is not { } assertion) return Error(400, "invalid_request", "client_assertion is missing");

        var keys = await ToolJwks.FetchAsync(httpClients, toolJwks);
        if (keys is null) return Error(401, "invalid_client", "the tool's public JWK URL could not be read");
        var now = time.GetUtcNow();
        var result = await Handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidAudience = tokenUrl.AbsoluteUri,
            ValidateIssuer = false,
            RequireExpirationTime = true,
            LifetimeValidator = (_, expires, _, _) => expires is { } exp && now.UtcDateTime < exp,
        });
        if (!result.IsValid) return Error(401, "invalid_client", "the client assertion does not verify: " + result.Exception?.GetType().Name);
        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.Subject != lms.Options.ClientId) return Error(401, "invalid_client", "unknown client (sub)");
        if (jwt.IssuedAt < now.UtcDateTime.AddMinutes(-5) || jwt.IssuedAt > now.UtcDateTime.AddSeconds(30)) return Error(401, "invalid_client", "iat is too old or in the future");
        if (string.IsNullOrEmpty(jwt.Id)) return Error(401, "invalid_client", "jti is required");

        var scopes = (F("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length == 0 || scopes.Any(s => !AllowedScopes.Contains(s))) return Error(400, "invalid_scope", "Invalid scope");

        var token = random.Next();
        _tokens[token] = (scopes, now.AddHours(1));
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 3600, scope = string.Join(' ', scopes) });
    }

    /// <summary>Whether a bearer token is live and carries the scope (for the demo's services).</summary>
    public bool Authorizes(string? authorization, string scope) =>
        authorization is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
        && _tokens.TryGetValue(header["Bearer ".Length..], out var grant)
        && grant.ExpiresAt > time.GetUtcNow() && grant.Scopes.Contains(scope);

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
