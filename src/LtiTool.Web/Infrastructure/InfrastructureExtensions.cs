using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Infrastructure;

public static class InfrastructureExtensions
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LtiToolOptions>().Bind(configuration.GetSection(LtiToolOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LtiToolOptions>, LtiToolOptionsValidator>();
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<SecurityHeaders>();
        services.AddProblemDetails();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a reverse proxy the public scheme and host come from X-Forwarded-*; proxies on loopback
            // are trusted by default, others are added with ForwardedHeaders:KnownProxies / KnownNetworks.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        });
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        return services;
    }

    public static WebApplication UseInfrastructure(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.HandleExceptionAsync });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var title = status switch { 404 => "Not found", 405 => "Method not allowed", 401 => "Not signed in", 403 => "Forbidden", _ => "Request failed" };
            if (http.Request.Path.StartsWithSegments("/api")) await ErrorResponses.WriteProblemAsync(http, status, title, title);
            else await ErrorResponses.WritePageAsync(http, status, title, "The tool has no page for this request.", code: null);
        });
        app.UseSecurityHeaders();
        // Static files only under their own folders, so a launch never waits on a file-system probe. (Build-time
        // static asset endpoints were tried: outside Development and unpublished builds their compressed variants
        // are served empty to browsers, which ask for br/gzip.)
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/js") || http.Request.Path.StartsWithSegments("/css"), branch => branch.UseStaticFiles());
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
