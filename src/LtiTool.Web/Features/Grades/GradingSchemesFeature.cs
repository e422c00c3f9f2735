using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Grades;

public static class GradingSchemesFeature
{
    /// <summary>The grading schemes, bound from <c>Grading</c> and validated at start-up.</summary>
    public static IServiceCollection AddGradingSchemes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GradingOptions>().Bind(configuration.GetSection(GradingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GradingOptions>, GradingOptionsValidator>();
        services.AddSingleton<GradingSchemes>();
        return services;
    }

    private sealed class GradingOptionsValidator : IValidateOptions<GradingOptions>
    {
        public ValidateOptionsResult Validate(string? name, GradingOptions options) =>
            options.Validate().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
