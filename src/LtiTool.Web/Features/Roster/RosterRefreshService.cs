using LtiTool.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Roster;

/// <summary>How often rosters are refreshed from the platform, bound from <c>Roster</c>.</summary>
public sealed class RosterOptions
{
    public const string Section = "Roster";

    /// <summary>A roster older than this is read again (default 6 hours; zero switches scheduled refresh off).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>
/// Keeps rosters fresh: every few minutes, courses whose roster is older than the refresh interval (or never
/// read) and whose launches carried NRPS are synced one at a time, so a large institution never floods its LMS.
/// </summary>
public sealed partial class RosterRefreshService(IServiceScopeFactory scopes, TimeProvider time, IOptions<RosterOptions> options, ILogger<RosterRefreshService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RefreshInterval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRunFailed(logger, e);
            }
        }
    }

    /// <summary>Syncs every course that is due; returns how many were synced successfully.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var dueBefore = (time.GetUtcNow() - options.Value.RefreshInterval).UtcDateTime;
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
            due = await db.Contexts
                .Where(c => (c.RosterSyncedAt == null || c.RosterSyncedAt < dueBefore)
                    && db.LaunchRecords.Any(l => l.ContextId == c.Id && l.NrpsMembershipsUrl != null))
                .OrderBy(c => c.RosterSyncedAt)
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
        }
        var synced = 0;
        foreach (var contextId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SyncRoster.Command(contextId), cancellationToken);
            if (result.Succeeded) synced++;
            else LogSyncFailed(logger, contextId, result.Error!.Code);
        }
        return synced;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Scheduled roster sync of context {ContextId} failed: {ErrorCode}")]
    private static partial void LogSyncFailed(ILogger logger, Guid contextId, string errorCode);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Scheduled roster refresh failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
