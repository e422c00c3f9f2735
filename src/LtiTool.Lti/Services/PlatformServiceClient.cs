using System.Net;
using System.Net.Http.Headers;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using Microsoft.Extensions.Logging;

namespace LtiTool.Lti.Services;

/// <summary>
/// One authorized call to a platform service (NRPS, AGS): a cached token for the scopes, the service HttpClient
/// (timeouts, retries, Retry-After), and one fresh token when the platform answers 401. A failure is an
/// <see cref="LtiServiceException"/> carrying the platform's status and message.
/// </summary>
public sealed partial class PlatformServiceClient(IHttpClientFactory httpClients, PlatformTokenClient tokens, ILogger<PlatformServiceClient> logger)
{
    /// <summary>Sends the request built by <paramref name="create"/> (called again for the retry after a 401); the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(PlatformRegistration registration, IReadOnlyCollection<string> scopes,
        Func<HttpRequestMessage> create, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(registration, scopes, cancellationToken);
            if (!token.Succeeded) throw new LtiServiceException(token.Error!);
            using var request = create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token!.Value);
            var response = await httpClients.CreateClient(LtiHttpClients.Services).SendAsync(request, completion, cancellationToken);
            // A token the platform no longer accepts (revoked, clock skew): fetch a fresh one, once.
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                response.Dispose();
                tokens.Invalidate(registration, scopes, token.Token);
                continue;
            }
            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var status = (int)response.StatusCode;
                LogFailed(logger, registration.Id, request.Method.Method, status);
                var detail = $"HTTP {status}" + (body.Length is > 0 and < 500 ? ": " + body : "");
                throw new LtiServiceException(LtiErrors.ServiceCallFailed.WithDetail(detail), status);
            }
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Service call {Method} for registration {RegistrationId} failed with HTTP {Status}")]
    private static partial void LogFailed(ILogger logger, string registrationId, string method, int status);
}
