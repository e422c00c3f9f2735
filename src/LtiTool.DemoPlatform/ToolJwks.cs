using Microsoft.IdentityModel.Tokens;

namespace LtiTool.DemoPlatform;

/// <summary>
/// Reads the tool's published JWKS the way Canvas reads a developer key's public JWK URL: fresh for each check,
/// through the demo's named HttpClient (which tests route back into the app).
/// </summary>
internal static class ToolJwks
{
    /// <summary>The keys, or null when the URL cannot be read or is not a key set.</summary>
    public static async Task<IList<JsonWebKey>?> FetchAsync(IHttpClientFactory httpClients, Uri jwks)
    {
        try
        {
            var json = await httpClients.CreateClient(DemoTokenEndpoint.HttpClientName).GetStringAsync(jwks);
            return new JsonWebKeySet(json).Keys;
        }
        catch (Exception e) when (e is HttpRequestException or ArgumentException or System.Text.Json.JsonException or TaskCanceledException)
        {
            return null;
        }
    }
}
