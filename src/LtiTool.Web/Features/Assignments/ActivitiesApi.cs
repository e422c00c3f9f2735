using LtiTool.Lti.Launch;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// The course's activities as JSON. Everyone in the course (view_course_content) reads them, without the quiz
/// answers; creating, changing and deleting them needs manage_assignments and the bearer header (the session
/// cookie only authenticates reads). A session only reaches its own course.
/// </summary>
public static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivities(this IEndpointRouteBuilder app)
    {
        var activities = app.MapGroup("/api/contexts/{contextId}/activities");
        activities.MapGet("", ListAsync).RequirePermission(Permissions.ViewCourseContent);
        activities.MapGet("/{activityId:guid}", ReadAsync).RequirePermission(Permissions.ViewCourseContent);
        activities.MapPost("", CreateAsync).RequirePermission(Permissions.ManageAssignments);
        activities.MapPut("/{activityId:guid}", UpdateAsync).RequirePermission(Permissions.ManageAssignments);
        activities.MapDelete("/{activityId:guid}", DeleteAsync).RequirePermission(Permissions.ManageAssignments);
        return app;
    }

    private static async Task<IResult> ListAsync(Guid contextId, HttpContext http, SessionAccessReader reader, IMediator mediator, CancellationToken ct)
    {
        var asManager = await ManagesAsync(http, reader, ct);
        return Results.Ok(new { activities = await mediator.Send(new ReadActivities.Query(contextId, null, asManager), ct) });
    }

    private static async Task<IResult> ReadAsync(Guid contextId, Guid activityId, HttpContext http, SessionAccessReader reader, IMediator mediator,
        CancellationToken ct)
    {
        var asManager = await ManagesAsync(http, reader, ct);
        var found = await mediator.Send(new ReadActivities.Query(contextId, activityId, asManager), ct);
        return found.Count == 1 ? Results.Ok(found[0]) : Problem(http, SaveActivity.ActivityNotFound);
    }

    private static Task<IResult> CreateAsync(Guid contextId, SaveActivity.Input body, HttpContext http, SessionAccessReader reader, IMediator mediator,
        CancellationToken ct) => SaveAsync(contextId, null, body, http, reader, mediator, ct);

    private static Task<IResult> UpdateAsync(Guid contextId, Guid activityId, SaveActivity.Input body, HttpContext http, SessionAccessReader reader,
        IMediator mediator, CancellationToken ct) => SaveAsync(contextId, activityId, body, http, reader, mediator, ct);

    private static async Task<IResult> SaveAsync(Guid contextId, Guid? activityId, SaveActivity.Input body, HttpContext http, SessionAccessReader reader,
        IMediator mediator, CancellationToken ct)
    {
        var access = await reader.ReadAsync(http.User, ct);
        var result = await mediator.Send(new SaveActivity.Command(contextId, activityId, body, access?.UserId), ct);
        if (result.Error is { } error)
            return Problem(http, error, "errors", result.Errors);
        var saved = (await mediator.Send(new ReadActivities.Query(contextId, result.ActivityId, AsManager: true), ct)).Single();
        return result.Created ? Results.Created($"/api/contexts/{contextId}/activities/{saved.Id}", saved) : Results.Ok(saved);
    }

    private static async Task<IResult> DeleteAsync(Guid contextId, Guid activityId, HttpContext http, LtiToolDbContext db, CancellationToken ct)
    {
        // One statement, so a submission arriving between a check and the delete cannot be orphaned.
        var deleted = await db.Activities
            .Where(a => a.Id == activityId && a.ContextId == contextId && !db.Submissions.Any(s => s.ActivityId == a.Id))
            .ExecuteDeleteAsync(ct);
        if (deleted == 1) return Results.NoContent();
        var exists = await db.Activities.AnyAsync(a => a.Id == activityId && a.ContextId == contextId, ct);
        return Problem(http, exists ? SaveActivity.ActivityHasSubmissions : SaveActivity.ActivityNotFound);
    }

    private static async Task<bool> ManagesAsync(HttpContext http, SessionAccessReader reader, CancellationToken ct) =>
        (await reader.ReadAsync(http.User, ct))?.Permissions.Contains(Permissions.ManageAssignments) == true;

    private static IResult Problem(HttpContext http, LtiError error, string? extraName = null, object? extra = null) =>
        Infrastructure.ErrorResponses.Problem(http, error, extraName, extra);
}
