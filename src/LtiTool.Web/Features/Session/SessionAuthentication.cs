using LtiTool.Lti.Launch;
using LtiTool.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Web.Features.Session;

public static class SessionAuthentication
{
    /// <summary>The stock JwtBearer handler for our own issuer and key, its clock wired to TimeProvider.</summary>
    public static AuthenticationBuilder AddLtiSession(this AuthenticationBuilder builder)
    {
        builder.Services.AddSingleton<SessionSigningKey>();
        builder.Services.AddSingleton<SessionTokenIssuer>();
        builder.Services.AddOptions<JwtBearerOptions>(SessionDefaults.AuthenticationScheme)
            .Configure<SessionSigningKey, TimeProvider>((o, key, time) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = SessionDefaults.Issuer,
                    ValidAudience = SessionDefaults.Audience,
                    IssuerSigningKey = key.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    // IdentityModel reads the wall clock; the tool's clock is TimeProvider.
                    LifetimeValidator = (notBefore, expires, _, p) =>
                    {
                        var now = time.GetUtcNow().UtcDateTime;
                        return expires is { } exp && now < exp + p.ClockSkew && (notBefore is not { } nbf || now >= nbf - p.ClockSkew);
                    },
                    NameClaimType = "sub",
                };
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ctx =>
                    {
                        // The partitioned cookie is a fallback for reads only: a state-changing call must carry
                        // the header, which a cross-site form can never add (no CSRF through the cookie).
                        if (string.IsNullOrEmpty(ctx.Request.Headers.Authorization) && HttpMethods.IsGet(ctx.Request.Method))
                            ctx.Token = ctx.Request.Cookies[SessionDefaults.CookieName];
                        return Task.CompletedTask;
                    },
                    OnChallenge = async ctx =>
                    {
                        ctx.HandleResponse();
                        var error = LtiErrors.SessionInvalid;
                        ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        ctx.Response.Headers.WWWAuthenticate = "Bearer";
                        if (ctx.Request.Path.StartsWithSegments("/api"))
                            await ErrorResponses.WriteProblemAsync(ctx.HttpContext, error.StatusCode, error.Title, error.Description, error.Code);
                        else
                            await ErrorResponses.WritePageAsync(ctx.HttpContext, error.StatusCode, error.Title, error.Description, error.Code);
                    },
                };
            });
        return builder.AddJwtBearer(SessionDefaults.AuthenticationScheme, _ => { });
    }

    /// <summary>
    /// The session token a page hands its script (in <c>meta[name=lti-session-token]</c>) for the writes, which
    /// need the bearer header: the one that authenticated this GET, from the cookie or the header.
    /// </summary>
    public static string? TokenFor(HttpRequest request) =>
        request.Cookies[SessionDefaults.CookieName] ?? request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);

    /// <summary>Sets the token as a partitioned cookie too, for browsers that keep it (GET pages and APIs read it).</summary>
    public static void AppendCookie(HttpResponse response, string token, TimeSpan lifetime)
    {
        var options = new CookieOptions
        {
            Path = "/", HttpOnly = true, Secure = true, SameSite = SameSiteMode.None, IsEssential = true, MaxAge = lifetime,
        };
        options.Extensions.Add("Partitioned");
        response.Cookies.Append(SessionDefaults.CookieName, token, options);
    }
}
