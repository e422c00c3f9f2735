using Mediator;

namespace LtiTool.Web.Features.Roles;

public static class RolesApi
{
    public static IEndpointRouteBuilder MapRoles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/launches/{launchId:guid}/roles", async (Guid launchId, HttpContext http, SessionAccessReader access, IMediator mediator,
                CancellationToken cancellationToken) =>
                await mediator.Send(new GetRolesReceived.Query(launchId, await access.ScopeAsync(http.User, cancellationToken)), cancellationToken) is { } result
                    ? Results.Ok(result)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such launch"))
            .RequirePermission(Permissions.ViewAuditLog);
        return app;
    }
}
