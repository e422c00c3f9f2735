using System.Net;

namespace LtiTool.Testing;

/// <summary>An HttpMessageHandler answering from a delegate and counting requests (for the JWKS cache tests).</summary>
public sealed class StubHttpHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);
    public List<HttpRequestMessage> Seen { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (Seen) Seen.Add(request);
        return Task.FromResult(respond(request));
    }

    public static HttpResponseMessage Json(string json, TimeSpan? maxAge = null, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (maxAge is { } age) response.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { MaxAge = age };
        return response;
    }
}

/// <summary>An IHttpClientFactory over one handler.</summary>
public sealed class StubHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}
