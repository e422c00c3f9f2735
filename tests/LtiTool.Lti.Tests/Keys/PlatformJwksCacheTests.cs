using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using LtiTool.Testing;

namespace LtiTool.Lti.Tests.Keys;

public sealed class PlatformJwksCacheTests
{
    private readonly ProtocolHarness _h = new();
    private string Kid => _h.PlatformKey.Kid;

    [Fact]
    public async Task Resolve_WarmCache_DoesNotRefetchWithinMaxAge()
    {
        await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        _h.Time.Advance(TimeSpan.FromMinutes(4));
        var again = await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        Assert.NotNull(again.Key);
        Assert.Equal(1, _h.Jwks.Requests);
    }

    [Fact]
    public async Task Resolve_AfterMaxAge_Refetches()
    {
        await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        _h.Time.Advance(TimeSpan.FromMinutes(6));
        await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        Assert.Equal(2, _h.Jwks.Requests);
    }

    [Fact]
    public async Task Resolve_SendsUserAgentAndAcceptsJwkSetJson()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Json("""{"keys":[]}"""));
        // The real registration: named client, resilience pipeline and default headers, with the network swapped.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLtiLaunch(new ConfigurationBuilder().Build());
        services.AddHttpClient(LtiHttpClients.Platform).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        var resolver = provider.GetRequiredService<IPlatformKeyResolver>();

        await resolver.ResolveAsync(ProtocolHarness.JwksUri, "any", default);

        var request = Assert.Single(handler.Seen);
        Assert.Contains("LtiTool", request.Headers.UserAgent.ToString(), StringComparison.Ordinal);
        Assert.Contains("application/jwk-set+json", request.Headers.Accept.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_UnknownKid_RefreshesOnceThenIsRateLimited()
    {
        await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        _h.Time.Advance(TimeSpan.FromSeconds(11));
        var first = await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, "rotated", default);
        var second = await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, "rotated", default);
        Assert.Equal(LtiErrors.KeyNotFound, first.Error);
        Assert.Equal(LtiErrors.KeyNotFound, second.Error);
        Assert.Equal(2, _h.Jwks.Requests);
    }

    [Fact]
    public async Task Resolve_RotatedKeyPublished_IsFoundByRefreshOnUnknownKid()
    {
        await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        var next = DemoPlatform.PlatformSigningKey.FromPem(TestKeys.PlatformNextPem, "2026-11-23T00:00:00Z");
        _h.PublishedKeys.Add(next);
        _h.Time.Advance(TimeSpan.FromSeconds(11));
        var resolved = await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, next.Kid, default);
        Assert.NotNull(resolved.Key);
    }

    [Fact]
    public async Task Resolve_ConcurrentMisses_FetchOnce()
    {
        var gate = new TaskCompletionSource();
        var handler = new StubHttpHandler(_ =>
        {
            gate.Task.Wait(TimeSpan.FromSeconds(5));
            return StubHttpHandler.Json(System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { _h.PlatformKey.PublicJwk } }));
        });
        var cache = new LtiTool.Lti.Keys.PlatformJwksCache(new StubHttpClientFactory(handler), _h.Time,
            Microsoft.Extensions.Options.Options.Create(new LtiTool.Lti.Keys.PlatformJwksOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LtiTool.Lti.Keys.PlatformJwksCache>.Instance);
        var lookups = Enumerable.Range(0, 20).Select(_ => cache.ResolveAsync(ProtocolHarness.JwksUri, Kid, default).AsTask()).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(lookups);
        Assert.All(results, r => Assert.NotNull(r.Key));
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task Resolve_PlatformDownAfterExpiry_ServesLastGoodSet()
    {
        await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        _h.JwksAvailable = false;
        _h.Time.Advance(TimeSpan.FromHours(2));
        var resolved = await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        Assert.NotNull(resolved.Key);
        Assert.Equal(2, _h.Jwks.Requests);
        // While it is down, the next try waits for the retry interval instead of hammering the platform.
        await _h.KeyResolver.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        Assert.Equal(2, _h.Jwks.Requests);
    }

    [Fact]
    public async Task Resolve_NoCacheControl_UsesDefaultLifetime()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Json(System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { _h.PlatformKey.PublicJwk } })));
        var cache = new LtiTool.Lti.Keys.PlatformJwksCache(new StubHttpClientFactory(handler), _h.Time,
            Microsoft.Extensions.Options.Options.Create(new LtiTool.Lti.Keys.PlatformJwksOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LtiTool.Lti.Keys.PlatformJwksCache>.Instance);
        await cache.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        _h.Time.Advance(TimeSpan.FromMinutes(59));
        await cache.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        Assert.Equal(1, handler.Requests);
        _h.Time.Advance(TimeSpan.FromMinutes(2));
        await cache.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public async Task Resolve_GarbageDocument_IsJwksUnavailable()
    {
        var cache = new LtiTool.Lti.Keys.PlatformJwksCache(new StubHttpClientFactory(new StubHttpHandler(_ => StubHttpHandler.Json("<html>not json</html>"))), _h.Time,
            Microsoft.Extensions.Options.Options.Create(new LtiTool.Lti.Keys.PlatformJwksOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LtiTool.Lti.Keys.PlatformJwksCache>.Instance);
        var result = await cache.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        Assert.Equal(LtiErrors.JwksUnavailable, result.Error);
    }

    [Fact]
    public async Task Resolve_DocumentOverTheSizeLimit_IsRefusedUnread()
    {
        var huge = "{\"keys\":[" + string.Join(',', Enumerable.Repeat(System.Text.Json.JsonSerializer.Serialize(_h.PlatformKey.PublicJwk), 400)) + "]}";
        var cache = new LtiTool.Lti.Keys.PlatformJwksCache(new StubHttpClientFactory(new StubHttpHandler(_ => StubHttpHandler.Json(huge))), _h.Time,
            Microsoft.Extensions.Options.Options.Create(new LtiTool.Lti.Keys.PlatformJwksOptions { MaxDocumentBytes = 64 * 1024 }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LtiTool.Lti.Keys.PlatformJwksCache>.Instance);
        Assert.True(huge.Length > 64 * 1024);
        var result = await cache.ResolveAsync(ProtocolHarness.JwksUri, Kid, default);
        Assert.Equal(LtiErrors.JwksUnavailable, result.Error);
    }
}
