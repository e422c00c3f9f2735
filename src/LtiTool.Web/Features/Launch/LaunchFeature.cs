using LtiTool.DemoPlatform;
using LtiTool.Lti.AspNetCore;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Session;
using LtiTool.Web.Infrastructure;

namespace LtiTool.Web.Features.Launch;

public static class LaunchFeature
{
    /// <summary>The protocol (login, launch scheme, JWKS cache), the session scheme and the demo LMS. The tool's keys: Admin/Keys.</summary>
    public static IServiceCollection AddLti(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var lti = configuration.GetSection(LtiToolOptions.Section);
        services.AddLtiLaunch(lti).AddLtiSession();
        // The platform storage step must be posted by the tool's own page: its Origin is the public origin.
        services.AddOptions<LtiLaunchOptions>(LtiLaunchDefaults.AuthenticationScheme)
            .Configure<PublicUrls>((options, urls) => options.ToolOrigin = request => urls.Origin(request).GetLeftPart(UriPartial.Authority));
        services.AddLtiServices(lti);
        services.AddLtiDeepLinking(lti);
        services.AddAuthorization();
        services.AddDemoPlatform(configuration.GetSection("DemoPlatform"));
        services.AddSingleton<DemoPlatformSwitch>();
        services.AddSingleton<LaunchIdentityCache>();
        return services;
    }

    /// <summary>The path the login page's script asks whether the binding cookie came back.</summary>
    public const string BindingCheckPath = "/lti/login/binding";

    /// <summary>
    /// <c>GET /lti/login/binding?state=…</c>: whether this browser sent back the binding cookie of a login, which is
    /// how the login page inside the LMS frame learns that the browser keeps the tool's cookies there. It answers
    /// only yes or no, and says nothing about whether the state exists.
    /// </summary>
    public static WebApplication MapLaunch(this WebApplication app)
    {
        app.MapGet(BindingCheckPath, (HttpContext http, string? state) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { cookie = BindingCookie.Read(http.Request, state) is not null });
        }).ExcludeFromDescription();
        return app;
    }

    public static WebApplication MapDemoPlatformWhenEnabled(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DemoPlatformSwitch>().Enabled)
            app.MapDemoPlatform(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoPlatformOptions>>().Value.PathBase);
        return app;
    }
}
