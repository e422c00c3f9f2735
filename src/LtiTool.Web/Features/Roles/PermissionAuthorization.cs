using LtiTool.Web.Data;
using LtiTool.Web.Features.Admin.Access;
using LtiTool.Web.Features.Session;
using LtiTool.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Roles;

/// <summary>
/// What a session may do, worked out on the server from its launch record and the matrix, and for which
/// registrations: a launch acts for its own platform only, a bootstrap session tool-wide (<see cref="AdminScope"/>).
/// </summary>
public sealed record SessionAccess(Guid LaunchId, Guid? UserId, Guid? ContextId, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions,
    AdminScope Scope);

/// <summary>Loads the session's access once per request.</summary>
public sealed class SessionAccessReader(LtiToolDbContext db, PermissionMatrix matrix, BootstrapCredential bootstrap)
{
    private SessionAccess? _access;

    /// <summary>The role name of a bootstrap admin session.</summary>
    public const string BootstrapRole = "BootstrapAdmin";

    public async ValueTask<SessionAccess?> ReadAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (_access is not null) return _access;
        // A bootstrap session holds the administrative permissions only while the bootstrap sign-in is enabled.
        if (SessionTokenIssuer.IsBootstrap(user))
            return bootstrap.Enabled ? _access = new SessionAccess(Guid.Empty, null, null, [BootstrapRole], Permissions.Administrative, AdminScope.ToolWide) : null;
        if (SessionTokenIssuer.LaunchId(user) is not { } launchId) return null;
        var row = await (
            from l in db.LaunchRecords.AsNoTracking()
            join p in db.Platforms on l.PlatformId equals p.Id
            where l.Id == launchId
            select new { l.UserId, l.ContextId, l.InternalRoles, l.PlatformId, p.Issuer, p.ClientId }).FirstOrDefaultAsync(cancellationToken);
        if (row is null) return null;
        var roles = row.InternalRoles.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return _access = new SessionAccess(launchId, row.UserId, row.ContextId, roles, matrix.For(row.Issuer, row.ClientId, roles),
            AdminScope.Platform(row.PlatformId, row.Issuer, row.ClientId));
    }

    /// <summary>
    /// The admin scope of a request that passed a permission policy. Without a session there is no scope to
    /// fall back on: this throws rather than answer with a wider one.
    /// </summary>
    public async ValueTask<AdminScope> ScopeAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await ReadAsync(user, cancellationToken))?.Scope ?? throw new InvalidOperationException("An admin scope was asked for a request without a session.");
}

/// <summary>"The session holds this permission" — one policy per permission, named by <see cref="PermissionPolicies.For"/>.</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

public sealed class PermissionHandler(SessionAccessReader reader) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var access = await reader.ReadAsync(context.User, http?.RequestAborted ?? default);
        if (access is null || !access.Permissions.Contains(requirement.Permission)) return;
        // A session belongs to one course: a route naming another context is refused, whatever the roles.
        if (http?.GetRouteValue("contextId") is string routeContext
            && (!Guid.TryParse(routeContext, out var contextId) || contextId != access.ContextId))
        {
            context.Fail(new AuthorizationFailureReason(this, PermissionPolicies.CrossContext));
            return;
        }
        context.Succeed(requirement);
    }
}

public static class PermissionPolicies
{
    public const string CrossContext = "cross_context";

    /// <summary>Policy names are this prefix and the permission, so attributes can name them as constants.</summary>
    public const string Prefix = "permission:";

    public static string For(string permission) => Prefix + permission;

    public static IServiceCollection AddPermissionPolicies(this IServiceCollection services)
    {
        services.AddScoped<SessionAccessReader>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenAnswer>();
        services.AddAuthorizationBuilder().AddPermissionPolicies();
        return services;
    }

    private static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
        {
            builder.AddPolicy(For(permission), p => p
                .AddAuthenticationSchemes(SessionDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(permission)));
        }
        return builder;
    }

    /// <summary>Requires the permission on an endpoint.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(For(permission));
}

/// <summary>
/// Every refusal answers the same way: 403 with a JSON problem for APIs (or a page otherwise) naming the
/// permission, the cross-context rule or the tool-wide rule, and nothing is run or written.
/// </summary>
public sealed class ForbiddenAnswer : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        var crossContext = result.AuthorizationFailure?.FailureReasons.Any(r => r.Message == PermissionPolicies.CrossContext) == true;
        var permission = result.AuthorizationFailure?.FailedRequirements.OfType<PermissionRequirement>().FirstOrDefault()?.Permission;
        var toolWide = result.AuthorizationFailure?.FailedRequirements.OfType<ToolWideAdmin.Requirement>().Any() == true;
        // A missing permission is named before the scope: a teacher learns what they lack, not that it is tool-wide.
        var (code, detail) = crossContext
            ? ("cross_context", "This session belongs to another course. Open the tool from the course you want to work in.")
            : permission is null && toolWide
                ? (ToolWideAdmin.Code, ToolWideAdmin.Detail)
                : ("forbidden", $"Your role in this course does not include the permission '{permission}'.");
        if (context.Request.Path.StartsWithSegments("/api"))
            await ErrorResponses.WriteProblemAsync(context, StatusCodes.Status403Forbidden, "Forbidden", detail, code);
        else
            await ErrorResponses.WritePageAsync(context, StatusCodes.Status403Forbidden, "Not allowed", detail, code);
    }
}
