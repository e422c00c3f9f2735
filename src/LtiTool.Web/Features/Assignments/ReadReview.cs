using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Grades;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// The review of an activity: every student of the roster (and anyone else who submitted) with the status of
/// their newest submission — missing, submitted, late, graded — its grade, rubric and comment, and whether the
/// grade is released.
/// </summary>
public static class ReadReview
{
    public sealed record Query(Guid ContextId, Guid ActivityId) : IQuery<Review?>;

    public sealed record Review(Guid ActivityId, string Title, decimal PointsPossible, DateTime? DueAt, string SubmissionKind,
        IReadOnlyList<RubricCriterion> Rubric, IReadOnlyList<Row> Rows, int Unreleased);

    public sealed record Row(Guid UserId, string? Name, bool TestUser, string Status, Guid? SubmissionId, int Attempts, DateTime? SubmittedAt,
        string? Text, string? Url, decimal? Score, string? Comment, IReadOnlyDictionary<string, decimal>? Rubric, bool Released);

    public sealed class Handler(LtiToolDbContext db) : IQueryHandler<Query, Review?>
    {
        public async ValueTask<Review?> Handle(Query query, CancellationToken cancellationToken)
        {
            var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.ActivityId && a.ContextId == query.ContextId, cancellationToken);
            if (activity is null) return null;
            var students = await ReadGradebook.StudentsAsync(db, query.ContextId, cancellationToken);
            var submissions = (await db.Submissions.AsNoTracking().Where(s => s.ActivityId == activity.Id).ToListAsync(cancellationToken))
                .GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => (Newest: g.OrderByDescending(s => s.Attempt).First(), Count: g.Count()));
            var people = students.Select(s => (s.Id, s.Name, s.TestUser)).ToList();
            // Someone who submitted and has left the roster since still shows.
            var missingIds = submissions.Keys.Where(id => people.All(p => p.Id != id)).ToList();
            if (missingIds.Count > 0)
            {
                var others = await db.Users.AsNoTracking().Where(u => missingIds.Contains(u.Id)).ToListAsync(cancellationToken);
                people.AddRange(others.Select(u => (u.Id, UserEntity.DisplayName(u.Name, u.GivenName, u.FamilyName), submissions[u.Id].Newest.TestUser)));
            }
            var rows = people.Select(p =>
            {
                var found = submissions.TryGetValue(p.Id, out var entry);
                var s = found ? entry.Newest : null;
                return new Row(p.Id, p.Name, p.TestUser, SubmissionRules.Status(s), s?.Id, found ? entry.Count : 0, s?.SubmittedAt, s?.TextAnswer, s?.UrlAnswer,
                    s?.Score, s?.Comment, s?.RubricScoresJson is null ? null : ActivityDocuments.RubricScores(s.RubricScoresJson), s?.ReleasedAt is not null);
            }).ToList();
            return new Review(activity.Id, activity.Title, activity.PointsPossible, activity.DueAt, activity.SubmissionKind,
                ActivityDocuments.Rubric(activity.RubricJson), rows, rows.Count(r => r.Status == "graded" && !r.Released));
        }
    }
}
