using LtiTool.Web.Features.Roles;
using LtiTool.Web.Features.Session;
using Microsoft.AspNetCore.Authorization;

namespace LtiTool.Web.Features.Admin.Access;

/// <summary>
/// The tool-wide check: manage_platforms held by a session whose <see cref="AdminScope"/> is tool-wide. For what
/// every school shares or what no single school should decide alone — the tool's signing keys, adding or
/// deleting a registration, switching one off. An endpoint takes it with <c>.RequireToolWideAdmin()</c>, a page
/// with <c>[Authorize(Policy = ToolWideAdmin.Policy)]</c>; an LMS administrator gets 403 <c>tool_wide_only</c>.
/// </summary>
public static class ToolWideAdmin
{
    public const string Policy = "admin:tool-wide";

    public const string Code = "tool_wide_only";

    public const string Detail = "Only a tool-wide administrator (the bootstrap sign-in or the command line) may do this: it changes what every "
        + "platform shares, or a registration other than the one this session was launched from.";

    public static readonly Lti.Launch.LtiError Refused = new(Code, StatusCodes.Status403Forbidden, "Forbidden", Detail);

    /// <summary>Requires manage_platforms and the tool-wide scope on an endpoint (or a group).</summary>
    public static TBuilder RequireToolWideAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy);

    public static IServiceCollection AddToolWideAdminPolicy(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, Handler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(SessionDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(Permissions.ManagePlatforms), new Requirement()));
        return services;
    }

    /// <summary>"The session acts tool-wide"; left pending otherwise, so the refusal names it (see <see cref="ForbiddenAnswer"/>).</summary>
    public sealed class Requirement : IAuthorizationRequirement;

    public sealed class Handler(SessionAccessReader reader) : AuthorizationHandler<Requirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            var http = context.Resource as HttpContext;
            if (await reader.ReadAsync(context.User, http?.RequestAborted ?? default) is { Scope.IsToolWide: true }) context.Succeed(requirement);
        }
    }
}
