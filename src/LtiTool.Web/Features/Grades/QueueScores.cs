using LtiTool.Lti.Services.Ags;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Grades;

/// <summary>
/// Stores scores in the outbox — the only way a score leaves the tool. Each is a row before any call to the
/// platform; the delivery service sends it. A score already stored for the same column, student and
/// timestamp is not stored twice. Timestamps are strictly increasing per student and column (Canvas refuses
/// an older one), and a newer score supersedes an older one still waiting.
/// </summary>
public static class QueueScores
{
    public sealed record Item(
        Guid UserId,
        decimal? ScoreGiven,
        string? Comment,
        string ActivityProgress = ScoreProgress.Completed,
        string GradingProgress = ScoreProgress.FullyGraded,
        CanvasScoreSubmission? CanvasSubmission = null,
        DateTime? Timestamp = null);

    public sealed record Command(Guid LineItemId, IReadOnlyList<Item> Scores, Guid? QueuedBy) : ICommand<Result>;

    public sealed record Result(int Queued, int AlreadyQueued, IReadOnlyList<Guid> RowIds);

    public sealed class Handler(LtiToolDbContext db, TimeProvider time, ScoreDeliveryService delivery) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var lineItem = await db.LineItems.AsNoTracking().FirstOrDefaultAsync(l => l.Id == command.LineItemId, cancellationToken)
                ?? throw new InvalidOperationException($"Line item {command.LineItemId} is not in the registry.");
            var userIds = command.Scores.Select(s => s.UserId).Distinct().ToList();
            var subjects = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Subject, cancellationToken);
            var latest = (await db.ScoreOutbox.AsNoTracking()
                    .Where(s => s.LineItemId == lineItem.Id && userIds.Contains(s.UserId))
                    .Select(s => new { s.UserId, s.Timestamp })
                    .ToListAsync(cancellationToken))
                .GroupBy(s => s.UserId)
                .ToDictionary(g => g.Key, g => g.Max(s => s.Timestamp));

            var now = Microseconds(time.GetUtcNow().UtcDateTime);
            var rows = new List<ScoreOutboxEntity>();
            var already = 0;
            foreach (var score in command.Scores)
            {
                if (!subjects.TryGetValue(score.UserId, out var subject))
                    throw new InvalidOperationException($"User {score.UserId} is not known to the tool.");
                DateTime timestamp;
                if (score.Timestamp is { } given)
                {
                    timestamp = Microseconds(given);
                    if (await db.ScoreOutbox.AnyAsync(s => s.LineItemId == lineItem.Id && s.UserId == score.UserId && s.Timestamp == timestamp, cancellationToken))
                    {
                        already++;
                        continue;
                    }
                }
                else
                {
                    timestamp = latest.TryGetValue(score.UserId, out var last) && last >= now ? last.AddTicks(10) : now;
                }
                latest[score.UserId] = latest.TryGetValue(score.UserId, out var previous) && previous > timestamp ? previous : timestamp;
                rows.Add(new ScoreOutboxEntity
                {
                    Id = Guid.CreateVersion7(time.GetUtcNow()),
                    LineItemId = lineItem.Id,
                    UserId = score.UserId,
                    ContextId = lineItem.ContextId,
                    PlatformId = lineItem.PlatformId,
                    UserSubject = subject,
                    LineItemUrl = lineItem.Url,
                    ScoreGiven = score.ScoreGiven,
                    ScoreMaximum = score.ScoreGiven is null ? null : lineItem.ScoreMaximum,
                    Comment = score.Comment,
                    ActivityProgress = score.ActivityProgress,
                    GradingProgress = score.GradingProgress,
                    Timestamp = timestamp,
                    CanvasSubmissionJson = score.CanvasSubmission is null ? null : System.Text.Json.JsonSerializer.Serialize(score.CanvasSubmission),
                    State = ScoreStates.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                    QueuedBy = command.QueuedBy,
                });
            }

            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                // Older scores of these students still waiting (and not being sent right now) are replaced.
                var queuedFor = rows.Select(r => r.UserId).Distinct().ToList();
                await db.ScoreOutbox
                    .Where(s => s.LineItemId == lineItem.Id && queuedFor.Contains(s.UserId) && s.State == ScoreStates.Pending
                        && (s.LeaseUntil == null || s.LeaseUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, ScoreStates.Superseded), cancellationToken);
                db.ScoreOutbox.AddRange(rows);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            if (rows.Count > 0) delivery.Notify();
            return new Result(rows.Count, already, rows.Select(r => r.Id).ToList());
        }

        // PostgreSQL keeps microseconds; so does the timestamp sent to the platform.
        private static DateTime Microseconds(DateTime value) => new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);
    }
}
