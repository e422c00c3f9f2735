using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Roles;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Roster;

/// <summary>
/// The course's people as far as the tool knows them: everyone who has launched it in this context (the NRPS
/// roster sync of issue #4 fills in the rest). E-mail addresses only for sessions allowed to see identifiers.
/// </summary>
public static class RosterApi
{
    public sealed record Member(string Id, string? Name, string? Email, IReadOnlyList<string> Roles, string Status);

    /// <summary>Roster sync settings and the scheduled refresh.</summary>
    public static IServiceCollection AddRoster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RosterOptions>().Bind(configuration.GetSection(RosterOptions.Section));
        services.AddSingleton<RosterRefreshService>();
        services.AddHostedService(sp => sp.GetRequiredService<RosterRefreshService>());
        return services;
    }

    public static IEndpointRouteBuilder MapRoster(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/contexts/{contextId}/roster/status", async (Guid contextId, LtiToolDbContext db, CancellationToken cancellationToken) =>
            Results.Ok(await db.Contexts.Where(c => c.Id == contextId)
                .Select(c => new { syncedAt = c.RosterSyncedAt, error = c.RosterSyncError }).FirstOrDefaultAsync(cancellationToken)))
            .RequirePermission(Permissions.ViewRoster);
        app.MapGet("/api/contexts/{contextId}/members", GetMembersAsync).RequirePermission(Permissions.ViewRoster);
        // Staff only (it calls the platform on the course's behalf); a POST needs the bearer header, which no
        // cross-site form can add (the session cookie only authenticates reads).
        app.MapPost("/api/contexts/{contextId}/roster/sync", SyncAsync).RequirePermission(Permissions.ViewUserIdentifiers);
        return app;
    }

    private static async Task<IResult> SyncAsync(Guid contextId, HttpContext http, Mediator.IMediator mediator, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new SyncRoster.Command(contextId), cancellationToken);
        if (result.Succeeded) return Results.Ok(new { members = result.Members, added = result.Added, left = result.Left, syncedAt = result.SyncedAt });
        return Infrastructure.ErrorResponses.Problem(http, result.Error!);
    }

    private static async Task<IResult> GetMembersAsync(Guid contextId, HttpContext http, SessionAccessReader reader, LtiToolDbContext db, CancellationToken cancellationToken)
    {
        var access = await reader.ReadAsync(http.User, cancellationToken);
        var showIdentifiers = access!.Permissions.Contains(Permissions.ViewUserIdentifiers);
        return Results.Ok(await ReadMembersAsync(db, contextId, showIdentifiers, cancellationToken));
    }

    /// <summary>The course's members, active first, by family name; e-mails only when allowed.</summary>
    public static async Task<IReadOnlyList<Member>> ReadMembersAsync(LtiToolDbContext db, Guid contextId, bool showIdentifiers, CancellationToken cancellationToken)
    {
        var rows = await (
            from e in db.Enrolments.AsNoTracking()
            join u in db.Users on e.UserId equals u.Id
            where e.ContextId == contextId
            orderby e.Status, u.FamilyName, u.GivenName, u.Name
            select new { u.Id, u.Name, u.GivenName, u.FamilyName, u.Email, e.InternalRoles, e.Status }).ToListAsync(cancellationToken);
        return rows.Select(r => new Member(
            r.Id.ToString(),
            UserEntity.DisplayName(r.Name, r.GivenName, r.FamilyName),
            showIdentifiers ? r.Email : null,
            r.InternalRoles.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.Status)).ToArray();
    }
}
