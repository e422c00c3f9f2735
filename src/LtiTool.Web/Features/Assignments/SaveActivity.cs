using LtiTool.Lti.Launch;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// Creates an activity, or replaces one of the course's activities whole. The body is checked first
/// (<see cref="ActivityCheck"/>): while any field is wrong, each problem is named and nothing is written.
/// The instructions are stored sanitised. An activity students have submitted to keeps its kind of
/// submission, so their answers keep their meaning.
/// </summary>
public static class SaveActivity
{
    public sealed record Input(string? Title, string? InstructionsHtml, decimal? PointsPossible, string? DueAt, string? SubmissionKind,
        string? Resubmission, bool? AllowLate, IReadOnlyList<CriterionInput?>? Rubric, IReadOnlyList<QuestionInput?>? Quiz);

    public sealed record CriterionInput(string? Id, string? Description, decimal? Points);

    public sealed record QuestionInput(string? Id, string? Text, IReadOnlyList<string?>? Options, int? Correct, decimal? Points);

    /// <summary>A new activity when <paramref name="ActivityId"/> is null.</summary>
    public sealed record Command(Guid ContextId, Guid? ActivityId, Input Activity, Guid? SavedBy) : ICommand<Result>;

    public sealed record FieldError(string Field, string Message);

    public sealed record Result(LtiError? Error, Guid? ActivityId = null, bool Created = false, IReadOnlyList<FieldError>? Errors = null);

    public static readonly LtiError ActivityInvalid = new("activity_invalid", 400, "The activity is not valid",
        "One or more fields are missing or out of range; nothing was saved. Each field's problem is listed.");

    public static readonly LtiError ActivityNotFound = new("activity_not_found", 404, "No such activity", "This course has no such activity.");

    public static readonly LtiError ActivityHasSubmissions = new("activity_has_submissions", 409, "Students have submitted to this activity",
        "An activity with submissions cannot be deleted or change its kind of submission.");

    public sealed class Handler(LtiToolDbContext db, InstructionsSanitizer sanitizer, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var check = new ActivityCheck(sanitizer, () => Guid.CreateVersion7(now).ToString("N"));
            if (check.Read(command.Activity) is not { } valid) return new Result(ActivityInvalid, Errors: check.Errors);

            ActivityEntity? activity;
            if (command.ActivityId is { } id)
            {
                activity = await db.Activities.FirstOrDefaultAsync(a => a.Id == id && a.ContextId == command.ContextId, cancellationToken);
                if (activity is null) return new Result(ActivityNotFound);
                if (activity.SubmissionKind != valid.SubmissionKind && await db.Submissions.AnyAsync(s => s.ActivityId == id, cancellationToken))
                    return new Result(ActivityHasSubmissions.WithDetail($"it stays a {activity.SubmissionKind} activity"));
            }
            else
            {
                activity = new ActivityEntity
                {
                    Id = Guid.CreateVersion7(now), ContextId = command.ContextId, Title = valid.Title, SubmissionKind = valid.SubmissionKind,
                    CreatedBy = command.SavedBy, CreatedAt = now.UtcDateTime,
                };
                db.Activities.Add(activity);
            }

            activity.Title = valid.Title;
            activity.InstructionsHtml = valid.InstructionsHtml;
            activity.PointsPossible = valid.PointsPossible;
            activity.DueAt = valid.DueAt;
            activity.SubmissionKind = valid.SubmissionKind;
            activity.Resubmission = valid.Resubmission;
            activity.AllowLate = valid.AllowLate;
            activity.RubricJson = ActivityDocuments.Write(valid.Rubric);
            activity.QuizJson = ActivityDocuments.Write(valid.Quiz);
            activity.UpdatedAt = now.UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return new Result(null, activity.Id, Created: command.ActivityId is null);
        }
    }
}
