namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>Canvas developer key JSON and LTI Dynamic Registration: filled in by its own change.</summary>
public static class RegistrationFeature
{
    public static IServiceCollection AddToolRegistration(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapToolRegistration(this IEndpointRouteBuilder app) => app;
}
