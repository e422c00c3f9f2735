using LtiTool.Lti.Launch;
using LtiTool.Lti.Services.Ags;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Grades;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// A student submits an activity. The submission is stored before anything else; a quiz is scored at once.
/// Then, when the launch named a gradebook column (AGS `lineitem`) and the student is not Student View, the
/// score goes to the outbox: Submitted + PendingManual with Canvas's submission extension (so Canvas shows a
/// submission to grade), or FullyGraded with the score for a quiz.
/// </summary>
public static class SubmitWork
{
    public sealed record Command(Guid LaunchId, Guid ActivityId, string? Text, string? Url, IReadOnlyDictionary<string, int>? Answers, Uri ToolLaunchUrl)
        : ICommand<Result>;

    public sealed record Result(LtiError? Error, Guid? SubmissionId = null, int Attempt = 0, bool Late = false, decimal? Score = null, bool Pushed = false,
        IReadOnlyList<string>? Problems = null);

    public static readonly LtiError ActivityNotInCourse = new("activity_not_in_course", 404, "No such activity in this course",
        "The activity this link names does not belong to the course it was launched from. Ask the instructor to add it to this course again.");

    public static readonly LtiError SubmissionInvalid = new("submission_invalid", 400, "The submission is not complete",
        "The answer is missing or not in the form this activity asks for; nothing was submitted. Each problem is listed.");

    public static readonly LtiError SubmissionClosed = new("submission_closed", 409, "Submissions are closed",
        "This activity takes no more submissions from you: it is past its due date and late work is not accepted, it takes one submission only, or your work has been graded.");

    public static readonly LtiError NotASubmitter = new("not_a_submitter", 403, "Only students submit",
        "This launch has no user to submit as.");

    public sealed class Handler(LtiToolDbContext db, TimeProvider time, IMediator mediator, LineItemRegistry registry) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var launch = await db.LaunchRecords.AsNoTracking().FirstAsync(l => l.Id == command.LaunchId, cancellationToken);
            if (launch.UserId is not { } userId || launch.ContextId is not { } contextId) return new Result(NotASubmitter);
            var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.ActivityId && a.ContextId == contextId, cancellationToken);
            if (activity is null) return new Result(ActivityNotInCourse);

            var problems = Validate(activity, command);
            if (problems.Count > 0) return new Result(SubmissionInvalid, Problems: problems);

            var now = time.GetUtcNow().UtcDateTime;
            var latest = await db.Submissions.AsNoTracking().Where(s => s.ActivityId == activity.Id && s.UserId == userId)
                .OrderByDescending(s => s.Attempt).FirstOrDefaultAsync(cancellationToken);
            var late = activity.DueAt is { } due && now > due;
            if (!SubmissionRules.MaySubmit(activity, latest, now)) return new Result(SubmissionClosed);

            var testUser = launch.InternalRoles.Split(' ').Contains(Roles.CourseRoles.TestStudent);
            var submission = new SubmissionEntity
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                ActivityId = activity.Id,
                ContextId = contextId,
                UserId = userId,
                LaunchId = launch.Id,
                Attempt = (latest?.Attempt ?? 0) + 1,
                TextAnswer = activity.SubmissionKind == SubmissionKinds.Text ? command.Text!.Trim() : null,
                UrlAnswer = activity.SubmissionKind == SubmissionKinds.Url ? command.Url!.Trim() : null,
                QuizAnswersJson = activity.SubmissionKind == SubmissionKinds.Quiz ? ActivityDocuments.Write(command.Answers) : null,
                SubmittedAt = now,
                Late = late,
                TestUser = testUser,
            };
            if (activity.SubmissionKind == SubmissionKinds.Quiz)
            {
                submission.Score = SubmissionRules.QuizScore(ActivityDocuments.Quiz(activity.QuizJson), command.Answers!);
                submission.State = SubmissionStates.Graded;
                submission.GradedAt = now;
                submission.ReleasedAt = now;
            }
            // Stored first: whatever happens with the platform, the work is kept.
            db.Submissions.Add(submission);
            await db.SaveChangesAsync(cancellationToken);

            if (launch.AgsLineItemUrl is not { } lineItemUrl) return new Result(null, submission.Id, submission.Attempt, late, submission.Score);
            var context = await db.Contexts.AsNoTracking().FirstAsync(c => c.Id == contextId, cancellationToken);
            var column = await registry.RegisterLaunchColumnAsync(context, lineItemUrl, launch.ResourceLinkId, activity.Title, activity.PointsPossible, cancellationToken);
            await db.Submissions.Where(s => s.Id == submission.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LineItemId, column.Id), cancellationToken);
            if (testUser) return new Result(null, submission.Id, submission.Attempt, late, submission.Score);

            var extension = new CanvasScoreSubmission(
                NewSubmission: true,
                SubmissionType: activity.SubmissionKind switch
                {
                    SubmissionKinds.Text => "online_text_entry",
                    SubmissionKinds.Url => "online_url",
                    _ => "basic_lti_launch",
                },
                SubmissionData: activity.SubmissionKind switch
                {
                    SubmissionKinds.Text => submission.TextAnswer,
                    SubmissionKinds.Url => submission.UrlAnswer,
                    _ => command.ToolLaunchUrl.AbsoluteUri,
                },
                SubmittedAt: now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            var score = submission.Score is { } auto
                ? new QueueScores.Item(userId, auto, null, ScoreProgress.Submitted, ScoreProgress.FullyGraded, extension, now)
                : new QueueScores.Item(userId, null, null, ScoreProgress.Submitted, ScoreProgress.PendingManual, extension, now);
            await mediator.Send(new QueueScores.Command(column.Id, [score], userId), cancellationToken);
            return new Result(null, submission.Id, submission.Attempt, late, submission.Score, Pushed: true);
        }

        private static List<string> Validate(ActivityEntity activity, Command command)
        {
            var problems = new List<string>();
            switch (activity.SubmissionKind)
            {
                case SubmissionKinds.Text:
                    if (string.IsNullOrWhiteSpace(command.Text)) problems.Add("text: write an answer before submitting.");
                    else if (command.Text.Length > 200_000) problems.Add("text: the answer is longer than 200,000 characters.");
                    break;
                case SubmissionKinds.Url:
                    if (!Uri.TryCreate(command.Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                        problems.Add("url: give a full web address starting with https://.");
                    else if (command.Url!.Length > 2048) problems.Add("url: the address is longer than 2,048 characters.");
                    break;
                case SubmissionKinds.Quiz:
                    var questions = ActivityDocuments.Quiz(activity.QuizJson);
                    var answers = command.Answers ?? new Dictionary<string, int>();
                    foreach (var question in questions)
                    {
                        if (!answers.TryGetValue(question.Id, out var chosen)) problems.Add($"answers.{question.Id}: answer every question.");
                        else if (chosen < 0 || chosen >= question.Options.Count) problems.Add($"answers.{question.Id}: choose one of the options.");
                    }
                    foreach (var unknown in answers.Keys.Where(k => questions.All(q => q.Id != k))) problems.Add($"answers.{unknown}: no such question.");
                    break;
            }
            return problems;
        }
    }
}

/// <summary>When a student may submit, and how a quiz is scored. Pure, unit-tested.</summary>
public static class SubmissionRules
{
    public static bool MaySubmit(ActivityEntity activity, SubmissionEntity? latest, DateTime now)
    {
        var pastDue = activity.DueAt is { } due && now > due;
        if (pastDue && !activity.AllowLate) return false;
        if (latest is null) return true;
        return activity.Resubmission switch
        {
            ResubmissionPolicies.Never => false,
            ResubmissionPolicies.UntilGraded => latest.State != SubmissionStates.Graded,
            _ => !pastDue,
        };
    }

    public static decimal QuizScore(IReadOnlyList<QuizQuestion> questions, IReadOnlyDictionary<string, int> answers) =>
        questions.Where(q => answers.TryGetValue(q.Id, out var chosen) && chosen == q.Correct).Sum(q => q.Points);

    /// <summary>What the review page shows: missing, submitted, late or graded.</summary>
    public static string Status(SubmissionEntity? latest) => latest switch
    {
        null => "missing",
        { State: SubmissionStates.Graded } => "graded",
        { Late: true } => "late",
        _ => "submitted",
    };
}
