using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Tests.Infrastructure;

public sealed class ConfigurationTests
{
    private static Dictionary<string, string?> Platform(int index, string issuer, string clientId, string jwks = "https://canvas.example.edu/api/lti/security/jwks") => new()
    {
        [$"Lti:Platforms:{index}:Name"] = "Example University",
        [$"Lti:Platforms:{index}:Issuer"] = issuer,
        [$"Lti:Platforms:{index}:ClientId"] = clientId,
        [$"Lti:Platforms:{index}:AuthorizationEndpoint"] = "https://sso.canvaslms.com/api/lti/authorize_redirect",
        [$"Lti:Platforms:{index}:JwksUri"] = jwks,
        [$"Lti:Platforms:{index}:TokenEndpoint"] = "https://sso.canvaslms.com/login/oauth2/token",
        [$"Lti:Platforms:{index}:DeploymentIds:0"] = "5:0123456789abcdef0123456789abcdef01234567",
        [$"Lti:Platforms:{index}:DeploymentIds:1"] = "6:0123456789abcdef0123456789abcdef01234567",
    };

    [Fact]
    public async Task Platforms_FromConfiguration_AreRegisteredWithTheirDeployments()
    {
        var settings = Platform(0, "https://canvas.instructure.com", "10000000000002");
        foreach (var (k, v) in Platform(1, "https://canvas.instructure.com", "10000000000003")) settings[k] = v;
        using var app = new LtiToolApp(settings);
        _ = app.Server;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        var rows = await db.Platforms.Include(p => p.Deployments).Where(p => p.Source == "configuration").OrderBy(p => p.ClientId).ToListAsync();
        Assert.Equal(["10000000000002", "10000000000003"], rows.Select(r => r.ClientId));
        Assert.Equal(2, rows[0].Deployments.Count);

        // And a login for it redirects to hosted Canvas's auth endpoint.
        var response = await app.CreateClient().PostAsync("/lti/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["iss"] = "https://canvas.instructure.com", ["client_id"] = "10000000000003", ["login_hint"] = "x",
            ["target_link_uri"] = "https://localhost/lti/launch", ["lti_message_hint"] = "h",
        }));
        Assert.StartsWith("https://sso.canvaslms.com/api/lti/authorize_redirect?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lti:Platforms:0:JwksUri", "http://canvas.example.edu/jwks", "Lti:Platforms:0:JwksUri must use https")]
    [InlineData("Lti:Platforms:0:JwksUri", "not a url", "Lti:Platforms:0:JwksUri must be an absolute http(s) URL")]
    [InlineData("Lti:Platforms:0:Issuer", "", "Lti:Platforms:0:Issuer is required")]
    [InlineData("Lti:Platforms:0:DeploymentIds:0", "", "Lti:Platforms:0:DeploymentIds:0 is empty")]
    [InlineData("Lti:PublicBaseUrl", "ftp://x", "Lti:PublicBaseUrl must be an absolute https URL")]
    public void Startup_InvalidConfiguration_FailsNamingTheKey(string key, string value, string message)
    {
        var settings = Platform(0, "https://canvas.instructure.com", "10000000000002");
        settings[key] = value;
        using var app = new LtiToolApp(settings);

        var e = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_DuplicatePlatform_FailsNamingBothEntries()
    {
        var settings = Platform(0, "https://canvas.instructure.com", "10000000000002");
        foreach (var (k, v) in Platform(1, "https://canvas.instructure.com", "10000000000002")) settings[k] = v;
        using var app = new LtiToolApp(settings);
        var e = Assert.Throws<OptionsValidationException>(() => app.Server);
        Assert.Contains("Lti:Platforms:0,1", e.Message, StringComparison.Ordinal);
    }
}
