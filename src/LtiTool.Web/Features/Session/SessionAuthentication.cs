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
                        // The partitioned cookie — or, where the browser keeps no cookie in the frame, the token in
                        // the page link's query — is a fallback for reads only: a state-changing call must carry the
                        // header, which a cross-site form can never add (no CSRF through either).
                        if (string.IsNullOrEmpty(ctx.Request.Headers.Authorization) && HttpMethods.IsGet(ctx.Request.Method))
                        {
                            ctx.Token = ctx.Request.Cookies[SessionDefaults.CookieName];
                            if (ctx.Token is null && LinkToken(ctx.Request) is { } linked)
                            {
                                ctx.Token = linked;
                                ctx.HttpContext.Items[FromLinkItem] = linked;
                            }
                        }
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = ctx =>
                    {
                        // Pages and answers of a session are never stored by caches: they carry the session token.
                        ctx.Response.Headers.CacheControl = "no-store";
                        // Only a token that authenticated this request is handed on to the page's links.
                        if (ctx.HttpContext.Items[FromLinkItem] is string linked) ctx.HttpContext.Items[CarryItem] = linked;
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
        request.Cookies[SessionDefaults.CookieName]
        ?? (request.HttpContext.Items[FromLinkItem] as string)
        ?? request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);

    private const string CarryItem = "lti-session-carry";
    private const string FromLinkItem = "lti-session-from-link";

    /// <summary>Marks the response of a launch whose browser kept no cookie: its links must carry the token.</summary>
    public static void CarryInLinks(HttpContext http, string token) => http.Items[CarryItem] = token;

    /// <summary>
    /// The token the page's links must carry (the layout hands it to frame.js), or null when the browser keeps the
    /// session cookie: set by a launch without a cookie, and kept by every page reached through such a link.
    /// </summary>
    public static string? TokenToCarry(HttpContext http) => http.Items[CarryItem] as string;

    /// <summary>
    /// The session token of a link, counted only when the link was followed from one of the tool's own pages
    /// (<c>Sec-Fetch-Site: same-origin</c>). A link from anywhere else could carry another person's token and put
    /// the browser in their session (login CSRF); browsers that send no fetch metadata get no session from links.
    /// </summary>
    private static string? LinkToken(HttpRequest request) =>
        string.Equals(request.Headers["Sec-Fetch-Site"], "same-origin", StringComparison.Ordinal)
        && request.Query.TryGetValue(SessionDefaults.QueryParameter, out var value) && value.Count > 0 && value[0] is { Length: > 0 } token
            ? token
            : null;

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
