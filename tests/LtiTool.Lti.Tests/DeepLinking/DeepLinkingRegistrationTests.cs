using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.DeepLinking;
using LtiTool.Lti.Keys;
using LtiTool.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LtiTool.Lti.Tests.DeepLinking;

public sealed class DeepLinkingRegistrationTests
{
    private static ServiceProvider Services(string? lifetime)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Lti:DeepLinking:ResponseLifetime"] = lifetime })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(new ToolKeyRing(new ToolKeySet([ToolKey.FromPem(TestKeys.ToolPem, default)])));
        services.AddLtiDeepLinking(configuration.GetSection("Lti"));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddLtiDeepLinking_BindsTheSectionAndResolvesTheBuilder()
    {
        using var services = Services("00:20:00");

        Assert.Equal(TimeSpan.FromMinutes(20), services.GetRequiredService<IOptions<DeepLinkingOptions>>().Value.ResponseLifetime);
        Assert.NotNull(services.GetRequiredService<DeepLinkingResponseBuilder>());
    }

    [Fact]
    public void AddLtiDeepLinking_LifetimeOutOfRange_FailsValidation()
    {
        using var services = Services("00:00:30");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeepLinkingOptions>>().Value);
        Assert.Contains("Lti:DeepLinking is invalid", error.Message, StringComparison.Ordinal);
    }
}
