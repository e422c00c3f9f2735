using System.Text.Json;
using System.Threading.Channels;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Services;
using LtiTool.Lti.Services.Ags;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Grades;

/// <summary>
/// Delivers the grade outbox. It wakes when scores are queued and every poll interval, takes due rows under a
/// lease (so several instances on one PostgreSQL never send a row twice at once, and a crashed instance's rows
/// are taken over when the lease ends), sends them with bounded concurrency, and records each outcome with
/// <see cref="ScoreDeliveryPolicy"/>. A restart resumes where it stopped: the rows are the queue.
/// </summary>
public sealed partial class ScoreDeliveryService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<GradeDeliveryOptions> options,
    ILogger<ScoreDeliveryService> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Guid _instance = Guid.NewGuid();

    /// <summary>Something was queued: deliver now rather than at the next poll.</summary>
    public void Notify() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) > 0)
                {
                    // Keep going while there is due work.
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
            }
            try
            {
                await WaitForWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.PollInterval;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
            var next = await db.ScoreOutbox.Where(s => s.State == ScoreStates.Pending).OrderBy(s => s.NextAttemptAt)
                .Select(s => (DateTime?)s.NextAttemptAt).FirstOrDefaultAsync(stoppingToken);
            if (next is { } at)
            {
                var until = at - time.GetUtcNow().UtcDateTime;
                if (until < delay) delay = until < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : until;
            }
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = _wake.Reader.WaitToReadAsync(timeout.Token).AsTask();
        var elapsed = Task.Delay(delay, time, timeout.Token);
        await Task.WhenAny(woken, elapsed);
        await timeout.CancelAsync();
        _wake.Reader.TryRead(out _);
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>One pass: takes up to a batch of due rows and delivers them. Returns how many it took.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var lease = Guid.NewGuid();
        List<ScoreOutboxEntity> rows;
        Dictionary<(Guid LineItemId, Guid UserId), DateTime> latest;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
            var due = await db.ScoreOutbox
                .Where(s => s.State == ScoreStates.Pending && s.NextAttemptAt <= now && (s.LeaseUntil == null || s.LeaseUntil < now))
                .OrderBy(s => s.NextAttemptAt).ThenBy(s => s.Id)
                .Select(s => s.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0) return 0;
            var leaseUntil = now + settings.LeaseDuration;
            // The same condition again: a row another instance leased in between is not taken.
            await db.ScoreOutbox
                .Where(s => due.Contains(s.Id) && s.State == ScoreStates.Pending && (s.LeaseUntil == null || s.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, leaseUntil).SetProperty(x => x.LeaseOwner, lease), cancellationToken);
            rows = await db.ScoreOutbox.AsNoTracking().Where(s => s.LeaseOwner == lease).OrderBy(s => s.Timestamp).ToListAsync(cancellationToken);
            if (rows.Count == 0) return 0;
            latest = await LatestScoresAsync(db, rows, cancellationToken);
        }

        // One column and student at a time, oldest first: Canvas refuses a score older than the one it holds.
        var lanes = rows.GroupBy(r => (r.LineItemId, r.UserId)).ToList();
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (lane, token) =>
            {
                foreach (var row in lane) await DeliverAsync(row, lease, latest, token);
            });
        return rows.Count;
    }

    /// <summary>
    /// The newest queued or delivered score's timestamp per column and student of a batch, read once for the whole
    /// batch (a query per row before). A score queued after this read and before the row is sent is still caught:
    /// the platform refuses the older one with 400, and that refusal checks again.
    /// </summary>
    private static async Task<Dictionary<(Guid LineItemId, Guid UserId), DateTime>> LatestScoresAsync(
        LtiToolDbContext db, List<ScoreOutboxEntity> rows, CancellationToken cancellationToken)
    {
        var lineItems = rows.Select(r => r.LineItemId).Distinct().ToList();
        var users = rows.Select(r => r.UserId).Distinct().ToList();
        var newest = await db.ScoreOutbox
            .Where(s => lineItems.Contains(s.LineItemId) && users.Contains(s.UserId) && (s.State == ScoreStates.Pending || s.State == ScoreStates.Delivered))
            .GroupBy(s => new { s.LineItemId, s.UserId })
            .Select(g => new { g.Key.LineItemId, g.Key.UserId, Newest = g.Max(s => s.Timestamp) })
            .ToListAsync(cancellationToken);
        return newest.ToDictionary(n => (n.LineItemId, n.UserId), n => n.Newest);
    }

    private async Task DeliverAsync(ScoreOutboxEntity row, Guid lease, IReadOnlyDictionary<(Guid LineItemId, Guid UserId), DateTime> latest, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LtiToolDbContext>();
        var registration = await services.GetRequiredService<IPlatformStore>().FindByIdAsync(row.PlatformId, cancellationToken);
        if (registration is null || !registration.Enabled)
        {
            await RecordAsync(db, row, lease, ScoreStates.Failed, row.Attempts + 1, row.NextAttemptAt, null,
                "The platform registration was removed or disabled, so the tool cannot reach its gradebook.", null, cancellationToken);
            return;
        }

        // A newer score for this student and column is queued or delivered: this one would only be refused as
        // older than what the platform holds (or overwrite it), so it is superseded instead of sent.
        if (latest.TryGetValue((row.LineItemId, row.UserId), out var newest) && newest > row.Timestamp)
        {
            await RecordAsync(db, row, lease, ScoreStates.Superseded, row.Attempts, row.NextAttemptAt, row.LastStatus, row.LastError, null, cancellationToken);
            return;
        }

        var ags = services.GetRequiredService<AgsClient>();
        var url = row.LineItemUrl;
        for (var resolved = false; ; resolved = true)
        {
            try
            {
                var response = await ags.PostScoreAsync(registration, new Uri(url), ToScore(row), cancellationToken);
                await RecordAsync(db, row, lease, ScoreStates.Delivered, row.Attempts + 1, row.NextAttemptAt, null, null, response.ResultUrl, cancellationToken, url);
                return;
            }
            catch (LtiServiceException e) when (e.PlatformStatus == 404 && !resolved)
            {
                // The column's URL is gone: find the column again by its key before giving up on the score.
                var registry = services.GetRequiredService<LineItemRegistry>();
                var (course, _) = await registry.FindAgsAsync(row.ContextId, cancellationToken);
                var newUrl = course is null ? null : await registry.ReResolveAsync(course, row.LineItemId, cancellationToken);
                if (newUrl is null)
                {
                    await RecordAsync(db, row, lease, ScoreStates.Failed, row.Attempts + 1, row.NextAttemptAt, 404,
                        "The gradebook column was deleted in the LMS. Recreate the column, then retry.", null, cancellationToken);
                    return;
                }
                url = newUrl;
            }
            catch (LtiServiceException e)
            {
                await RecordFailureAsync(db, row, url, lease, e.PlatformStatus, e.Error.Description, cancellationToken);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                await RecordFailureAsync(db, row, url, lease, null, "The platform did not answer: " + e.GetType().Name, cancellationToken);
                return;
            }
        }
    }

    private static Task<bool> HasNewerAsync(LtiToolDbContext db, ScoreOutboxEntity row, CancellationToken cancellationToken) =>
        db.ScoreOutbox.AnyAsync(s => s.LineItemId == row.LineItemId && s.UserId == row.UserId && s.Timestamp > row.Timestamp
            && (s.State == ScoreStates.Pending || s.State == ScoreStates.Delivered), cancellationToken);

    private async Task RecordFailureAsync(LtiToolDbContext db, ScoreOutboxEntity row, string url, Guid lease, int? status, string reason, CancellationToken cancellationToken)
    {
        // Refused while a newer score overtook it (it was in flight when that one was queued and sent).
        if (status == 400 && await HasNewerAsync(db, row, cancellationToken))
        {
            await RecordAsync(db, row, lease, ScoreStates.Superseded, row.Attempts + 1, row.NextAttemptAt, status, reason, null, cancellationToken, url);
            return;
        }
        var outcome = ScoreDeliveryPolicy.AfterFailure(row.Attempts, status, time.GetUtcNow().UtcDateTime, options.Value, Random.Shared.NextDouble());
        LogAttemptFailed(logger, row.Id, status, outcome.State, outcome.Attempts);
        await RecordAsync(db, row, lease, outcome.State, outcome.Attempts, outcome.NextAttemptAt, status, reason, null, cancellationToken, url);
    }

    private async Task RecordAsync(LtiToolDbContext db, ScoreOutboxEntity row, Guid lease, string state, int attempts, DateTime nextAttemptAt,
        int? status, string? error, string? resultUrl, CancellationToken cancellationToken, string? url = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lineItemUrl = url ?? row.LineItemUrl;
        var delivered = state == ScoreStates.Delivered ? now : (DateTime?)null;
        var reason = error is { Length: > 4000 } ? error[..4000] : error;
        // Only while this pass still holds the row; the outcome is kept even if the request was cancelled.
        await db.ScoreOutbox.Where(s => s.Id == row.Id && s.LeaseOwner == lease)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, state)
                .SetProperty(x => x.Attempts, attempts)
                .SetProperty(x => x.NextAttemptAt, nextAttemptAt)
                .SetProperty(x => x.LastStatus, status)
                .SetProperty(x => x.LastError, reason)
                .SetProperty(x => x.ResultUrl, resultUrl ?? row.ResultUrl)
                .SetProperty(x => x.DeliveredAt, delivered)
                .SetProperty(x => x.LineItemUrl, lineItemUrl)
                .SetProperty(x => x.LeaseUntil, (DateTime?)null)
                .SetProperty(x => x.LeaseOwner, (Guid?)null), CancellationToken.None);
    }

    private static Score ToScore(ScoreOutboxEntity row) => new(
        row.UserSubject,
        row.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        row.ActivityProgress,
        row.GradingProgress,
        row.ScoreGiven,
        row.ScoreMaximum,
        row.Comment,
        CanvasSubmission: row.CanvasSubmissionJson is null ? null : JsonSerializer.Deserialize<CanvasScoreSubmission>(row.CanvasSubmissionJson));

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Grade delivery pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Score {RowId} not delivered (platform status {Status}): now {State} after {Attempts} attempts")]
    private static partial void LogAttemptFailed(ILogger logger, Guid rowId, int? status, string state, int attempts);
}
