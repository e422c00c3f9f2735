using LtiTool.Lti.Launch;
using LtiTool.Lti.Services.Ags;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using LtiTool.Web.Features.Grades;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// "Release grades": graded, unreleased submissions (each student's newest) become visible to their students
/// and are queued as FullyGraded scores with the comment, through the outbox. Student View work is released
/// but never pushed; work from an ungraded placement has no column to push to. A release leaves a
/// grades.release entry in the audit log, saved with the release itself.
/// </summary>
public static class ReleaseGrades
{
    public sealed record Command(Guid ContextId, Guid ActivityId, Guid? ReleasedBy) : ICommand<Result>;

    public sealed record Result(LtiError? Error, int Released = 0, int Queued = 0);

    public sealed class Handler(LtiToolDbContext db, TimeProvider time, IMediator mediator, AuditLog audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.ActivityId && a.ContextId == command.ContextId, cancellationToken);
            if (activity is null) return new Result(SubmitWork.ActivityNotInCourse);
            var newest = (await db.Submissions.Where(s => s.ActivityId == activity.Id).ToListAsync(cancellationToken))
                .GroupBy(s => s.UserId).Select(g => g.OrderByDescending(s => s.Attempt).First())
                .Where(s => s.State == SubmissionStates.Graded && s.ReleasedAt is null)
                .ToList();
            if (newest.Count == 0) return new Result(null);

            var columns = newest.Where(s => !s.TestUser && s.LineItemId is not null).GroupBy(s => s.LineItemId!.Value)
                .Select(column => (LineItemId: column.Key, Scores: column.Select(s => new QueueScores.Item(s.UserId, s.Score, s.Comment, ScoreProgress.Completed,
                    ScoreProgress.FullyGraded, new CanvasScoreSubmission(NewSubmission: false))).ToList()))
                .ToList();

            var now = time.GetUtcNow().UtcDateTime;
            foreach (var submission in newest) submission.ReleasedAt = now;
            // The entry is saved with the release; QueueScores stores one row per score it is given (no timestamps here).
            await audit.AddAsync("grades.release", activity.Id.ToString(), after: new { released = newest.Count, queued = columns.Sum(c => c.Scores.Count) },
                contextId: command.ContextId, cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            var queued = 0;
            foreach (var (lineItemId, scores) in columns)
                queued += (await mediator.Send(new QueueScores.Command(lineItemId, scores, command.ReleasedBy), cancellationToken)).Queued;
            return new Result(null, newest.Count, queued);
        }
    }
}
