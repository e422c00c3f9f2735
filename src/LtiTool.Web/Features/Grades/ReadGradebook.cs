using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Grades;

/// <summary>
/// The grade entry grid: a column per line item, a row per student of the roster (Student View users
/// flagged), each cell the grade the tool holds, shown in the column's scheme, with where its latest push
/// stands (pending, delivered, failed with the platform's reason, dead).
/// </summary>
public static class ReadGradebook
{
    public sealed record Query(Guid ContextId) : IQuery<Gradebook>;

    public sealed record Gradebook(
        IReadOnlyList<SchemeView> Schemes,
        IReadOnlyList<ColumnView> Columns,
        IReadOnlyList<StudentView> Students,
        IReadOnlyList<CellView> Grades,
        DateTime? RosterSyncedAt);

    public sealed record SchemeView(string Name, string Title, string Kind, IReadOnlyList<string> Values);

    public sealed record ColumnView(Guid Id, string Label, decimal ScoreMaximum, string? Tag, string? ResourceLinkId, string? ResourceId,
        string Scheme, bool Gone, string? StartDateTime, string? EndDateTime);

    public sealed record StudentView(Guid Id, string? Name, bool TestUser);

    public sealed record CellView(Guid LineItemId, Guid UserId, decimal? ScoreGiven, string? Display, string? Comment, DateTime UpdatedAt,
        bool ChangedSincePush, DeliveryView? Delivery);

    public sealed record DeliveryView(Guid RowId, string State, int Attempts, int? LastStatus, string? LastError, DateTime? DeliveredAt, DateTime QueuedAt);

    public sealed class Handler(LtiToolDbContext db, GradingSchemes schemes) : IQueryHandler<Query, Gradebook>
    {
        public async ValueTask<Gradebook> Handle(Query query, CancellationToken cancellationToken)
        {
            var columns = await db.LineItems.AsNoTracking().Where(l => l.ContextId == query.ContextId)
                .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).ToListAsync(cancellationToken);
            var students = await StudentsAsync(db, query.ContextId, cancellationToken);
            var columnIds = columns.Select(c => c.Id).ToList();
            var grades = await db.Grades.AsNoTracking().Where(g => columnIds.Contains(g.LineItemId)).ToListAsync(cancellationToken);
            // The newest outbox row per cell (superseded ones are history).
            var deliveries = (await db.ScoreOutbox.AsNoTracking()
                    .Where(s => s.ContextId == query.ContextId && s.State != ScoreStates.Superseded)
                    .Select(s => new { s.Id, s.LineItemId, s.UserId, s.State, s.Attempts, s.LastStatus, s.LastError, s.DeliveredAt, s.CreatedAt, s.Timestamp })
                    .ToListAsync(cancellationToken))
                .GroupBy(s => (s.LineItemId, s.UserId))
                .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Timestamp).First());
            var byColumn = columns.ToDictionary(c => c.Id);
            var cells = grades.Select(g =>
            {
                var column = byColumn[g.LineItemId];
                var scheme = SchemeOf(schemes, column);
                deliveries.TryGetValue((g.LineItemId, g.UserId), out var d);
                return new CellView(g.LineItemId, g.UserId, g.ScoreGiven,
                    g.ScoreGiven is { } score ? scheme.Display(score, column.ScoreMaximum) : null,
                    g.Comment, g.UpdatedAt, g.QueuedVersion != g.Version,
                    d is null ? null : new DeliveryView(d.Id, d.State, d.Attempts, d.LastStatus, d.LastError, d.DeliveredAt, d.CreatedAt));
            }).ToList();
            var syncedAt = await db.Contexts.Where(c => c.Id == query.ContextId).Select(c => c.RosterSyncedAt).FirstOrDefaultAsync(cancellationToken);
            return new Gradebook(
                schemes.All.Select(s => new SchemeView(s.Name, s.Title, s.Kind.ToString(), s.Values)).ToList(),
                columns.Select(c => new ColumnView(c.Id, c.Label, c.ScoreMaximum, NullIfEmpty(c.Tag), NullIfEmpty(c.ResourceLinkId), c.ResourceId,
                    SchemeOf(schemes, c).Name, c.GoneAt is not null, c.StartDateTime, c.EndDateTime)).ToList(),
                students, cells, syncedAt);
        }
    }

    /// <summary>The column's scheme, or the default when it names none (or one no longer configured).</summary>
    public static GradingScheme SchemeOf(GradingSchemes schemes, LineItemEntity column) =>
        schemes.TryGet(column.Scheme, out var scheme) ? scheme : schemes.Default;

    /// <summary>Active members holding a student role (refined student roles and Student View included).</summary>
    public static async Task<IReadOnlyList<StudentView>> StudentsAsync(LtiToolDbContext db, Guid contextId, CancellationToken cancellationToken)
    {
        var rows = await (
            from e in db.Enrolments.AsNoTracking()
            join u in db.Users on e.UserId equals u.Id
            where e.ContextId == contextId && e.Status == EnrolmentStatus.Active
            orderby u.FamilyName, u.GivenName, u.Name, u.Id
            select new { u.Id, u.Name, u.GivenName, u.FamilyName, e.InternalRoles }).ToListAsync(cancellationToken);
        return rows
            .Select(r => (r, roles: r.InternalRoles.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(CourseRoles.BaseRoleOf).ToHashSet(StringComparer.Ordinal)))
            .Where(x => x.roles.Contains(CourseRoles.Student) || x.roles.Contains(CourseRoles.TestStudent))
            .Select(x => new StudentView(x.r.Id, UserEntity.DisplayName(x.r.Name, x.r.GivenName, x.r.FamilyName), x.roles.Contains(CourseRoles.TestStudent)))
            .ToList();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
