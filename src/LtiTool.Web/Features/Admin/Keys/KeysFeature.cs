namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>Tool key management (rotation, Data Protection at rest, the keys command): filled in by its own change.</summary>
public static class KeysFeature
{
    public static IServiceCollection AddToolKeyManagement(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapToolKeyManagement(this IEndpointRouteBuilder app) => app;
}
