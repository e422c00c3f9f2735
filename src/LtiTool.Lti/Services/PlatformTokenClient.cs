using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LtiTool.Lti.Services;

/// <summary>
/// Gets OAuth 2 client-credentials tokens for LTI Advantage services (Security Framework 1.0 §4.1). Tokens are
/// cached per registration and scope set until shortly before they expire; callers that miss at once share
/// one request; a service that answers 401 gets the token invalidated and a fresh one is fetched.
/// </summary>
public sealed partial class PlatformTokenClient(
    IHttpClientFactory httpClients,
    ToolKeyRing keys,
    IRandomTokenGenerator random,
    TimeProvider time,
    IOptions<PlatformTokenOptions> options,
    ILogger<PlatformTokenClient> logger)
{
    private readonly ConcurrentDictionary<(string Registration, string Scopes), Entry> _entries = new();

    /// <summary>A token for the scopes (their order does not matter).</summary>
    public async ValueTask<TokenResult> GetAsync(PlatformRegistration registration, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        if (registration.TokenEndpoint is null) return new TokenResult(null, LtiErrors.TokenEndpointMissing);
        var scopeKey = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var entry = _entries.GetOrAdd((registration.Id, scopeKey), static _ => new Entry());
        if (entry.Token is { } cached && time.GetUtcNow() < cached.ExpiresAt - options.Value.RefreshMargin)
            return new TokenResult(cached, null);

        Task<TokenResult> fetch;
        lock (entry.Gate)
        {
            // Single flight: everyone who misses while a request is out waits for that request.
            fetch = entry.Fetching ??= FetchAsync(entry, registration, scopeKey);
        }
        return await fetch.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets a token a service refused (401), so the next call fetches a new one.</summary>
    public void Invalidate(PlatformRegistration registration, IEnumerable<string> scopes, AccessToken refused)
    {
        var scopeKey = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        if (_entries.TryGetValue((registration.Id, scopeKey), out var entry))
            Interlocked.CompareExchange(ref entry.Token, null, refused);
    }

    private async Task<TokenResult> FetchAsync(Entry entry, PlatformRegistration registration, string scopeKey)
    {
        await Task.Yield();
        try
        {
            var result = await RequestAsync(registration, scopeKey);
            if (result.Token is { } token) Volatile.Write(ref entry.Token, token);
            return result;
        }
        finally
        {
            lock (entry.Gate) entry.Fetching = null;
        }
    }

    private async Task<TokenResult> RequestAsync(PlatformRegistration registration, string scopeKey)
    {
        var endpoint = registration.TokenEndpoint!;
        var now = time.GetUtcNow();
        var assertion = ClientAssertion.Create(keys.SigningKey, registration.ClientId, endpoint, now, random.Next(), options.Value.AssertionLifetime);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_assertion_type"] = ClientAssertion.Type,
                ["client_assertion"] = assertion,
                ["scope"] = scopeKey,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await httpClients.CreateClient(LtiHttpClients.Services).SendAsync(request, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            using var json = TryParse(body);
            if (!response.IsSuccessStatusCode)
            {
                var reason = json?.RootElement is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("error", out var code)
                    ? code.ToString() + (error.TryGetProperty("error_description", out var d) ? ": " + d : "")
                    : $"HTTP {(int)response.StatusCode}";
                LogRefused(logger, registration.Id, (int)response.StatusCode, reason);
                return new TokenResult(null, LtiErrors.TokenRefused.WithDetail(reason));
            }
            if (json?.RootElement is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("access_token", out var value) || value.ValueKind != JsonValueKind.String)
            {
                LogRefused(logger, registration.Id, (int)response.StatusCode, "no access_token in the answer");
                return new TokenResult(null, LtiErrors.TokenEndpointUnavailable);
            }
            // RFC 6749 §5.1: expires_in is recommended, not required; assume Canvas's hour when absent.
            var lifetime = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromHours(1);
            var granted = root.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                : scopeKey.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            LogIssued(logger, registration.Id, granted.Length, lifetime);
            return new TokenResult(new AccessToken(value.GetString()!, now + lifetime, granted), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            LogUnavailable(logger, registration.Id, ex.GetType().Name);
            return new TokenResult(null, LtiErrors.TokenEndpointUnavailable);
        }
    }

    private static JsonDocument? TryParse(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Entry
    {
        public readonly Lock Gate = new();
        public AccessToken? Token;
        public Task<TokenResult>? Fetching;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Service token for registration {RegistrationId}: {ScopeCount} scopes for {Lifetime}")]
    private static partial void LogIssued(ILogger logger, string registrationId, int scopeCount, TimeSpan lifetime);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Token endpoint of registration {RegistrationId} refused: HTTP {Status}, {Reason}")]
    private static partial void LogRefused(ILogger logger, string registrationId, int status, string reason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Token endpoint of registration {RegistrationId} unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string registrationId, string reason);
}
