using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Roles;

public static class RolesFeature
{
    /// <summary>Role mapping and the permission matrix, both validated at start-up.</summary>
    public static IServiceCollection AddRoles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoleOptions>().Bind(configuration.GetSection(RoleOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoleOptions>, RoleOptionsValidator>();
        services.AddOptions<PermissionOptions>().Bind(configuration.GetSection(PermissionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PermissionOptions>, PermissionOptionsValidator>();
        services.AddSingleton<PermissionMatrix>();
        services.AddPermissionPolicies();
        return services;
    }

    private sealed class RoleOptionsValidator : IValidateOptions<RoleOptions>
    {
        public ValidateOptionsResult Validate(string? name, RoleOptions options) =>
            options.Validate().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }

    private sealed class PermissionOptionsValidator : IValidateOptions<PermissionOptions>
    {
        public ValidateOptionsResult Validate(string? name, PermissionOptions options) =>
            options.Validate().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
