using LtiTool.Lti.Launch;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Admin.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Grades;

/// <summary>
/// "Push to Canvas": queues a column's grades in the outbox — those changed since their last push, or all of
/// them — as FullyGraded scores with the grade's comment. The call returns once they are stored; delivery
/// happens in the background and survives platform outages and restarts. A push that queues something leaves
/// a grade.push entry in the audit log, stored with the queued scores.
/// </summary>
public static class PushGrades
{
    public sealed record Command(Guid ContextId, Guid LineItemId, bool All, Guid? QueuedBy) : ICommand<Result>;

    public sealed record Result(LtiError? Error, int Queued = 0);

    public static readonly LtiError ColumnGone = new("line_item_gone", 409, "The column was deleted in the LMS",
        "The platform no longer lists this gradebook column. Refresh the columns; recreate it to push its grades again.");

    public sealed class Handler(LtiToolDbContext db, IMediator mediator, TimeProvider time, AuditLog audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var column = await db.LineItems.AsNoTracking().FirstOrDefaultAsync(l => l.Id == command.LineItemId && l.ContextId == command.ContextId, cancellationToken);
            if (column is null) return new Result(LineItemRegistry.LineItemNotFound);
            if (column.GoneAt is not null) return new Result(ColumnGone);
            var grades = await db.Grades
                .Where(g => g.LineItemId == column.Id && (g.ScoreGiven != null || g.Comment != null) && (command.All || g.QueuedVersion == null || g.QueuedVersion != g.Version))
                .ToListAsync(cancellationToken);
            if (grades.Count == 0) return new Result(null, 0);

            var scores = grades.Select(g => g.ScoreGiven is null
                // A comment without a grade: the platform shows the comment and keeps the submission ungraded.
                ? new QueueScores.Item(g.UserId, null, g.Comment, Lti.Services.Ags.ScoreProgress.Completed, Lti.Services.Ags.ScoreProgress.NotReady)
                : new QueueScores.Item(g.UserId, g.ScoreGiven, g.Comment)).ToList();
            // QueueScores stores one row per score without a timestamp of its own, and its SaveChanges writes the
            // entry in the same transaction as those rows.
            await audit.AddAsync("grade.push", column.Id.ToString(), after: new { queued = scores.Count, all = command.All }, contextId: command.ContextId,
                cancellationToken: cancellationToken);
            var queued = await mediator.Send(new QueueScores.Command(column.Id, scores, command.QueuedBy), cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var grade in grades)
            {
                grade.QueuedAt = now;
                grade.QueuedVersion = grade.Version;
            }
            await db.SaveChangesAsync(cancellationToken);
            return new Result(null, queued.Queued);
        }
    }
}
