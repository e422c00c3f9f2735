using LtiTool.Lti.Roles;
using LtiTool.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Roles;

/// <summary>
/// For support staff: what a launch sent as roles, what the tool makes of them now, and what they allow. A
/// platform's administrator reads only its own launches; another platform's launch is not found.
/// </summary>
public static class GetRolesReceived
{
    public sealed record Query(Guid LaunchId, Admin.Access.AdminScope Scope) : IQuery<Result?>;

    public sealed record ReceivedRole(string Value, string Kind, string Name, string? SubRole);

    public sealed record Result(
        string LaunchId, DateTime LaunchedAt, string? UserName, string? ContextTitle, string Issuer, string DeploymentId,
        IReadOnlyList<ReceivedRole> Received, IReadOnlyList<string> CanvasRoleNames,
        IReadOnlyList<string> MappedRoles, IReadOnlyList<string> Unmapped, IReadOnlyList<string> Permissions);

    public sealed class Handler(LtiToolDbContext db, PermissionMatrix matrix, IOptions<RoleOptions> options) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var row = await (
                from l in db.LaunchRecords.AsNoTracking()
                join p in db.Platforms on l.PlatformId equals p.Id
                join u in db.Users on l.UserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                join c in db.Contexts on l.ContextId equals c.Id into contexts
                from c in contexts.DefaultIfEmpty()
                where l.Id == query.LaunchId && (query.Scope.PlatformId == null || l.PlatformId == query.Scope.PlatformId)
                select new { l.Roles, l.CustomJson, l.DeploymentId, l.CreatedAt, p.Issuer, p.ClientId, UserName = u.Name, ContextTitle = c.Title })
                .FirstOrDefaultAsync(cancellationToken);
            if (row is null) return null;

            var parsed = LisRole.ParseAll(row.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var canvasNames = RoleMap.CanvasRoleNames(LtiTool.Lti.Claims.CustomParameters.FromJson(row.CustomJson), options.Value);
            // Mapped again with today's policy, so support sees what the launch would be granted now.
            var mapping = RoleMap.Map(parsed, canvasNames, options.Value);
            return new Result(
                query.LaunchId.ToString(), row.CreatedAt, row.UserName, row.ContextTitle, row.Issuer, row.DeploymentId,
                parsed.Select(r => new ReceivedRole(r.Value, r.Kind.ToString(), r.Name, r.SubRole)).ToArray(),
                canvasNames, mapping.Roles, mapping.Unmapped, matrix.For(row.Issuer, row.ClientId, mapping.Roles));
        }
    }
}
