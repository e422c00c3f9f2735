using System.Text.Json.Serialization;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// A course's activities (or one of them), oldest first. Only someone who manages assignments sees which
/// quiz option is correct and how many students have submitted; everyone else gets the questions alone.
/// </summary>
public static class ReadActivities
{
    public sealed record Query(Guid ContextId, Guid? ActivityId, bool AsManager) : IQuery<IReadOnlyList<ActivityView>>;

    public sealed record ActivityView(Guid Id, string Title, string InstructionsHtml, decimal PointsPossible, DateTime? DueAt, string SubmissionKind,
        string Resubmission, bool AllowLate, IReadOnlyList<RubricCriterion> Rubric, IReadOnlyList<QuestionView> Quiz,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Submissions, DateTime CreatedAt, DateTime UpdatedAt);

    public sealed record QuestionView(string Id, string Text, IReadOnlyList<string> Options,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Correct, decimal Points);

    public sealed class Handler(LtiToolDbContext db) : IQueryHandler<Query, IReadOnlyList<ActivityView>>
    {
        public async ValueTask<IReadOnlyList<ActivityView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var activities = await db.Activities.AsNoTracking()
                .Where(a => a.ContextId == query.ContextId && (query.ActivityId == null || a.Id == query.ActivityId))
                .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
            // Students who submitted, not attempts: a resubmission does not count twice.
            var submitted = query.AsManager
                ? await db.Submissions.Where(s => s.ContextId == query.ContextId && (query.ActivityId == null || s.ActivityId == query.ActivityId))
                    .GroupBy(s => s.ActivityId).Select(g => new { g.Key, Students = g.Select(s => s.UserId).Distinct().Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Students, cancellationToken)
                : null;
            return activities.Select(a => View(a, query.AsManager, submitted?.GetValueOrDefault(a.Id))).ToList();
        }
    }

    private static ActivityView View(ActivityEntity a, bool asManager, int? submissions) => new(
        a.Id, a.Title, a.InstructionsHtml, a.PointsPossible, a.DueAt, a.SubmissionKind, a.Resubmission, a.AllowLate,
        ActivityDocuments.Rubric(a.RubricJson),
        ActivityDocuments.Quiz(a.QuizJson).Select(q => new QuestionView(q.Id, q.Text, q.Options, asManager ? q.Correct : null, q.Points)).ToList(),
        asManager ? submissions ?? 0 : null, a.CreatedAt, a.UpdatedAt);
}
