using LtiTool.Lti.Keys;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// Every <see cref="ToolKeyRotationOptions.CheckInterval"/>, on every instance: applies what
/// <see cref="ToolKeySchedule"/> says is due (publish the next key, promote it, retire, remove) and re-reads the
/// keys, so changes made by another instance or the command line are picked up. The steps are guarded in the
/// database: instances that run at the same moment apply each step once between them.
/// </summary>
public sealed class ToolKeyScheduler(
    IServiceScopeFactory scopes,
    ToolKeyRingLoader loader,
    TimeProvider time,
    IOptions<ToolKeyOptions> options,
    ILogger<ToolKeyScheduler> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.FileManaged) return;
        using var timer = new PeriodicTimer(options.Value.Rotation.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ScheduleFailed(logger, e);
            }
        }
    }

    /// <summary>One pass: apply the steps due now, then reload the keys. Passes never overlap within an instance.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Actor = "scheduler";
            var store = scope.ServiceProvider.GetRequiredService<ToolKeyStore>();
            var keys = (await store.ListAsync(cancellationToken)).Select(ToolKeyStore.Status).ToList();
            var plan = ToolKeySchedule.Plan(keys, time.GetUtcNow(), options.Value.Rotation);
            foreach (var kid in plan.Remove)
                if (!await store.RemoveAsync(kid, cancellationToken)) Log.Superseded(logger, "remove", kid);
            foreach (var kid in plan.Retire)
                if (!await store.RetireAsync(kid, ToolKeyStates.Current, cancellationToken)) Log.Superseded(logger, "retire", kid);
            if (plan.PublishNext && ToolKeySchedule.Signing(keys) is { } current && await store.PublishNextAsync(current.Kid, cancellationToken) is null)
                Log.Superseded(logger, "publish next", current.Kid);
            if (plan.Promote is { } promotion && !await store.PromoteAsync(promotion, cancellationToken))
                Log.Superseded(logger, "promote", promotion.NextKid);
            await loader.LoadAsync(store, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
