using LtiTool.DemoPlatform;
using LtiTool.Web.Data;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Infrastructure;

/// <summary>
/// Headers for every tool response: CSP frame-ancestors naming the registered platforms' origins (and
/// Lti:FrameAncestors), so only those LMSs can frame the tool, and script-src 'self'; no X-Frame-Options DENY, which would break
/// the iframe; nosniff; a referrer policy that keeps tool URLs to the tool.
/// </summary>
public sealed class SecurityHeaders(EfPlatformStore platforms, IOptions<LtiToolOptions> options, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    // One immutable object swapped by reference, so a concurrent reader never sees half of an update.
    private volatile CachedValue? _frameAncestors;

    public async ValueTask ApplyAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        var ancestors = await FrameAncestorsAsync(http.RequestAborted);
        http.Items[FrameAncestorsItem] = ancestors;
        headers.ContentSecurityPolicy = Policy(ancestors);
    }

    private const string FrameAncestorsItem = "lti-frame-ancestors";

    /// <summary>
    /// Lets one more origin frame this answer (the Dynamic Registration page, framed by a platform the tool does not
    /// know yet): the policy is built again with it, not patched as text.
    /// </summary>
    public static void AllowFrameAncestor(HttpContext http, string origin)
    {
        if (http.Items[FrameAncestorsItem] is not string ancestors || ancestors.Split(' ').Contains(origin, StringComparer.Ordinal)) return;
        ancestors = origin + " " + ancestors;
        http.Items[FrameAncestorsItem] = ancestors;
        http.Response.Headers.ContentSecurityPolicy = Policy(ancestors);
    }

    // Scripts only from the tool's own files (wwwroot/js): no inline script, no eval, nothing from elsewhere.
    private static string Policy(string frameAncestors) => $"frame-ancestors {frameAncestors}; script-src 'self'; object-src 'none'; base-uri 'self'";

    private async ValueTask<string> FrameAncestorsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_frameAncestors is { } cached && now < cached.ExpiresAt) return cached.Value;
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var registration in await platforms.AllAsync(cancellationToken))
        {
            if (!registration.Enabled) continue;
            AddOrigin(sources, registration.Issuer);
            AddOrigin(sources, registration.AuthorizationEndpoint.AbsoluteUri);
        }
        foreach (var extra in options.Value.FrameAncestors) sources.Add(extra);
        var value = "'self'" + string.Concat(sources.Select(s => " " + s));
        _frameAncestors = new CachedValue(value, now + CacheFor);
        return value;
    }

    private sealed record CachedValue(string Value, DateTimeOffset ExpiresAt);

    private static void AddOrigin(SortedSet<string> sources, string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            sources.Add(uri.GetLeftPart(UriPartial.Authority));
    }
}

public static class SecurityHeadersExtensions
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var demoPath = http.RequestServices.GetRequiredService<IOptions<DemoPlatformOptions>>().Value.PathBase;
        // The demo LMS plays another site: it is the framing page, not the framed tool.
        if (!http.Request.Path.StartsWithSegments(demoPath))
            await http.RequestServices.GetRequiredService<SecurityHeaders>().ApplyAsync(http);
        http.Response.Headers["X-Correlation-Id"] = http.TraceIdentifier;
        await next(http);
    });
}
