using System.Security.Claims;
using LtiTool.Web.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Web.Features.Session;

/// <summary>Issues the launch session token: pointers (launch, user, context) only, never launch data.</summary>
public sealed class SessionTokenIssuer(SessionSigningKey key, TimeProvider time, IOptions<LtiToolOptions> options)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime => options.Value.Session.Lifetime;

    public string Issue(Guid launchId, Guid? userId, Guid? contextId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = userId?.ToString() ?? "anonymous",
            [SessionDefaults.LaunchIdClaim] = launchId.ToString(),
        };
        if (userId is { } u) claims[SessionDefaults.UserIdClaim] = u.ToString();
        if (contextId is { } c) claims[SessionDefaults.ContextIdClaim] = c.ToString();
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SessionDefaults.Issuer,
            Audience = SessionDefaults.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = claims,
            SigningCredentials = key.Credentials,
        });
    }

    /// <summary>A bootstrap admin session (first setup, no launch): administrative permissions, no course.</summary>
    public string IssueBootstrap(TimeSpan lifetime)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SessionDefaults.Issuer,
            Audience = SessionDefaults.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = "bootstrap", [SessionDefaults.BootstrapClaim] = true },
            SigningCredentials = key.Credentials,
        });
    }

    public static bool IsBootstrap(ClaimsPrincipal user) => user.FindFirst(SessionDefaults.BootstrapClaim)?.Value is "true";

    public static Guid? LaunchId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(SessionDefaults.LaunchIdClaim)?.Value, out var id) ? id : null;
}
