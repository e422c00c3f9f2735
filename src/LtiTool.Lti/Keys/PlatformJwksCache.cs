using System.Collections.Concurrent;
using System.Net.Http.Headers;
using LtiTool.Lti.Launch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LtiTool.Lti.Keys;

/// <summary>
/// Caches each platform's JWKS (Security Framework 1.0 §6.3: tools should cache keys and refetch on an
/// unknown kid). A warm lookup allocates nothing. Refreshes are single-flight per URL, unknown-kid refreshes
/// are rate-limited, and when the platform is down the last good set keeps serving.
/// </summary>
public sealed partial class PlatformJwksCache(
    IHttpClientFactory httpClients,
    TimeProvider time,
    IOptions<PlatformJwksOptions> options,
    ILogger<PlatformJwksCache> logger) : IPlatformKeyResolver
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<KeyResolution> ResolveAsync(Uri jwksUri, string kid, CancellationToken cancellationToken)
    {
        var entry = GetEntry(jwksUri);
        var snapshot = entry.Snapshot;
        var now = time.GetUtcNow();
        if (snapshot is not null && now < snapshot.ExpiresAt && snapshot.Keys.TryGetValue(kid, out var key))
            return ValueTask.FromResult(new KeyResolution(key, null));
        return ResolveSlowAsync(entry, jwksUri, kid, snapshot, now, cancellationToken);
    }

    private async ValueTask<KeyResolution> ResolveSlowAsync(Entry entry, Uri jwksUri, string kid, Snapshot? snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var stale = snapshot is null || now >= snapshot.ExpiresAt;
        var unknownKidMayRefresh = now.UtcTicks - entry.LastAttemptTicks >= settings.UnknownKidRefreshInterval.Ticks;
        if ((stale && now.UtcTicks >= entry.NextAttemptAfterFailureTicks) || (!stale && unknownKidMayRefresh))
        {
            snapshot = await RefreshAsync(entry, jwksUri).WaitAsync(cancellationToken);
        }
        if (snapshot is null) return new KeyResolution(null, LtiErrors.JwksUnavailable);
        return snapshot.Keys.TryGetValue(kid, out var key)
            ? new KeyResolution(key, null)
            : new KeyResolution(null, LtiErrors.KeyNotFound);
    }

    private Task<Snapshot?> RefreshAsync(Entry entry, Uri jwksUri)
    {
        lock (entry.Gate)
        {
            // Single flight: every caller that misses at once awaits the same fetch.
            return entry.Refreshing ??= FetchAsync(entry, jwksUri);
        }
    }

    private async Task<Snapshot?> FetchAsync(Entry entry, Uri jwksUri)
    {
        await Task.Yield();
        var settings = options.Value;
        var started = time.GetUtcNow();
        entry.LastAttemptTicks = started.UtcTicks;
        try
        {
            var client = httpClients.CreateClient(LtiHttpClients.Platform);
            using var request = new HttpRequestMessage(HttpMethod.Get, jwksUri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/jwk-set+json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
            if (!response.IsSuccessStatusCode)
                return Failed(entry, jwksUri, $"HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > settings.MaxDocumentBytes)
                return Failed(entry, jwksUri, "document too large");
            var json = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (json.Length > settings.MaxDocumentBytes) return Failed(entry, jwksUri, "document too large");
            var keys = JwksParser.Parse(json);
            var snapshot = new Snapshot(keys, started + Lifetime(response.Headers.CacheControl, settings));
            entry.Snapshot = snapshot;
            entry.NextAttemptAfterFailureTicks = 0;
            LogFetched(logger, jwksUri, keys.Count, snapshot.ExpiresAt);
            return snapshot;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException or ArgumentException or InvalidOperationException or Polly.Timeout.TimeoutRejectedException)
        {
            return Failed(entry, jwksUri, e.GetType().Name);
        }
        finally
        {
            lock (entry.Gate) entry.Refreshing = null;
        }
    }

    private Snapshot? Failed(Entry entry, Uri jwksUri, string reason)
    {
        entry.NextAttemptAfterFailureTicks = (time.GetUtcNow() + options.Value.FailureRetryInterval).UtcTicks;
        var last = entry.Snapshot;
        LogFetchFailed(logger, jwksUri, reason, last is not null);
        return last;
    }

    private static TimeSpan Lifetime(CacheControlHeaderValue? cacheControl, PlatformJwksOptions settings)
    {
        var lifetime = cacheControl switch
        {
            { NoStore: true } or { NoCache: true } => settings.MinimumLifetime,
            { MaxAge: { } maxAge } => maxAge,
            _ => settings.DefaultLifetime,
        };
        return TimeSpan.FromTicks(Math.Clamp(lifetime.Ticks, settings.MinimumLifetime.Ticks, settings.MaximumLifetime.Ticks));
    }

    private Entry GetEntry(Uri jwksUri) => _entries.GetOrAdd(jwksUri.AbsoluteUri, static _ => new Entry());

    private sealed record Snapshot(Dictionary<string, PlatformKey> Keys, DateTimeOffset ExpiresAt);

    // Timestamps are UTC ticks in longs read and written with Volatile: a DateTimeOffset is two words and
    // could be read half-written by a concurrent launch.
    private sealed class Entry
    {
        private long _lastAttemptTicks;
        private long _nextAttemptAfterFailureTicks;

        public readonly Lock Gate = new();
        public volatile Snapshot? Snapshot;
        public Task<Snapshot?>? Refreshing;

        public long LastAttemptTicks
        {
            get => Volatile.Read(ref _lastAttemptTicks);
            set => Volatile.Write(ref _lastAttemptTicks, value);
        }

        public long NextAttemptAfterFailureTicks
        {
            get => Volatile.Read(ref _nextAttemptAfterFailureTicks);
            set => Volatile.Write(ref _nextAttemptAfterFailureTicks, value);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Fetched platform JWKS {JwksUri}: {KeyCount} usable keys, cached until {ExpiresAt:o}")]
    private static partial void LogFetched(ILogger logger, Uri jwksUri, int keyCount, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Could not fetch platform JWKS {JwksUri}: {Reason}; serving last good set: {HasLastGood}")]
    private static partial void LogFetchFailed(ILogger logger, Uri jwksUri, string reason, bool hasLastGood);
}
