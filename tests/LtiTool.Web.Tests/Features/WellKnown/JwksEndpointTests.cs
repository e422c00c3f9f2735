using System.Text.Json;
using LtiTool.Lti.Keys;
using LtiTool.Testing;

namespace LtiTool.Web.Tests.Features.WellKnown;

public sealed class JwksEndpointTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Jwks_PublishesTheConfiguredPublicKeyCacheably()
    {
        var response = await _app.CreateClient().GetAsync("/.well-known/jwks.json");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.NotNull(response.Headers.CacheControl.MaxAge);
        var key = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(ToolKey.FromPem(TestKeys.ToolPem, default).Kid, key.GetProperty("kid").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }
}
