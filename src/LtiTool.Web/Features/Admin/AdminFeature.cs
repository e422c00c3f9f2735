using LtiTool.Web.Features.Admin.Access;
using LtiTool.Web.Features.Admin.Audit;
using LtiTool.Web.Features.Admin.Keys;
using LtiTool.Web.Features.Admin.Platforms;
using LtiTool.Web.Features.Admin.Registration;

namespace LtiTool.Web.Features.Admin;

/// <summary>Administration (issue #6): who gets in, platforms and deployments, keys, the audit log.</summary>
public static class AdminFeature
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddAdminAccess(configuration);
        services.AddScoped<Platforms.ConnectionTest>();
        services.AddSingleton<IAdminCommand, Platforms.PlatformsCommand>();
        services.AddToolKeyManagement(configuration);
        services.AddToolRegistration(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapPlatformsAdmin();
        app.MapToolKeyManagement();
        app.MapToolRegistration();
        app.MapAuditLog();
        return app;
    }
}
