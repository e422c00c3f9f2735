using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Testing;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin;

/// <summary>
/// Two schools on one tool. School A is the demo LMS. School B is a second registration, added by the bootstrap
/// administrator, whose launches the demo LMS signs with B's issuer: it keeps the demo's client id, endpoints and
/// keys (a registration is told apart by issuer and client id together), so B's people, courses and grades are
/// made by the same login, launch, roster and gradebook code as A's.
/// </summary>
internal sealed class TwoSchools
{
    public const string IssuerB = "https://school-b.example.edu";

    private TwoSchools(LtiToolApp app, string platformA, string platformB, HttpClient toolWide, HttpClient toolWideBrowser) =>
        (App, PlatformA, PlatformB, ToolWide, ToolWideBrowser) = (app, platformA, platformB, toolWide, toolWideBrowser);

    public LtiToolApp App { get; }
    public string PlatformA { get; }
    public string PlatformB { get; }

    /// <summary>The bootstrap administrator with the bearer header (for the APIs' writes).</summary>
    public HttpClient ToolWide { get; }

    /// <summary>The bootstrap administrator's browser (the session cookie: pages and reads).</summary>
    public HttpClient ToolWideBrowser { get; }

    public static async Task<TwoSchools> CreateAsync(LtiToolApp app)
    {
        var (browser, token) = await BootstrapTests.BootstrapAdminAsync(app);
        var bearer = Bearer(app, token);
        var demo = app.Platform.Options;
        var demoBase = new Uri(LtiToolApp.BaseUrl, demo.PathBase.Trim('/') + "/");
        var created = await bearer.PostAsJsonAsync("/api/admin/platforms", new
        {
            name = "School B", issuer = IssuerB, clientId = demo.ClientId, authorizationEndpoint = new Uri(demoBase, "authorize").AbsoluteUri,
            jwksUri = new Uri(demoBase, "jwks").AbsoluteUri, tokenEndpoint = new Uri(demoBase, "token").AbsoluteUri, deploymentIds = new[] { demo.DeploymentId },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var platformB = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await using var scope = app.Services.CreateAsyncScope();
        var platformA = await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().Platforms
            .Where(p => p.Source == PlatformSources.Demo).Select(p => p.Id).SingleAsync();
        return new TwoSchools(app, platformA, platformB, bearer, browser);
    }

    public static HttpClient Bearer(LtiToolApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<LaunchOutcome> LaunchAAsync(LaunchKind kind, LaunchDriver? driver = null, Action<LaunchTokenBuilder>? customize = null) =>
        App.LaunchAsync(kind, customize, driver);

    /// <summary>A launch from school B: the demo's login initiation and id_token, with B's issuer.</summary>
    public Task<LaunchOutcome> LaunchBAsync(LaunchKind kind, LaunchDriver? driver = null, Action<LaunchTokenBuilder>? customize = null)
    {
        var login = App.Platform.PrepareLaunch(new LaunchScenario(kind, b =>
        {
            b.Set(LtiClaimTypes.Issuer, IssuerB);
            customize?.Invoke(b);
        }), LtiToolApp.BaseUrl);
        var fields = new Dictionary<string, string>(login.Fields) { ["iss"] = IssuerB };
        return (driver ?? App.Driver()).LaunchAsync(login with { Fields = fields });
    }

    /// <summary>School A's account administrator: a browser with the session cookie and a client with the bearer header.</summary>
    public Task<(HttpClient Browser, HttpClient Bearer)> AdminOfAAsync() => AdminAsync(LaunchAAsync);

    public Task<(HttpClient Browser, HttpClient Bearer)> AdminOfBAsync() => AdminAsync(LaunchBAsync);

    private async Task<(HttpClient Browser, HttpClient Bearer)> AdminAsync(Func<LaunchKind, LaunchDriver?, Action<LaunchTokenBuilder>?, Task<LaunchOutcome>> launch)
    {
        var driver = App.Driver();
        var outcome = await launch(LaunchKind.AdministratorAccountNavigation, driver, null);
        Assert.Equal(System.Net.HttpStatusCode.OK, outcome.Status);
        return (driver.Client, Bearer(App, outcome.SessionToken!));
    }
}
