using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>One page of the audit log within the administrator's scope, newest first, with the course's and the actor's platform's names.</summary>
public static class SearchAuditLog
{
    public sealed record Query(AuditFilter Filter, AdminScope Scope) : IQuery<Result>;

    public sealed record Entry(Guid Id, DateTime At, string Action, string? Target, Guid? ContextId, string? CourseTitle, Guid? ActorUserId,
        string ActorName, string? ActorPlatformId, string? ActorPlatformName, string? ActorRoles, bool AdminRights, string? BeforeJson, string? AfterJson,
        string? CorrelationId);

    public sealed record Result(IReadOnlyList<Entry> Entries, int Page, bool HasMore);

    public sealed class Handler(LtiToolDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = query.Filter;
            var rows = await Rows(db, AuditScope.Matching(db, filter, query.Scope))
                .Skip((filter.Page - 1) * AuditFilter.PageSize)
                .Take(AuditFilter.PageSize + 1)
                .ToListAsync(cancellationToken);
            var hasMore = rows.Count > AuditFilter.PageSize;
            return new Result(rows.Take(AuditFilter.PageSize).ToList(), filter.Page, hasMore);
        }
    }

    /// <summary>The filtered entries newest first, with names joined in (the CSV export streams the same rows).</summary>
    public static IQueryable<Entry> Rows(LtiToolDbContext db, IQueryable<AuditEntryEntity> entries) =>
        from e in entries
        join c in db.Contexts on e.ContextId equals (Guid?)c.Id into courses
        from c in courses.DefaultIfEmpty()
        join p in db.Platforms on e.ActorPlatformId equals p.Id into platforms
        from p in platforms.DefaultIfEmpty()
        orderby e.At descending, e.Id descending
        select new Entry(e.Id, e.At, e.Action, e.Target, e.ContextId, c == null ? null : c.Title ?? c.Label, e.ActorUserId, e.ActorName,
            e.ActorPlatformId, p == null ? null : p.Name, e.ActorRoles, e.AdminRights, e.BeforeJson, e.AfterJson, e.CorrelationId);
}
