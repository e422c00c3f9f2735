using LtiTool.Lti.Keys;
using LtiTool.Web.Features.Admin.Audit;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// Before the server starts (after the database is migrated): file-managed keys are read, or database-managed
/// keys are made sure of (first key, or the old development key imported) and loaded. A tool that cannot sign
/// does not start.
/// </summary>
public sealed class ToolKeyStartup(IServiceScopeFactory scopes, ToolKeyRing ring, ToolKeyRingLoader loader, IOptions<ToolKeyOptions> options)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.FileManaged)
        {
            _ = ring.Keys;
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Actor = "bootstrap";
        var store = scope.ServiceProvider.GetRequiredService<ToolKeyStore>();
        await store.EnsureCurrentAsync(cancellationToken);
        await loader.LoadAsync(store, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
