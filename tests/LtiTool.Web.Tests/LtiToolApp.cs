using LtiTool.DemoPlatform;
using LtiTool.Lti.Keys;
using LtiTool.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LtiTool.Web.Tests;

/// <summary>
/// The whole tool over TestServer, with the demo LMS as its platform, fixed keys, a pinned clock and its own
/// SQLite database file (a temp file rather than :memory: so concurrent requests each get their own
/// connection, as in production). Outbound platform calls are routed back into the same server.
/// </summary>
public sealed class LtiToolApp : WebApplicationFactory<Program>
{
    public static readonly Uri BaseUrl = new("https://localhost/");
    public const string BootstrapCredential = "test-only-bootstrap-credential-0123456789";
    public const string SessionKey = "dGVzdC1vbmx5LXNlc3Npb24ta2V5LW5vdC1hLXNlY3JldC0wMTIzNDU2Nzg5";

    private readonly string _folder = Directory.CreateTempSubdirectory("ltitool-test-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>Settings that make the tool manage its keys in the database instead of reading the test PEM file.</summary>
    public static Dictionary<string, string?> ManagedKeys(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Lti:Keys:Path"] = "" };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <param name="settings">Settings that replace or add to the test defaults.</param>
    /// <param name="services">Changes to the services, applied after the test defaults.</param>
    public LtiToolApp(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        var keyFile = Path.Combine(_folder, "tool.pem");
        File.WriteAllText(keyFile, TestKeys.ToolPem);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _settings = new Dictionary<string, string?>
        {
            ["Lti:PublicBaseUrl"] = BaseUrl.AbsoluteUri,
            ["Lti:DataPath"] = _folder,
            ["Lti:Keys:Path"] = keyFile,
            ["Lti:Session:SigningKey"] = SessionKey,
            ["ConnectionStrings:LtiTool"] = $"Data Source={Path.Combine(_folder, "ltitool.db")}",
            ["DemoPlatform:Enabled"] = "true",
            // A known bootstrap credential: nothing is generated or printed in tests (BootstrapTests cover that).
            ["Admin:Bootstrap:Credential"] = BootstrapCredential,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        ClientOptions.BaseAddress = BaseUrl;
        ClientOptions.AllowAutoRedirect = false;
        ClientOptions.HandleCookies = true;
    }

    public FakeTimeProvider Time { get; } = TestClock.Create();

    /// <summary>The app's data folder (Lti:DataPath), a temp folder of its own unless a setting says otherwise.</summary>
    public string DataFolder => _settings["Lti:DataPath"]!;

    public DemoLms Platform => Services.GetRequiredService<DemoLms>();

    public static PlatformSigningKey PlatformKey { get; } = PlatformSigningKey.FromPem(TestKeys.PlatformPem, "2026-11-01T00:00:00Z");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddHttpClient(LtiHttpClients.Platform).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            services.AddHttpClient(LtiHttpClients.Services).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            services.AddHttpClient(DemoTokenEndpoint.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            _services?.Invoke(services);
        });
    }

    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<DemoLms>().UseKey(PlatformKey);
        return host;
    }

    public LaunchDriver Driver() => new(CreateClient());

    /// <summary>
    /// Runs grade outbox passes until no score is due or in flight (the app's own delivery loop may take some
    /// too); fails if the outbox never settles.
    /// </summary>
    public async Task DeliverScoresAsync()
    {
        var delivery = Services.GetRequiredService<LtiTool.Web.Features.Grades.ScoreDeliveryService>();
        for (var i = 0; i < 100; i++)
        {
            await delivery.DeliverDueAsync(CancellationToken.None);
            var now = Time.GetUtcNow().UtcDateTime;
            await using (var scope = Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<LtiTool.Web.Data.LtiToolDbContext>();
                if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.ScoreOutbox,
                        s => s.State == LtiTool.Web.Data.Entities.ScoreStates.Pending && (s.LeaseUntil != null || s.NextAttemptAt <= now)))
                    return;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("The grade outbox did not settle.");
    }

    /// <summary>A launch of the given kind through the demo LMS, optionally with one thing broken.</summary>
    public Task<LaunchOutcome> LaunchAsync(LaunchKind kind, Action<LaunchTokenBuilder>? customize = null, LaunchDriver? driver = null) =>
        (driver ?? Driver()).LaunchAsync(Platform.PrepareLaunch(new LaunchScenario(kind, customize), BaseUrl));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }
}
