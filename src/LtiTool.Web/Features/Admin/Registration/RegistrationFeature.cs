using LtiTool.Lti.Registration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>
/// Registering the tool with a platform: the Canvas developer key JSON at <c>/lti/config.json</c> (and its
/// preview for administrators at <c>/admin/developer-key</c>), and LTI Dynamic Registration at <c>/lti/register</c>.
/// </summary>
public static class RegistrationFeature
{
    public static IServiceCollection AddToolRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeveloperKeyOptions>().Bind(configuration.GetSection(DeveloperKeyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeveloperKeyOptions>, DeveloperKeyOptionsValidator>();
        services.AddSingleton<ToolProfiles>();
        services.TryAddSingleton<DynamicRegistrationClient>();
        services.AddAntiforgery(o =>
        {
            // The registration page is opened inside the platform's frame (Canvas) or a window it opened. Its form
            // token pair still protects the confirmation; the cookie half must reach the tool from that frame,
            // including when third-party cookies are blocked, hence None + Secure + Partitioned (CHIPS).
            var cookie = new FramedCookieBuilder { Name = o.Cookie.Name, HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.None };
            cookie.Extensions.Add("Partitioned");
            o.Cookie = cookie;
            // Framing is governed by the CSP frame-ancestors list; X-Frame-Options SAMEORIGIN would block the LMS.
            o.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapToolRegistration(this IEndpointRouteBuilder app)
    {
        // Anonymous: Canvas fetches it server-side for "Enter URL". It holds only public URLs and settings.
        app.MapGet(DeveloperKeyJson.Path, (HttpContext http, ToolProfiles profiles) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Json(DeveloperKeyJson.Build(profiles.For(http.Request)), DeveloperKeyJson.Indented);
        });
        return app;
    }

    /// <summary>
    /// Always Secure, as SameSite=None requires. Not through SecurePolicy Always, which makes antiforgery refuse
    /// plain http requests, and the demo runs on http://localhost, where browsers accept Secure cookies.
    /// </summary>
    private sealed class FramedCookieBuilder : CookieBuilder
    {
        public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
        {
            var options = base.Build(context, expiresFrom);
            options.Secure = true;
            return options;
        }
    }

    private sealed class DeveloperKeyOptionsValidator : IValidateOptions<DeveloperKeyOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeveloperKeyOptions options) =>
            options.Validate().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
