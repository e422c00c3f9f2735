using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Data;

/// <summary>Every minute: forgets expired login states in memory, and deletes database rows an hour past expiry.</summary>
public sealed partial class LaunchStateSweeper(IServiceScopeFactory scopes, MemoryLaunchStateStore memory, TimeProvider time, ILogger<LaunchStateSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    // Database rows stay an hour past expiry so a late replay is told "already used"; memory is freed at
    // expiry, so a flood of unfinished logins blocks new ones for one state lifetime at most.
    private static readonly TimeSpan KeepInDatabase = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        var now = time.GetUtcNow();
        var at = (now - KeepInDatabase).UtcDateTime;
        return memory.Sweep(now) + await db.LaunchStates.Where(s => s.ExpiresAt < at).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Sweeping expired launch states failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
