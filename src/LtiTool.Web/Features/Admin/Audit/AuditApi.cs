using System.Text.Json;
using LtiTool.Lti.Launch;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>
/// The audit log for scripts and spreadsheets: a page of entries as JSON, every matching entry as CSV, and the
/// access review as CSV. All take the page's filters, need view_audit_log, show only the administrator's scope
/// (<see cref="AuditScope"/>), and are never cached.
/// </summary>
public static class AuditApi
{
    public static readonly IReadOnlyList<string> LogHeader =
    [
        "at", "action", "target", "context_id", "course", "actor_user_id", "actor_name", "actor_platform_id", "actor_platform", "actor_roles",
        "admin_rights", "before", "after", "correlation_id",
    ];

    public static readonly IReadOnlyList<string> ReviewHeader =
        ["actor_user_id", "actor_name", "actor_platform_id", "actor_platform", "actions", "first_at", "last_at", "distinct_actions"];

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/audit", SearchAsync).RequirePermission(Permissions.ViewAuditLog);
        app.MapGet("/api/admin/audit.csv", ExportAsync).RequirePermission(Permissions.ViewAuditLog);
        app.MapGet("/api/admin/audit/access-review.csv", ExportReviewAsync).RequirePermission(Permissions.ViewAuditLog);
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpContext http, IMediator mediator, SessionAccessReader access, CancellationToken ct)
    {
        var (filter, errors) = AuditFilter.Read(http.Request.Query);
        if (filter is null) return Invalid(http, errors);
        var result = await mediator.Send(new SearchAuditLog.Query(filter, await access.ScopeAsync(http.User, ct)), ct);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new
        {
            page = result.Page,
            pageSize = AuditFilter.PageSize,
            hasMore = result.HasMore,
            nextPage = result.HasMore ? result.Page + 1 : (int?)null,
            entries = result.Entries.Select(e => new
            {
                id = e.Id, at = e.At, action = e.Action, target = e.Target, contextId = e.ContextId, course = e.CourseTitle,
                actor = new
                {
                    userId = e.ActorUserId, name = e.ActorName, platformId = e.ActorPlatformId, platform = e.ActorPlatformName,
                    roles = e.ActorRoles?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
                },
                adminRights = e.AdminRights, before = Json(e.BeforeJson), after = Json(e.AfterJson), correlationId = e.CorrelationId,
            }),
        });
    }

    private static async Task<IResult> ExportAsync(HttpContext http, LtiToolDbContext db, SessionAccessReader access, TimeProvider time, CancellationToken ct)
    {
        var (filter, errors) = AuditFilter.Read(http.Request.Query);
        if (filter is null) return Invalid(http, errors);
        var scope = await access.ScopeAsync(http.User, ct);
        AuditCsv.Attach(http.Response, "ltitool-audit", time.GetUtcNow());
        var rows = SearchAuditLog.Rows(db, AuditScope.Matching(db, filter, scope)).AsAsyncEnumerable();
        return Results.Stream(body => AuditCsv.WriteAsync(body, LogHeader, rows, e => new[]
        {
            AuditCsv.Time(e.At), e.Action, e.Target, e.ContextId?.ToString(), e.CourseTitle, e.ActorUserId?.ToString(), e.ActorName,
            e.ActorPlatformId, e.ActorPlatformName, e.ActorRoles, e.AdminRights ? "true" : "false", e.BeforeJson, e.AfterJson, e.CorrelationId,
        }, http.RequestAborted), http.Response.ContentType);
    }

    private static async Task<IResult> ExportReviewAsync(HttpContext http, IMediator mediator, SessionAccessReader access, TimeProvider time, CancellationToken ct)
    {
        var (filter, errors) = AuditFilter.Read(http.Request.Query);
        if (filter is null) return Invalid(http, errors);
        var rows = await mediator.Send(new ReviewAccess.Query(filter.From, filter.Until, filter.PlatformId, await access.ScopeAsync(http.User, ct)), ct);
        AuditCsv.Attach(http.Response, "ltitool-access-review", time.GetUtcNow());
        return Results.Stream(body => AuditCsv.WriteAsync(body, ReviewHeader, rows.ToAsyncEnumerable(), r => new[]
        {
            r.ActorUserId?.ToString(), r.ActorName, r.ActorPlatformId, r.ActorPlatformName, r.Actions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AuditCsv.Time(r.FirstAt), AuditCsv.Time(r.LastAt), string.Join(' ', r.DistinctActions),
        }, http.RequestAborted), http.Response.ContentType);
    }

    /// <summary>A stored before/after as JSON again (as written by the recorder), or as text if it is not JSON.</summary>
    private static object? Json(string? stored)
    {
        if (stored is null) return null;
        try
        {
            using var document = JsonDocument.Parse(stored);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return stored;
        }
    }

    private static IResult Invalid(HttpContext http, IReadOnlyList<AuditFilter.FieldError> errors) =>
        Infrastructure.ErrorResponses.Problem(http, AuditFilter.Invalid, "errors", errors);
}
