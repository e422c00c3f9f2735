using Microsoft.Extensions.Options;

namespace LtiTool.Web.Infrastructure;

/// <summary>Builds every URL the tool hands a platform from Lti:PublicBaseUrl, or from the request (forwarded headers applied).</summary>
public sealed class PublicUrls(IOptions<LtiToolOptions> options)
{
    private readonly Uri? _configured = options.Value.PublicBaseUrl is { Length: > 0 } url
        ? new Uri(url.EndsWith('/') ? url : url + "/")
        : null;

    public Uri BaseUrl(HttpRequest request) =>
        _configured ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");

    public Uri Origin(HttpRequest request) => new(BaseUrl(request).GetLeftPart(UriPartial.Authority));

    public Uri Absolute(HttpRequest request, string path) => new(BaseUrl(request), path.TrimStart('/'));

    public Uri? ConfiguredBaseUrl => _configured;
}
