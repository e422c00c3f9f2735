using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Access;

/// <summary>
/// Who gets into /admin, and for which registrations (<see cref="AdminScope"/>): administrators launching from
/// the LMS act for their platform; the bootstrap credential for the first setup, like the command line, tool-wide.
/// </summary>
public static class AdminAccess
{
    public const string SignInRateLimit = "admin-sign-in";

    public static IServiceCollection AddAdminAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();
        services.AddSingleton<BootstrapCredential>();
        services.AddHostedService(sp => sp.GetRequiredService<BootstrapCredential>());
        services.AddToolWideAdminPolicy();
        // Guessing the credential: 10 tries a minute per client address.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: showing the form is free.
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("form"));
        });
        return services;
    }

    private sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
    {
        public ValidateOptionsResult Validate(string? name, BootstrapOptions options) =>
            options.Validate().ToList() is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
