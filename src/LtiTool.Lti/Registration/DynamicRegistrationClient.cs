using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;

namespace LtiTool.Lti.Registration;

/// <summary>
/// The tool's side of LTI Dynamic Registration 1.0 §3: fetches and checks the platform's OpenID configuration,
/// then posts the tool's registration with the registration token. Calls go through the
/// <see cref="LtiHttpClients.Platform"/> client (short timeouts; a POST is never retried, so a registration is
/// never made twice by the tool). Failures are values; the registration token is never logged or shown.
/// </summary>
public sealed class DynamicRegistrationClient(IHttpClientFactory httpClients)
{
    /// <summary>The largest configuration or registration answer read (256 KB).</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    /// <summary>How much of a platform's error answer is kept for the error page.</summary>
    public const int ExcerptLength = 500;

    /// <summary>Fetches the configuration from the <c>openid_configuration</c> URL the platform gave (§3.4).</summary>
    public async Task<PlatformConfigurationResult> FetchConfigurationAsync(string openIdConfiguration, string registrationToken, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(openIdConfiguration, UriKind.Absolute, out var url) || !PlatformConfiguration.IsAllowedUrl(url))
            return new(null, LtiErrors.RegistrationConfigurationUrlInvalid);
        // The URL is used as given (Canvas carries the token in its query) and the token also goes in the header
        // (§3.3 allows either; Canvas's documentation asks for the header).
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registrationToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await SendAsync(request, cancellationToken);
        if (answer is null) return new(null, LtiErrors.RegistrationConfigurationUnavailable);
        if (answer.Status is < 200 or > 299) return new(null, LtiErrors.RegistrationRefused, answer.Excerpt(registrationToken));
        if (answer.TooLarge) return new(null, LtiErrors.RegistrationConfigurationInvalid.WithDetail($"larger than {MaxDocumentBytes / 1024} KB"));
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return PlatformConfiguration.Read(document.RootElement, url);
        }
        catch (JsonException)
        {
            return new(null, LtiErrors.RegistrationConfigurationInvalid.WithDetail("the answer is not JSON"));
        }
    }

    /// <summary>Posts the registration to the platform's registration endpoint (§3.5.2) and reads its answer (§3.6).</summary>
    public async Task<ToolRegistrationResult> RegisterAsync(PlatformConfiguration platform, string registrationToken, ToolRegistrationRequest registration,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.RegistrationEndpoint)
        {
            Content = JsonContent.Create(registration.ToJson(), mediaType: new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registrationToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await SendAsync(request, cancellationToken);
        if (answer is null) return new(null, LtiErrors.RegistrationEndpointUnavailable);
        if (answer.Status is < 200 or > 299) return new(null, LtiErrors.RegistrationRefused, answer.Excerpt(registrationToken));
        JsonNode? document = null;
        try
        {
            if (!answer.TooLarge) document = JsonNode.Parse(answer.Body);
        }
        catch (JsonException)
        {
        }
        return ToolRegistrationResponse.Read(document) is { } accepted
            ? new(accepted, null)
            : new(null, LtiErrors.RegistrationResponseInvalid, answer.Excerpt(registrationToken));
    }

    private async Task<Answer?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var client = httpClients.CreateClient(LtiHttpClients.Platform);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            // One byte more than allowed tells "too large" from "exactly at the limit".
            var buffer = new byte[MaxDocumentBytes + 1];
            var read = 0;
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0) read += n;
            return new Answer((int)response.StatusCode, Encoding.UTF8.GetString(buffer, 0, Math.Min(read, MaxDocumentBytes)), read > MaxDocumentBytes);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException
                                  && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed record Answer(int Status, string Body, bool TooLarge)
    {
        public PlatformAnswer Excerpt(string registrationToken)
        {
            // A platform may echo what it was sent; the token is a credential and is never shown.
            var text = registrationToken.Length > 0 ? Body.Replace(registrationToken, "[registration token]", StringComparison.Ordinal) : Body;
            return new PlatformAnswer(Status, text.Length > ExcerptLength ? text[..ExcerptLength] + "…" : text);
        }
    }
}
