using System.Net.Http.Headers;
using LtiTool.Lti.DeepLinking;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Login;
using LtiTool.Lti.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace LtiTool.Lti.AspNetCore;

/// <summary>Registers the protocol services. The application adds the stores (<c>IPlatformStore</c>, <see cref="ILaunchStateStore"/>).</summary>
public static class LtiServiceCollectionExtensions
{
    /// <summary>The User-Agent of every outbound call (Canvas refuses requests without one).</summary>
    public static readonly ProductInfoHeaderValue UserAgent = new("LtiTool", typeof(LtiServiceCollectionExtensions).Assembly.GetName().Version?.ToString(3) ?? "1.0");

    /// <summary>Adds login, launch validation, the JWKS cache, the platform HttpClient and the launch scheme.</summary>
    public static AuthenticationBuilder AddLtiLaunch(this IServiceCollection services, IConfiguration lti)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomTokenGenerator, RandomTokenGenerator>();
        services.AddOptions<LaunchValidationOptions>().Bind(lti.GetSection("Launch"))
            .Validate(o => !o.Validate().Any(), "Lti:Launch is invalid").ValidateOnStart();
        services.AddOptions<PlatformJwksOptions>().Bind(lti.GetSection("Jwks"));
        services.TryAddSingleton<IPlatformKeyResolver, PlatformJwksCache>();
        services.TryAddScoped<LoginInitiation>();
        services.TryAddScoped<LaunchValidator>();
        services.AddMetrics();
        services.TryAddSingleton<LtiLaunchMetrics>();

        services.AddHttpClient(LtiHttpClients.Platform, client =>
            {
                client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
            })
            .AddResilienceHandler("platform", pipeline =>
            {
                // Waiting on the network happens in real time. The injected TimeProvider is the tool's domain
                // clock (token lifetimes, caches), which tests pin and move by hand; a retry delay or timeout
                // measured on it would never elapse there.
                pipeline.TimeProvider = TimeProvider.System;
                // A JWKS fetch sits on the launch path: a short attempt, one quick retry, a firm total.
                pipeline.AddTimeout(TimeSpan.FromSeconds(10));
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 1,
                    Delay = TimeSpan.FromMilliseconds(200),
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                };
                // A Dynamic Registration POST creates a registration on the platform: repeating one whose answer
                // was lost could create a second. Only safe methods (the JWKS and configuration GETs) retry.
                retry.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(retry);
                pipeline.AddTimeout(TimeSpan.FromSeconds(4));
            });

        return services.AddAuthentication().AddScheme<LtiLaunchOptions, LtiLaunchHandler>(LtiLaunchDefaults.AuthenticationScheme, null);
    }

    /// <summary>
    /// Adds the service token client, the NRPS client and the HttpClient for platform services: timeouts,
    /// retries with jittered exponential backoff on 5xx, 408, 429 and Canvas's 403 "Rate Limit Exceeded",
    /// honouring Retry-After (Lti:Services).
    /// The app registers the <see cref="ToolKeyRing"/> (read at each signature, so rotations apply at once).
    /// </summary>
    public static IServiceCollection AddLtiServices(this IServiceCollection services, IConfiguration lti)
    {
        services.AddOptions<PlatformTokenOptions>().Bind(lti.GetSection("Services"));
        var settings = lti.GetSection("Services").Get<PlatformTokenOptions>() ?? new PlatformTokenOptions();
        services.TryAddSingleton<PlatformTokenClient>();
        services.TryAddSingleton<PlatformServiceClient>();
        services.TryAddSingleton<Services.Nrps.NrpsClient>();
        services.TryAddSingleton<Services.Ags.AgsClient>();
        services.AddHttpClient(LtiHttpClients.Services, client =>
            {
                client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("services", pipeline =>
            {
                // Real clock for network waits (see the platform client above).
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddTimeout(settings.TotalTimeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = settings.RetryBaseDelay,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = RateLimit.ShouldRetryAsync,
                });
                pipeline.AddTimeout(settings.AttemptTimeout);
            });
        return services;
    }

    /// <summary>
    /// Adds the <see cref="DeepLinkingResponseBuilder"/> and binds <c>Lti:DeepLinking</c> (validated at start-up).
    /// The app registers the <see cref="ToolKeyRing"/> (read at each signature, so rotations apply at once).
    /// </summary>
    public static IServiceCollection AddLtiDeepLinking(this IServiceCollection services, IConfiguration lti)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomTokenGenerator, RandomTokenGenerator>();
        services.AddOptions<DeepLinkingOptions>().Bind(lti.GetSection(DeepLinkingOptions.Section))
            .Validate(o => !o.Validate().Any(), "Lti:DeepLinking is invalid").ValidateOnStart();
        services.TryAddSingleton<DeepLinkingResponseBuilder>();
        return services;
    }
}
