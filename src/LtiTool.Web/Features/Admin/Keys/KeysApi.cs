using LtiTool.Lti.Launch;
using LtiTool.Web.Features.Admin.Access;
using LtiTool.Web.Features.Roles;
using Mediator;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// The tool's keys as JSON for the admin page: list, publish a next key, rotate, retire, revoke. Permission
/// manage_platforms; writes need the bearer header (the session cookie only authenticates reads). Every school
/// trusts the same keys, so any change to them is tool-wide (<see cref="ToolWideAdmin"/>); the list is public
/// information (the JWKS publishes it), so a platform's administrator may read it.
/// </summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/admin/keys").RequirePermission(Permissions.ManagePlatforms);
        keys.MapGet("", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new ListToolKeys.Query(), ct)));
        keys.MapPost("/next", PublishNextAsync).RequireToolWideAdmin();
        keys.MapPost("/rotate", RotateAsync).RequireToolWideAdmin();
        keys.MapPost("/{kid}/retire", RetireAsync).RequireToolWideAdmin();
        keys.MapPost("/{kid}/revoke", RevokeAsync).RequireToolWideAdmin();
        return app;
    }

    private static async Task<IResult> PublishNextAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new PublishNextToolKey.Command(), ct);
        if (result.Error is { } error) return Problem(http, error);
        return result.Created ? Results.Created("/api/admin/keys", result.Key) : Results.Ok(result.Key);
    }

    private static async Task<IResult> RotateAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new RotateToolKey.Command(), ct);
        return result.Error is { } error ? Problem(http, error) : Results.Ok(new { current = result.Current, retired = result.Retired, warning = result.Warning });
    }

    private static async Task<IResult> RetireAsync(string kid, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new RetireToolKey.Command(kid), ct);
        return result.Error is { } error ? Problem(http, error) : Results.Ok(result.Key);
    }

    /// <summary>The body of a revocation: the kid typed again, as on the page.</summary>
    public sealed record RevokeBody(string? ConfirmKid);

    private static async Task<IResult> RevokeAsync(string kid, RevokeBody? body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new RevokeToolKey.Command(kid, body?.ConfirmKid), ct);
        if (result.Error is { } error)
            return error == ToolKeyErrors.RevokeUnconfirmed
                ? Infrastructure.ErrorResponses.Problem(http, error, "errors", new[] { new { field = "confirmKid", message = error.Description } })
                : Problem(http, error);
        return Results.Ok(new
        {
            revoked = result.Key, current = result.Current, signingChanged = result.SigningChanged, generated = result.Generated, warning = result.Warning,
        });
    }

    private static IResult Problem(HttpContext http, LtiError error) => Infrastructure.ErrorResponses.Problem(http, error);
}
