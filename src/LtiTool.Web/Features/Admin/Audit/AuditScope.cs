using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Access;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>
/// Which audit entries belong to a platform: those its people did (the actor's platform), those in its courses,
/// and those done to the registration itself or its deployments (<c>platform.*</c> and <c>deployment.*</c>,
/// whose target is its id or <c>{id}/{deploymentId}</c>) — also when the bootstrap admin or the command line did
/// them. Entries about what every platform shares (the tool's keys, the bootstrap sign-in) belong to none.
/// A platform's administrator sees only its entries; a tool-wide administrator sees all, and may filter by platform.
/// </summary>
public static class AuditScope
{
    public static IQueryable<AuditEntryEntity> Within(IQueryable<AuditEntryEntity> entries, LtiToolDbContext db, AdminScope scope) =>
        scope.PlatformId is { } platformId ? BelongingTo(entries, db, platformId) : entries;

    public static IQueryable<AuditEntryEntity> BelongingTo(IQueryable<AuditEntryEntity> entries, LtiToolDbContext db, string platformId)
    {
        var courses = db.Contexts.Where(c => c.PlatformId == platformId).Select(c => (Guid?)c.Id);
        var deployment = platformId + "/";
        return entries.Where(e => e.ActorPlatformId == platformId
            || (e.ContextId != null && courses.Contains(e.ContextId))
            || ((e.Action.StartsWith("platform.") || e.Action.StartsWith("deployment."))
                && e.Target != null && (e.Target == platformId || e.Target.StartsWith(deployment))));
    }

    /// <summary>The entries a search shows: the filter's, within the administrator's scope, of the chosen platform if any.</summary>
    public static IQueryable<AuditEntryEntity> Matching(LtiToolDbContext db, AuditFilter filter, AdminScope scope)
    {
        var entries = Within(filter.Apply(db.AuditLog.AsNoTracking()), db, scope);
        return filter.PlatformId is { } chosen ? BelongingTo(entries, db, chosen) : entries;
    }
}
