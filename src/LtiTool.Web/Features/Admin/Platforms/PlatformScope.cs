using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Access;
using LtiTool.Web.Features.Roles;

namespace LtiTool.Web.Features.Admin.Platforms;

/// <summary>
/// Which registrations an administrator sees and manages: all when tool-wide, only the launch's own otherwise.
/// Another registration's id answers 404 <c>platform_not_found</c>, exactly as an id that does not exist: a 403
/// would confirm to one school that another school's registration id is real.
/// </summary>
public static class PlatformScope
{
    public static IQueryable<PlatformEntity> Within(IQueryable<PlatformEntity> platforms, AdminScope scope) =>
        scope.PlatformId is { } id ? platforms.Where(p => p.Id == id) : platforms;

    /// <summary>
    /// Issuer and client id decide which launches land in a registration: a school that changed its own could claim
    /// another school's launches before that school registers. That is adding a registration, so it is tool-wide.
    /// </summary>
    public static List<PlatformsAdminApi.FieldError> IdentityChanges(PlatformsAdminApi.PlatformRequest body, PlatformEntity entity)
    {
        const string Message = "Only a tool-wide administrator changes a registration's issuer or client id.";
        var changes = new List<PlatformsAdminApi.FieldError>();
        if (body.Issuer?.Trim() != entity.Issuer) changes.Add(new("issuer", Message));
        if (body.ClientId?.Trim() != entity.ClientId) changes.Add(new("clientId", Message));
        // The authorization endpoint's origin may frame the tool for every school (CSP frame-ancestors is one list)
        // and is where platform storage messages go: a school's administrator cannot point it elsewhere.
        if (body.AuthorizationEndpoint?.Trim() != entity.AuthorizationEndpoint)
            changes.Add(new("authorizationEndpoint", "Only a tool-wide administrator changes a registration's authorization endpoint: its origin may frame the tool for every platform."));
        return changes;
    }

    /// <summary>Refuses, before the handler runs, every route of the group naming an <c>{id}</c> outside the session's scope.</summary>
    public static RouteGroupBuilder OnlyWithinScope(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.GetRouteValue("id") is string id)
            {
                var scope = await http.RequestServices.GetRequiredService<SessionAccessReader>().ScopeAsync(http.User, http.RequestAborted);
                if (!scope.Covers(id)) return Infrastructure.ErrorResponses.Problem(http, PlatformsAdminApi.PlatformNotFound);
            }
            return await next(context);
        });
        return group;
    }
}
