using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LtiTool.DemoPlatform;

/// <summary>Registers the demo LMS.</summary>
public static class DemoPlatformServiceCollectionExtensions
{
    /// <summary>Adds <see cref="DemoLms"/> bound to the given section.</summary>
    public static IServiceCollection AddDemoPlatform(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<DemoPlatformOptions>().Bind(section);
        services.TryAddSingleton<DemoLms>();
        services.TryAddSingleton<DemoTokenEndpoint>();
        services.TryAddSingleton<DemoGradebook>();
        services.TryAddSingleton<DemoDeepLinkingEndpoint>();
        services.TryAddSingleton<DemoRegistrationEndpoint>();
        services.AddHttpClient(DemoTokenEndpoint.HttpClientName);
        return services;
    }
}
