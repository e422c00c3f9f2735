using LtiTool.Lti.Launch;
using LtiTool.Web.Features.Roles;
using LtiTool.Web.Infrastructure;
using Mediator;

namespace LtiTool.Web.Features.DeepLinking;

/// <summary>
/// POST /api/deep-linking/response: the picker's answer for the session's deep linking launch. The page posts
/// the returned JWT to the platform's return URL in an auto-submitted form. Never cached.
/// </summary>
public static class DeepLinkingApi
{
    public sealed record ResponseRequest(IReadOnlyList<Guid>? ActivityIds, bool Cancel);

    public static IEndpointRouteBuilder MapDeepLinking(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/deep-linking/response", async (ResponseRequest body, HttpContext http, SessionAccessReader reader, IMediator mediator, PublicUrls urls,
            CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var access = (await reader.ReadAsync(http.User, ct))!;
            var result = await mediator.Send(new BuildDeepLinkingResponse.Command(access.LaunchId, body.ActivityIds ?? [], body.Cancel,
                urls.Absolute(http.Request, "lti/launch")), ct);
            if (result.Error is { } error) return Problem(http, error);
            return Results.Ok(new { returnUrl = result.Response!.ReturnUrl, jwt = result.Response.Jwt, refused = result.Refused?.Code });
        }).RequirePermission(Permissions.ManageAssignments);
        return app;
    }

    private static IResult Problem(HttpContext http, LtiError error) => ErrorResponses.Problem(http, error);
}
