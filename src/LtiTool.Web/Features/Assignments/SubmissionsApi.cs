using LtiTool.Lti.Launch;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Roles;
using LtiTool.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// Submissions: students submit and read their own (submit_own_work); staff read all (view_all_grades), grade
/// (edit_grades) and release. A student never reads another student's work; an observer reads none.
/// </summary>
public static class SubmissionsApi
{
    public sealed record SubmitRequest(string? Text, string? Url, Dictionary<string, int>? Answers);

    public sealed record GradeRequest(decimal? Score, Dictionary<string, decimal>? Rubric, string? Comment);

    /// <summary>A submission as its student sees it: the grade only once released.</summary>
    public sealed record OwnSubmission(Guid Id, int Attempt, DateTime SubmittedAt, bool Late, string Status, string? Text, string? Url,
        IReadOnlyDictionary<string, int>? Answers, decimal? Score, string? Comment, IReadOnlyDictionary<string, decimal>? Rubric);

    public static readonly LtiError NotYours = new("submission_not_yours", 403, "Not your submission",
        "Students see only their own work.");

    public static IEndpointRouteBuilder MapSubmissions(this IEndpointRouteBuilder app)
    {
        var course = app.MapGroup("/api/contexts/{contextId}");
        course.MapPost("/activities/{activityId}/submissions", SubmitAsync).RequirePermission(Permissions.SubmitOwnWork);
        course.MapGet("/activities/{activityId}/submissions/mine", MineAsync).RequirePermission(Permissions.SubmitOwnWork);
        course.MapGet("/activities/{activityId}/submissions", AllAsync).RequirePermission(Permissions.ViewAllGrades);
        course.MapGet("/submissions/{submissionId}", OneAsync).RequirePermission(Permissions.ViewCourseContent);
        course.MapPut("/submissions/{submissionId}/grade", GradeAsync).RequirePermission(Permissions.EditGrades);
        course.MapPost("/activities/{activityId}/release", ReleaseAsync).RequirePermission(Permissions.EditGrades);
        return app;
    }

    private static async Task<IResult> SubmitAsync(Guid contextId, Guid activityId, SubmitRequest body, HttpContext http, SessionAccessReader reader,
        IMediator mediator, PublicUrls urls, CancellationToken ct)
    {
        var access = (await reader.ReadAsync(http.User, ct))!;
        var result = await mediator.Send(new SubmitWork.Command(access.LaunchId, activityId, body.Text, body.Url, body.Answers, urls.Absolute(http.Request, "lti/launch")), ct);
        if (result.Error is { } error) return Problem(http, error, result.Problems);
        return Results.Created($"/api/contexts/{contextId}/submissions/{result.SubmissionId}", new
        {
            id = result.SubmissionId, attempt = result.Attempt, late = result.Late, score = result.Score, sentToLms = result.Pushed,
        });
    }

    private static async Task<IResult> MineAsync(Guid contextId, Guid activityId, HttpContext http, SessionAccessReader reader, LtiToolDbContext db, CancellationToken ct)
    {
        var access = (await reader.ReadAsync(http.User, ct))!;
        var latest = await db.Submissions.AsNoTracking().Where(s => s.ActivityId == activityId && s.ContextId == contextId && s.UserId == access.UserId)
            .OrderByDescending(s => s.Attempt).FirstOrDefaultAsync(ct);
        return latest is null ? Results.Ok(new { status = "missing" }) : Results.Ok(Own(latest));
    }

    private static async Task<IResult> OneAsync(Guid contextId, Guid submissionId, HttpContext http, SessionAccessReader reader, LtiToolDbContext db, CancellationToken ct)
    {
        var access = (await reader.ReadAsync(http.User, ct))!;
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId && s.ContextId == contextId, ct);
        if (submission is null) return Problem(http, GradeSubmission.SubmissionNotFound);
        if (access.Permissions.Contains(Permissions.ViewAllGrades)) return Results.Ok(Staff(submission));
        return submission.UserId == access.UserId ? Results.Ok(Own(submission)) : Problem(http, NotYours);
    }

    private static async Task<IResult> AllAsync(Guid contextId, Guid activityId, HttpContext http, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new ReadReview.Query(contextId, activityId), ct) is { } review ? Results.Ok(review) : Problem(http, SaveActivity.ActivityNotFound);

    private static async Task<IResult> GradeAsync(Guid contextId, Guid submissionId, GradeRequest body, HttpContext http, SessionAccessReader reader,
        IMediator mediator, CancellationToken ct)
    {
        var access = (await reader.ReadAsync(http.User, ct))!;
        var result = await mediator.Send(new GradeSubmission.Command(contextId, submissionId, body.Score, body.Rubric, body.Comment, access.UserId), ct);
        return result.Error is { } error ? Problem(http, error, result.Problems) : Results.Ok(new { score = result.Score });
    }

    private static async Task<IResult> ReleaseAsync(Guid contextId, Guid activityId, HttpContext http, SessionAccessReader reader, IMediator mediator, CancellationToken ct)
    {
        var access = (await reader.ReadAsync(http.User, ct))!;
        var result = await mediator.Send(new ReleaseGrades.Command(contextId, activityId, access.UserId), ct);
        return result.Error is { } error ? Problem(http, error) : Results.Accepted(value: new { released = result.Released, queued = result.Queued });
    }

    public static OwnSubmission Own(SubmissionEntity s)
    {
        var released = s.ReleasedAt is not null;
        return new OwnSubmission(s.Id, s.Attempt, s.SubmittedAt, s.Late, released ? "graded" : s.Late ? "late" : "submitted", s.TextAnswer, s.UrlAnswer,
            s.QuizAnswersJson is null ? null : ActivityDocuments.Answers(s.QuizAnswersJson),
            released ? s.Score : null, released ? s.Comment : null, released && s.RubricScoresJson is not null ? ActivityDocuments.RubricScores(s.RubricScoresJson) : null);
    }

    private static object Staff(SubmissionEntity s) => new
    {
        s.Id, s.UserId, s.Attempt, s.SubmittedAt, s.Late, status = SubmissionRules.Status(s), text = s.TextAnswer, url = s.UrlAnswer,
        answers = s.QuizAnswersJson is null ? null : ActivityDocuments.Answers(s.QuizAnswersJson), s.Score, s.Comment,
        rubric = s.RubricScoresJson is null ? null : ActivityDocuments.RubricScores(s.RubricScoresJson), s.ReleasedAt, s.TestUser,
    };

    private static IResult Problem(HttpContext http, LtiError error, IReadOnlyList<string>? problems = null) =>
        ErrorResponses.Problem(http, error, "problems", problems);
}
