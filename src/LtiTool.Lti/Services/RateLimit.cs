using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace LtiTool.Lti.Services;

/// <summary>
/// Which service answers are worth retrying: the transient ones (5xx, 408, 429, network errors, timeouts) and
/// Canvas's older throttling answer, 403 with "Rate Limit Exceeded" in the body (Canvas throttling docs).
/// </summary>
public static class RateLimit
{
    /// <summary>The retry predicate of the service HttpClient.</summary>
    public static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args) =>
        HttpClientResiliencePredicates.IsTransient(args.Outcome)
        || (args.Outcome.Result is { } response && await IsCanvasThrottleAsync(response));

    /// <summary>Whether a response is Canvas's 403 throttle. Only a 403's body is buffered and read.</summary>
    public static async ValueTask<bool> IsCanvasThrottleAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Forbidden) return false;
        await response.Content.LoadIntoBufferAsync();
        var body = await response.Content.ReadAsStringAsync();
        return body.Contains("Rate Limit Exceeded", StringComparison.OrdinalIgnoreCase);
    }
}
