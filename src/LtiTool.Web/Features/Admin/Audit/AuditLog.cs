using System.Text.Json;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Roles;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>
/// Records who did what in the audit log. The actor comes from the request's session (user, platform, roles)
/// or, outside a request, from <see cref="Actor"/> (the command line, a background job). Rows are only added.
/// Call it in the same unit of work as the change where one exists (<see cref="Add"/> + the caller's
/// SaveChanges), so a change is never kept without its entry.
/// </summary>
public sealed class AuditLog(LtiToolDbContext db, TimeProvider time, SessionAccessReader access, IHttpContextAccessor http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // One request may add many entries (a column's changed grades); its actor is looked up once.
    private (Guid LaunchId, string Name, string? PlatformId)? _actor;

    /// <summary>Who acts when there is no session (e.g. "cli", "bootstrap", "scheduler").</summary>
    public string? Actor { get; set; }

    /// <summary>Adds an entry to the context's unit of work; the caller's SaveChanges writes it with the change.</summary>
    public async Task<AuditEntryEntity> AddAsync(string action, string? target, object? before = null, object? after = null, Guid? contextId = null,
        bool adminRights = false, CancellationToken cancellationToken = default)
    {
        var request = http.HttpContext;
        var session = request is null ? null : await access.ReadAsync(request.User, cancellationToken);
        var (actorName, platformId) = await ActorOfAsync(session, cancellationToken);
        var entry = new AuditEntryEntity
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            At = time.GetUtcNow().UtcDateTime,
            Action = action,
            Target = target is { Length: > 500 } ? target[..500] : target,
            ContextId = contextId,
            ActorUserId = session?.UserId,
            ActorName = actorName.Length > 255 ? actorName[..255] : actorName,
            ActorPlatformId = platformId,
            ActorRoles = session is null ? null : string.Join(' ', session.Roles),
            AdminRights = adminRights,
            BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
            AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
            CorrelationId = request?.TraceIdentifier,
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    private async Task<(string Name, string? PlatformId)> ActorOfAsync(SessionAccess? session, CancellationToken cancellationToken)
    {
        if (_actor is { } known && known.LaunchId == session?.LaunchId) return (known.Name, known.PlatformId);
        var name = Actor ?? (session?.Roles.Contains(SessionAccessReader.BootstrapRole) == true ? "bootstrap" : "anonymous");
        string? platformId = null;
        if (session is not null)
        {
            var who = await (
                from l in db.LaunchRecords.AsNoTracking()
                join u in db.Users on l.UserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                where l.Id == session.LaunchId
                select new { l.PlatformId, u.Name, u.GivenName, u.FamilyName, u.Email, u.Subject }).FirstOrDefaultAsync(cancellationToken);
            platformId = who?.PlatformId;
            name = who is null ? name : UserEntity.DisplayName(who.Name, who.GivenName, who.FamilyName) ?? who.Email ?? who.Subject ?? name;
            _actor = (session.LaunchId, name, platformId);
        }
        return (name, platformId);
    }

    /// <summary>Adds and saves at once (for actions whose change was already saved, e.g. a platform call).</summary>
    public async Task RecordAsync(string action, string? target, object? before = null, object? after = null, Guid? contextId = null,
        bool adminRights = false, CancellationToken cancellationToken = default)
    {
        await AddAsync(action, target, before, after, contextId, adminRights, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
