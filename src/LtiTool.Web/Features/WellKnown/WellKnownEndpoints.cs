using System.Globalization;
using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Keys;

namespace LtiTool.Web.Features.WellKnown;

public static class WellKnownEndpoints
{
    private static readonly string CacheControl = "public, max-age=" + ((int)LtiLaunchDefaults.JwksMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    public static IEndpointRouteBuilder MapWellKnown(this IEndpointRouteBuilder app)
    {
        // Platforms may cache this for max-age; the key set is read at each request, so a rotation shows at once.
        app.MapGet(LtiLaunchDefaults.JwksPath, (HttpContext http, ToolKeyRing ring) =>
        {
            http.Response.Headers.CacheControl = CacheControl;
            return Results.Bytes(ring.Keys.JwksJson, "application/json");
        });
        return app;
    }
}
