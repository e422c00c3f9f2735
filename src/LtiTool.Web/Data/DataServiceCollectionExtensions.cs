using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;
using LtiTool.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DataOptions.Section).Get<DataOptions>() ?? new DataOptions();
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.Section));
        var connectionString = configuration.GetConnectionString("LtiTool");
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("ConnectionStrings:LtiTool is required when Data:Provider is Postgres.");
                services.AddDbContextPool<LtiToolDbContext, PostgresLtiToolDbContext>(o => o.UseNpgsql(connectionString));
                break;
            default:
                connectionString ??= $"Data Source={Path.Combine(DataFolder.Resolve(configuration, environment), "ltitool.db")}";
                services.AddDbContextPool<LtiToolDbContext, SqliteLtiToolDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionSettings()));
                break;
        }
        // Login state: in memory for one instance, in the database when several instances share the work.
        var stateOptions = configuration.GetSection(StateStoreOptions.Section).Get<StateStoreOptions>() ?? new StateStoreOptions();
        services.AddOptions<StateStoreOptions>().Bind(configuration.GetSection(StateStoreOptions.Section))
            .Validate(o => o.MaxInMemory >= 100, "Lti:StateStore:MaxInMemory must be at least 100.").ValidateOnStart();
        var inMemory = stateOptions.Kind == StateStoreKind.Memory
            || (stateOptions.Kind == StateStoreKind.Auto && options.Provider == DatabaseProvider.Sqlite);
        services.AddSingleton<MemoryLaunchStateStore>();
        if (inMemory) services.AddSingleton<ILaunchStateStore>(sp => sp.GetRequiredService<MemoryLaunchStateStore>());
        else services.AddScoped<ILaunchStateStore, EfLaunchStateStore>();
        services.AddSingleton<EfPlatformStore>();
        services.AddSingleton<IPlatformStore>(sp => sp.GetRequiredService<EfPlatformStore>());
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<LaunchStateSweeper>();
        return services;
    }
}
