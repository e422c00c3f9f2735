using LtiTool.Lti.Claims;
using LtiTool.Lti.Roles;
using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Roles;

/// <summary>For support staff: what a launch sent as roles, what the tool made of them, and what they allow.</summary>
public static class RolesApi
{
    public sealed record ReceivedRole(string Value, string Kind, string Name, string? SubRole);
    public sealed record RolesReceived(
        string LaunchId, string Issuer, string DeploymentId, IReadOnlyList<ReceivedRole> Received, IReadOnlyList<string> CanvasRoleNames,
        IReadOnlyList<string> MappedRoles, IReadOnlyList<string> Unmapped, IReadOnlyList<string> Permissions);

    public static IEndpointRouteBuilder MapRoles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/launches/{launchId:guid}/roles", GetRolesReceivedAsync).RequirePermission(Permissions.ViewAuditLog);
        return app;
    }

    private static async Task<IResult> GetRolesReceivedAsync(Guid launchId, LtiToolDbContext db, PermissionMatrix matrix, IOptions<RoleOptions> options, CancellationToken cancellationToken)
    {
        var row = await (
            from l in db.LaunchRecords.AsNoTracking()
            join p in db.Platforms on l.PlatformId equals p.Id
            where l.Id == launchId
            select new { l.Roles, l.CustomJson, l.DeploymentId, p.Issuer, p.ClientId }).FirstOrDefaultAsync(cancellationToken);
        if (row is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such launch");

        var parsed = LisRole.ParseAll(row.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var custom = CustomParameters(row.CustomJson);
        var canvasNames = RoleMap.CanvasRoleNames(custom, options.Value);
        // Mapped again with today's policy, so support sees what the launch would be granted now.
        var mapping = RoleMap.Map(parsed, canvasNames, options.Value);
        return Results.Ok(new RolesReceived(
            launchId.ToString(), row.Issuer, row.DeploymentId,
            parsed.Select(r => new ReceivedRole(r.Value, r.Kind.ToString(), r.Name, r.SubRole)).ToArray(),
            canvasNames, mapping.Roles, mapping.Unmapped, matrix.For(row.Issuer, row.ClientId, mapping.Roles)));
    }

    private static Dictionary<string, string> CustomParameters(string? json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json)) return result;
        using var document = System.Text.Json.JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) return result;
        foreach (var p in document.RootElement.EnumerateObject())
            result[p.Name] = p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return result;
    }
}
