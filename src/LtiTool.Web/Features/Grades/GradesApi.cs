using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Services;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Grades;

/// <summary>
/// The gradebook JSON the grade entry page calls. Reading needs view_all_grades; entering and pushing grades
/// edit_grades; adding, changing and deleting columns manage_assignments. Every write needs the bearer header
/// (the session cookie only authenticates reads), and a session only reaches its own course.
/// </summary>
public static class GradesApi
{
    public sealed record ColumnRequest(string? Label, decimal? ScoreMaximum, string? Tag, string? ResourceId, string? ResourceLinkId,
        string? StartDateTime, string? EndDateTime, string? Scheme);

    public sealed record GradesRequest(IReadOnlyList<SaveGrades.Entry>? Grades);

    public static IServiceCollection AddGrades(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGradingSchemes(configuration);
        services.AddOptions<GradeDeliveryOptions>().Bind(configuration.GetSection(GradeDeliveryOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GradeDeliveryOptions>, GradeDeliveryOptionsValidator>();
        services.AddScoped<LineItemRegistry>();
        services.AddSingleton<ScoreDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<ScoreDeliveryService>());
        return services;
    }

    public static IEndpointRouteBuilder MapGrades(this IEndpointRouteBuilder app)
    {
        var course = app.MapGroup("/api/contexts/{contextId}");
        course.MapGet("/gradebook", async (Guid contextId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ReadGradebook.Query(contextId), ct))).RequirePermission(Permissions.ViewAllGrades);

        course.MapPost("/line-items/sync", SyncColumnsAsync).RequirePermission(Permissions.ViewAllGrades);
        course.MapPost("/line-items", CreateColumnAsync).RequirePermission(Permissions.ManageAssignments);
        course.MapPut("/line-items/{lineItemId}", UpdateColumnAsync).RequirePermission(Permissions.ManageAssignments);
        course.MapDelete("/line-items/{lineItemId}", DeleteColumnAsync).RequirePermission(Permissions.ManageAssignments);

        course.MapPut("/line-items/{lineItemId}/grades", SaveGradesAsync).RequirePermission(Permissions.EditGrades);
        course.MapPost("/line-items/{lineItemId}/push", PushAsync).RequirePermission(Permissions.EditGrades);
        course.MapGet("/line-items/{lineItemId}/results", CompareAsync).RequirePermission(Permissions.ViewAllGrades);

        course.MapGet("/outbox", ReadOutboxAsync).RequirePermission(Permissions.ViewAllGrades);
        course.MapPost("/outbox/{rowId}/retry", RetryAsync).RequirePermission(Permissions.EditGrades);
        return app;
    }

    private static async Task<IResult> SyncColumnsAsync(Guid contextId, HttpContext http, LineItemRegistry registry, CancellationToken ct)
    {
        var (ags, error) = await registry.FindAgsAsync(contextId, ct);
        if (ags is null) return Problem(http, error!);
        if (!ags.Can(LtiScopes.AgsLineItem) && !ags.Can(LtiScopes.AgsLineItemReadOnly)) return Problem(http, LineItemRegistry.AgsScopeMissing);
        try
        {
            var items = await registry.SyncAsync(ags, ct);
            return Results.Ok(new { columns = items.Count, gone = items.Count(i => i.GoneAt is not null) });
        }
        catch (LtiServiceException e)
        {
            return Problem(http, e.Error);
        }
    }

    private static async Task<IResult> CreateColumnAsync(Guid contextId, ColumnRequest body, HttpContext http, LineItemRegistry registry, GradingSchemes schemes,
        Admin.Audit.AuditLog audit, CancellationToken ct)
    {
        if (ValidateColumn(body, schemes) is { } invalid) return Problem(http, invalid);
        var (ags, error) = await registry.FindAgsAsync(contextId, ct);
        if (ags is null) return Problem(http, error!);
        if (!ags.Can(LtiScopes.AgsLineItem)) return Problem(http, LineItemRegistry.AgsScopeMissing);
        // A column made here always has a key, so asking twice for "Quiz 1" finds the first one.
        var tag = string.IsNullOrWhiteSpace(body.Tag) && string.IsNullOrWhiteSpace(body.ResourceLinkId) ? TagFor(body.Label!) : body.Tag?.Trim();
        try
        {
            var (item, created) = await registry.EnsureAsync(ags, Spec(body) with { Tag = tag }, ct);
            if (created) await audit.RecordAsync("gradebook.column_add", item.Id.ToString(), after: new { item.Label, item.ScoreMaximum, item.Url }, contextId: contextId, cancellationToken: ct);
            return created
                ? Results.Created($"/api/contexts/{contextId}/line-items/{item.Id}", View(item, schemes))
                : Results.Ok(View(item, schemes));
        }
        catch (LtiServiceException e)
        {
            return Problem(http, e.Error);
        }
    }

    private static async Task<IResult> UpdateColumnAsync(Guid contextId, Guid lineItemId, ColumnRequest body, HttpContext http, LineItemRegistry registry,
        GradingSchemes schemes, Admin.Audit.AuditLog audit, CancellationToken ct)
    {
        if (ValidateColumn(body, schemes) is { } invalid) return Problem(http, invalid);
        var (ags, error) = await registry.FindAgsAsync(contextId, ct);
        if (ags is null) return Problem(http, error!);
        if (!ags.Can(LtiScopes.AgsLineItem)) return Problem(http, LineItemRegistry.AgsScopeMissing);
        try
        {
            var updated = await registry.UpdateAsync(ags, lineItemId, Spec(body), ct);
            await audit.RecordAsync("gradebook.column_change", lineItemId.ToString(), after: new { updated.Label, updated.ScoreMaximum, updated.Scheme }, contextId: contextId, cancellationToken: ct);
            return Results.Ok(View(updated, schemes));
        }
        catch (LtiServiceException e)
        {
            return Problem(http, e.Error);
        }
    }

    private static async Task<IResult> DeleteColumnAsync(Guid contextId, Guid lineItemId, HttpContext http, LineItemRegistry registry, Admin.Audit.AuditLog audit, CancellationToken ct)
    {
        var (ags, error) = await registry.FindAgsAsync(contextId, ct);
        if (ags is null) return Problem(http, error!);
        if (!ags.Can(LtiScopes.AgsLineItem)) return Problem(http, LineItemRegistry.AgsScopeMissing);
        try
        {
            if (!await registry.DeleteAsync(ags, lineItemId, ct)) return Problem(http, LineItemRegistry.LineItemNotFound);
            await audit.RecordAsync("gradebook.column_delete", lineItemId.ToString(), contextId: contextId, cancellationToken: ct);
            return Results.NoContent();
        }
        catch (LtiServiceException e)
        {
            return Problem(http, e.Error);
        }
    }

    private static async Task<IResult> SaveGradesAsync(Guid contextId, Guid lineItemId, GradesRequest body, HttpContext http, SessionAccessReader reader,
        IMediator mediator, CancellationToken ct)
    {
        if (body.Grades is not { Count: > 0 } grades) return Problem(http, SaveGrades.GradesInvalid.WithDetail("the body lists no grades"));
        var access = await reader.ReadAsync(http.User, ct);
        var result = await mediator.Send(new SaveGrades.Command(contextId, lineItemId, grades, access?.UserId), ct);
        if (result.Error is { } error)
            return Problem(http, error, "invalid", result.Invalid);
        return Results.Ok(new { saved = result.Saved });
    }

    private static async Task<IResult> PushAsync(Guid contextId, Guid lineItemId, bool? all, HttpContext http, SessionAccessReader reader, IMediator mediator,
        LineItemRegistry registry, CancellationToken ct)
    {
        var (ags, error) = await registry.FindAgsAsync(contextId, ct);
        if (ags is null) return Problem(http, error!);
        if (!ags.Can(LtiScopes.AgsScore)) return Problem(http, LineItemRegistry.AgsScopeMissing);
        var access = await reader.ReadAsync(http.User, ct);
        var result = await mediator.Send(new PushGrades.Command(contextId, lineItemId, all ?? false, access?.UserId), ct);
        return result.Error is { } failure ? Problem(http, failure) : Results.Accepted(value: new { queued = result.Queued });
    }

    private static async Task<IResult> CompareAsync(Guid contextId, Guid lineItemId, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new CompareResults.Query(contextId, lineItemId), ct);
        return result.Error is { } error ? Problem(http, error) : Results.Ok(new { rows = result.Rows, differences = result.Rows!.Count(r => r.Differs) });
    }

    private static async Task<IResult> ReadOutboxAsync(Guid contextId, string? state, LtiToolDbContext db, CancellationToken ct)
    {
        var rows = db.ScoreOutbox.AsNoTracking().Where(s => s.ContextId == contextId);
        if (!string.IsNullOrEmpty(state)) rows = rows.Where(s => s.State == state);
        var counts = await db.ScoreOutbox.Where(s => s.ContextId == contextId).GroupBy(s => s.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        var latest = await (
            from s in rows
            join l in db.LineItems on s.LineItemId equals l.Id
            join u in db.Users on s.UserId equals u.Id
            orderby s.CreatedAt descending, s.Id descending
            select new
            {
                id = s.Id, lineItemId = s.LineItemId, column = l.Label, userId = s.UserId, name = u.Name ?? u.GivenName ?? u.Email,
                scoreGiven = s.ScoreGiven, scoreMaximum = s.ScoreMaximum, state = s.State, attempts = s.Attempts,
                nextAttemptAt = s.NextAttemptAt, lastStatus = s.LastStatus, lastError = s.LastError,
                queuedAt = s.CreatedAt, deliveredAt = s.DeliveredAt,
            }).Take(500).ToListAsync(ct);
        int Count(string state) => counts.FirstOrDefault(c => c.State == state)?.Count ?? 0;
        return Results.Ok(new
        {
            counts = new
            {
                pending = Count(ScoreStates.Pending), delivered = Count(ScoreStates.Delivered), failed = Count(ScoreStates.Failed),
                dead = Count(ScoreStates.Dead), superseded = Count(ScoreStates.Superseded),
            },
            rows = latest,
        });
    }

    private static async Task<IResult> RetryAsync(Guid contextId, Guid rowId, HttpContext http, LtiToolDbContext db, TimeProvider time,
        ScoreDeliveryService delivery, Admin.Audit.AuditLog audit, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await db.ScoreOutbox
            .Where(s => s.Id == rowId && s.ContextId == contextId && (s.State == ScoreStates.Failed || s.State == ScoreStates.Dead))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, ScoreStates.Pending).SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.NextAttemptAt, now).SetProperty(x => x.LeaseUntil, (DateTime?)null).SetProperty(x => x.LeaseOwner, (Guid?)null), ct);
        if (updated == 0)
        {
            var exists = await db.ScoreOutbox.AnyAsync(s => s.Id == rowId && s.ContextId == contextId, ct);
            return Problem(http, exists ? NotRetryable : OutboxRowNotFound);
        }
        await audit.RecordAsync("grade.retry", rowId.ToString(), after: new { state = ScoreStates.Pending }, contextId: contextId, cancellationToken: ct);
        delivery.Notify();
        return Results.Accepted(value: new { state = ScoreStates.Pending });
    }

    public static readonly LtiError NotRetryable = new("score_not_retryable", 409, "Only failed or dead scores can be retried",
        "This score is waiting, already delivered, or replaced by a newer one.");

    public static readonly LtiError OutboxRowNotFound = new("score_not_found", 404, "No such score", "The outbox has no such score for this course.");

    public static readonly LtiError ColumnInvalid = new("line_item_invalid", 400, "The column is not valid",
        "A gradebook column needs a label (at most 255 characters), a maximum score above 0, and a known grading scheme.");

    private static LtiError? ValidateColumn(ColumnRequest body, GradingSchemes schemes)
    {
        if (string.IsNullOrWhiteSpace(body.Label) || body.Label.Length > 255) return ColumnInvalid.WithDetail("label");
        if (body.ScoreMaximum is not > 0 || body.ScoreMaximum > 100_000) return ColumnInvalid.WithDetail("scoreMaximum");
        if (body.Scheme is { Length: > 0 } scheme && !schemes.TryGet(scheme, out _)) return ColumnInvalid.WithDetail("unknown scheme " + scheme);
        if (body.Tag is { Length: > 256 }) return ColumnInvalid.WithDetail("tag");
        return null;
    }

    private static LineItemSpec Spec(ColumnRequest body) => new(body.Label!.Trim(), body.ScoreMaximum!.Value, NullIfBlank(body.Tag), NullIfBlank(body.ResourceId),
        NullIfBlank(body.ResourceLinkId), NullIfBlank(body.StartDateTime), NullIfBlank(body.EndDateTime), NullIfBlank(body.Scheme));

    /// <summary>The tag of a column made in the tool: from its label, so the same label means the same column.</summary>
    public static string TagFor(string label)
    {
        var slug = new string(label.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        slug = slug.Trim('-');
        return "ltitool:" + (slug.Length > 200 ? slug[..200] : slug);
    }

    private static object View(LineItemEntity item, GradingSchemes schemes) => new
    {
        id = item.Id, label = item.Label, scoreMaximum = item.ScoreMaximum, tag = NullIfBlank(item.Tag), resourceLinkId = NullIfBlank(item.ResourceLinkId),
        resourceId = item.ResourceId, url = item.Url, scheme = ReadGradebook.SchemeOf(schemes, item).Name, gone = item.GoneAt is not null,
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult Problem(HttpContext http, LtiError error, string? extraName = null, object? extra = null) =>
        Infrastructure.ErrorResponses.Problem(http, error, extraName, extra);

    private sealed class GradeDeliveryOptionsValidator : IValidateOptions<GradeDeliveryOptions>
    {
        public ValidateOptionsResult Validate(string? name, GradeDeliveryOptions options) =>
            options.Validate().ToList() is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
