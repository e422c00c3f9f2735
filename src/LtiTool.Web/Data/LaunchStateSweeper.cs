using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Data;

/// <summary>Deletes login states an hour after they expired (used or not), so the table stays small.</summary>
public sealed partial class LaunchStateSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<LaunchStateSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);

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
        var before = (time.GetUtcNow() - Keep).UtcDateTime;
        return await db.LaunchStates.Where(s => s.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Sweeping expired launch states failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
