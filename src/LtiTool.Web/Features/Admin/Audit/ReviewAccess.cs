using LtiTool.Web.Data;
using LtiTool.Web.Features.Admin.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>
/// The access review: everyone who used administrative rights in a period (audit entries marked AdminRights),
/// one row per person and platform — a user id where the session had one, the recorded name otherwise (the
/// command line) — with how many actions, the first and last, and which actions. Only entries within the
/// administrator's scope count (<see cref="AuditScope"/>), and of one platform when one is chosen.
/// </summary>
public static class ReviewAccess
{
    public sealed record Query(DateTime? From, DateTime? Until, string? PlatformId, AdminScope Scope) : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid? ActorUserId, string ActorName, string? ActorPlatformId, string? ActorPlatformName, int Actions, DateTime FirstAt,
        DateTime LastAt, IReadOnlyList<string> DistinctActions);

    public sealed class Handler(LtiToolDbContext db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = AuditFilter.None with { From = query.From, Until = query.Until, PlatformId = query.PlatformId, AdminOnly = true };
            var entries = AuditScope.Matching(db, filter, query.Scope);
            // Grouped in the database down to one row per actor, name and action; few enough to merge here.
            var groups = await entries
                .GroupBy(e => new { e.ActorUserId, e.ActorPlatformId, e.ActorName, e.Action })
                .Select(g => new { g.Key.ActorUserId, g.Key.ActorPlatformId, g.Key.ActorName, g.Key.Action, Count = g.Count(), First = g.Min(e => e.At), Last = g.Max(e => e.At) })
                .ToListAsync(cancellationToken);
            var platformIds = groups.Select(g => g.ActorPlatformId).OfType<string>().Distinct().ToList();
            var platforms = await db.Platforms.AsNoTracking().Where(p => platformIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

            return groups
                .GroupBy(g => (g.ActorUserId, g.ActorPlatformId, Name: g.ActorUserId is null ? g.ActorName : null))
                .Select(actor =>
                {
                    var latest = actor.MaxBy(g => g.Last)!;
                    return new Row(actor.Key.ActorUserId, latest.ActorName, actor.Key.ActorPlatformId,
                        actor.Key.ActorPlatformId is { } id && platforms.TryGetValue(id, out var name) ? name : null,
                        actor.Sum(g => g.Count), actor.Min(g => g.First), actor.Max(g => g.Last),
                        actor.Select(g => g.Action).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
                })
                .OrderBy(r => r.ActorName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.ActorPlatformId, StringComparer.Ordinal)
                .ToList();
        }
    }
}
