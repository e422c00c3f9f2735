using LtiTool.Web.Data;

namespace LtiTool.Web.Features.Admin;

/// <summary>A command for scripted installs: <c>dotnet run --project src/LtiTool.Web -- NAME …</c>.</summary>
public interface IAdminCommand
{
    /// <summary>The first argument that selects it ("platforms", "keys").</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Usage { get; }

    /// <summary>Runs with the remaining arguments in a service scope; returns the process exit code (0 ok, 1 failed, 2 usage).</summary>
    Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken);
}

/// <summary>
/// Runs an admin command instead of the web server when the first argument names one: the database is
/// migrated and the configured platforms synced as at start-up, the command runs, the process exits.
/// </summary>
public static class AdminCommandLine
{
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0) return null;
        var commands = app.Services.GetServices<IAdminCommand>().ToList();
        if (args[0] is "help" or "--help" && args.Length == 1 && commands.Count > 0)
        {
            foreach (var c in commands) Console.Out.WriteLine(c.Usage);
            return 0;
        }
        var command = commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));
        if (command is null) return null;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var initializer = app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
        await initializer.StartingAsync(stop.Token);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Audit.AuditLog>().Actor = "cli";
        return await command.RunAsync(scope.ServiceProvider, args[1..], Console.Out, stop.Token);
    }
}
