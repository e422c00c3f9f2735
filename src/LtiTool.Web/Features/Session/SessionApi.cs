using LtiTool.Web.Data;
using LtiTool.Web.Features.Roles;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Session;

public static class SessionApi
{
    public sealed record UserView(string Id, string? Name, string? Email);
    public sealed record ContextView(string Id, string? Title);
    public sealed record SessionView(
        UserView? User, ContextView? Context, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions,
        string Issuer, string DeploymentId, string MessageType, string LaunchId);

    public static IEndpointRouteBuilder MapSession(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/session", GetSessionAsync)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(SessionDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        return app;
    }

    private static async Task<IResult> GetSessionAsync(HttpContext http, LtiToolDbContext db, PermissionMatrix matrix, CancellationToken cancellationToken)
    {
        if (SessionTokenIssuer.LaunchId(http.User) is not { } launchId) return Results.Unauthorized();
        // The token only points at the launch; everything shown comes from the database.
        var row = await (
            from l in db.LaunchRecords.AsNoTracking()
            join p in db.Platforms on l.PlatformId equals p.Id
            join u in db.Users on l.UserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            join c in db.Contexts on l.ContextId equals c.Id into contexts
            from c in contexts.DefaultIfEmpty()
            where l.Id == launchId
            select new { Launch = l, p.Issuer, p.ClientId, User = u, Context = c }).FirstOrDefaultAsync(cancellationToken);
        if (row is null) return Results.Unauthorized();

        var roles = row.Launch.InternalRoles.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Results.Ok(new SessionView(
            row.User is null ? null : new UserView(row.User.Id.ToString(), row.User.Name, row.User.Email),
            row.Context is null ? null : new ContextView(row.Context.Id.ToString(), row.Context.Title ?? row.Context.Label),
            roles,
            matrix.For(row.Issuer, row.ClientId, roles),
            row.Issuer,
            row.Launch.DeploymentId,
            row.Launch.MessageType,
            row.Launch.Id.ToString()));
    }
}
