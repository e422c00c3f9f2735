using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// What an assignment launch shows: the activity (a quiz without its answers), the launching student's newest
/// submission with the grade once released, whether they may submit now, and whether the placement is graded
/// (the launch named a gradebook column) — without one the page says so and nothing goes to the LMS.
/// </summary>
public static class ReadStudentActivity
{
    /// <summary>The custom parameter that names the activity (set by the tool's deep-linking response).</summary>
    public const string ActivityParameter = "activity_id";

    public sealed record Query(Guid LaunchId, Guid ActivityId) : IQuery<View?>;

    public sealed record QuestionView(string Id, string Text, IReadOnlyList<string> Options, decimal Points);

    public sealed record View(Guid ActivityId, Guid ContextId, string Title, string InstructionsHtml, decimal PointsPossible, DateTime? DueAt,
        string SubmissionKind, string Resubmission, bool AllowLate, IReadOnlyList<RubricCriterion> Rubric, IReadOnlyList<QuestionView> Questions,
        SubmissionsApi.OwnSubmission? Mine, bool CanSubmit, bool PastDue, bool Graded, bool TestUser);

    public sealed class Handler(LtiToolDbContext db, TimeProvider time) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var launch = await db.LaunchRecords.AsNoTracking().FirstAsync(l => l.Id == query.LaunchId, cancellationToken);
            // An activity id from another course (a forged or copied custom parameter) is not found.
            var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.ActivityId && a.ContextId == launch.ContextId, cancellationToken);
            if (activity is null) return null;
            var latest = launch.UserId is { } userId
                ? await db.Submissions.AsNoTracking().Where(s => s.ActivityId == activity.Id && s.UserId == userId).OrderByDescending(s => s.Attempt).FirstOrDefaultAsync(cancellationToken)
                : null;
            var now = time.GetUtcNow().UtcDateTime;
            return new View(activity.Id, activity.ContextId, activity.Title, activity.InstructionsHtml, activity.PointsPossible, activity.DueAt,
                activity.SubmissionKind, activity.Resubmission, activity.AllowLate, ActivityDocuments.Rubric(activity.RubricJson),
                ActivityDocuments.Quiz(activity.QuizJson).Select(q => new QuestionView(q.Id, q.Text, q.Options, q.Points)).ToList(),
                latest is null ? null : SubmissionsApi.Own(latest), SubmissionRules.MaySubmit(activity, latest, now),
                activity.DueAt is { } due && now > due, launch.AgsLineItemUrl is not null,
                launch.InternalRoles.Split(' ').Contains(Roles.CourseRoles.TestStudent));
        }
    }
}
