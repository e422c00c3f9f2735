using LtiTool.Lti.Launch;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// An instructor or grader grades a submission: a score, or points per rubric criterion (the score is their
/// sum), and a comment. The grade stays with the tool until it is released (<see cref="ReleaseGrades"/>). Each
/// grading leaves a submission.grade entry (target activity/student/attempt) in the audit log, saved with it.
/// </summary>
public static class GradeSubmission
{
    public sealed record Command(Guid ContextId, Guid SubmissionId, decimal? Score, IReadOnlyDictionary<string, decimal>? Rubric, string? Comment, Guid? GradedBy)
        : ICommand<Result>;

    public sealed record Result(LtiError? Error, decimal? Score = null, IReadOnlyList<string>? Problems = null);

    public static readonly LtiError SubmissionNotFound = new("submission_not_found", 404, "No such submission",
        "The course has no such submission.");

    public static readonly LtiError GradeInvalid = new("grade_invalid", 400, "The grade is not valid",
        "A grade is a score from 0 to the activity's points, or points per rubric criterion up to each criterion's maximum. Each problem is listed; nothing was saved.");

    public sealed class Handler(LtiToolDbContext db, TimeProvider time, AuditLog audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == command.SubmissionId && s.ContextId == command.ContextId, cancellationToken);
            if (submission is null) return new Result(SubmissionNotFound);
            var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == submission.ActivityId, cancellationToken);
            var rubric = ActivityDocuments.Rubric(activity.RubricJson);
            var problems = new List<string>();
            decimal score;
            if (command.Rubric is { Count: > 0 } given)
            {
                if (rubric.Count == 0) problems.Add("rubric: this activity has no rubric; give a score.");
                foreach (var criterion in rubric)
                {
                    if (!given.TryGetValue(criterion.Id, out var points)) problems.Add($"rubric.{criterion.Id}: give points for \"{criterion.Description}\".");
                    else if (points < 0 || points > criterion.Points) problems.Add($"rubric.{criterion.Id}: from 0 to {criterion.Points}.");
                }
                foreach (var unknown in given.Keys.Where(k => rubric.All(c => c.Id != k))) problems.Add($"rubric.{unknown}: no such criterion.");
                score = given.Values.Sum();
            }
            else if (command.Score is { } s)
            {
                if (s < 0 || s > activity.PointsPossible) problems.Add($"score: from 0 to {activity.PointsPossible}.");
                score = s;
            }
            else
            {
                problems.Add("score: give a score or rubric points.");
                score = 0;
            }
            if (command.Comment is { Length: > 8000 }) problems.Add("comment: at most 8,000 characters.");
            if (problems.Count > 0) return new Result(GradeInvalid, Problems: problems);

            var before = submission.Score is null && submission.Comment is null && submission.RubricScoresJson is null ? null : Audited(submission);
            submission.Score = score;
            submission.RubricScoresJson = command.Rubric is { Count: > 0 } ? ActivityDocuments.Write(command.Rubric) : null;
            submission.Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
            submission.State = SubmissionStates.Graded;
            submission.GradedBy = command.GradedBy;
            submission.GradedAt = time.GetUtcNow().UtcDateTime;
            submission.ReleasedAt = null;  // a changed grade is released again
            await audit.AddAsync("submission.grade", $"{submission.ActivityId}/{submission.UserId}/{submission.Attempt}", before, Audited(submission),
                command.ContextId, cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(null, score);
        }

        private static object Audited(SubmissionEntity s) => new
        {
            score = s.Score, comment = s.Comment, rubric = s.RubricScoresJson is null ? null : ActivityDocuments.RubricScores(s.RubricScoresJson),
        };
    }
}
