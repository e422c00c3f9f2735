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

    public static WebApplication MapDemoPlatformWhenEnabled(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DemoPlatformSwitch>().Enabled)
            app.MapDemoPlatform(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoPlatformOptions>>().Value.PathBase);
        return app;
    }
}
