using LtiTool.Lti.Keys;
using LtiTool.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// The tool's signing keys: file-managed (<c>Lti:Keys:Path</c>, read as they are) or database-managed
/// (generated, protected at rest with Data Protection, rotated on a schedule or by an administrator).
/// </summary>
public static class KeysFeature
{
    public const string ProtectionApplicationName = "LtiTool";

    public static IServiceCollection AddToolKeyManagement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ToolKeyOptions>().Bind(configuration.GetSection($"{LtiToolOptions.Section}:Keys")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ToolKeyOptions>, ToolKeyOptionsValidator>();
        services.AddToolKeyProtection();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ToolKeyOptions>>().Value;
            return options.FileManaged
                ? new ToolKeyRing(ToolKeySetLoader.Load(options.Path!, sp.GetRequiredService<ILoggerFactory>().CreateLogger("LtiTool.Keys")))
                : new ToolKeyRing();
        });
        services.AddScoped<ToolKeyStore>();
        services.AddSingleton<ToolKeyRingLoader>();
        services.AddHostedService<ToolKeyStartup>();
        services.AddSingleton<ToolKeyScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ToolKeyScheduler>());
        services.AddSingleton<IAdminCommand, KeysCommand>();
        return services;
    }

    public static IEndpointRouteBuilder MapToolKeyManagement(this IEndpointRouteBuilder app) => app.MapKeysApi();

    /// <summary>
    /// Data Protection keeps its key ring in files, by default in the data folder, under one application name so
    /// that instances deployed at different paths can read each other's protected keys. This is what
    /// PersistKeysToFileSystem does, deferred until options are bound and the data folder is known.
    /// </summary>
    private static void AddToolKeyProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ProtectionApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ToolKeyOptions>, IConfiguration, IHostEnvironment, ILoggerFactory>(
            (o, keys, configuration, environment, loggers) =>
            {
                var folder = ProtectionKeysFolder(keys.Value, configuration, environment);
                if (!OperatingSystem.IsWindows()) Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), loggers);
            });
    }

    public static string ProtectionKeysFolder(ToolKeyOptions options, IConfiguration configuration, IHostEnvironment environment) =>
        options.ProtectionKeysPath is { Length: > 0 } configured
            ? Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured)
            : Path.Combine(DataFolder.Resolve(configuration, environment), "protection-keys");

    private sealed class ToolKeyOptionsValidator : IValidateOptions<ToolKeyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ToolKeyOptions options) =>
            options.Rotation.Validate().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
