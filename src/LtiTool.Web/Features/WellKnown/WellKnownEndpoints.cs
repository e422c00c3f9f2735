using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Keys;

namespace LtiTool.Web.Features.WellKnown;

public static class WellKnownEndpoints
{
    public static IEndpointRouteBuilder MapWellKnown(this IEndpointRouteBuilder app)
    {
        // Platforms cache this; a new key is published here before it signs (issue #6 adds scheduled rotation).
        app.MapGet(LtiLaunchDefaults.JwksPath, (HttpContext http, ToolKeySet keys) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Bytes(keys.JwksJson, "application/json");
        });
        return app;
    }
}
