using System.Net;
using System.Net.Sockets;
using LtiTool.Testing;
using LtiTool.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace LtiTool.Browser.Tests;

/// <summary>A [Fact] that runs only where the machine's Chromium is installed (CI installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium)) Skip = $"Chromium is not installed at {Chromium} (apt-get install chromium): browser tests skipped.";
    }
}

/// <summary>
/// The tool on a real port at http://localhost:P (its demo LMS inside), and a fake LMS page at
/// http://127.0.0.1:Q that frames it: two sites, so the browser treats the tool as a third party, as in Canvas.
/// </summary>
public sealed class BrowserWorld : IAsyncDisposable
{
    private readonly ToolFactory _tool;
    private readonly WebApplication _lms;

    private BrowserWorld(ToolFactory tool, WebApplication lms, Uri toolBase, Uri lmsBase)
    {
        _tool = tool;
        _lms = lms;
        ToolBase = toolBase;
        LmsBase = lmsBase;
    }

    public Uri ToolBase { get; }
    public Uri LmsBase { get; }
    public IServiceProvider ToolServices => _tool.Services;

    /// <summary>Starts the tool and the fake LMS.</summary>
    /// <param name="platformStorage">
    /// Whether the LMS offers platform storage the way Canvas does: the demo LMS sends lti_storage_target, and the
    /// LMS page holds the forwarding frame and answers lti.put_data / lti.get_data / lti.capabilities.
    /// </param>
    /// <param name="storageTarget">Whether the login names the frame (false: the tool must ask lti.capabilities).</param>
    /// <param name="forwardingFrame">Whether the page holds the forwarding frame (false: only the page's own handler answers, as Canvas's non-compliant fallback).</param>
    public static async Task<BrowserWorld> StartAsync(bool platformStorage = true, bool storageTarget = true, bool forwardingFrame = true)
    {
        var toolPort = FreePort();
        var lmsPort = FreePort();
        var toolBase = new Uri($"http://localhost:{toolPort}/");
        var lmsBase = new Uri($"http://127.0.0.1:{lmsPort}/");

        var lmsBuilder = WebApplication.CreateSlimBuilder();
        lmsBuilder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, lmsPort));
        lmsBuilder.Logging.ClearProviders();
        var lms = lmsBuilder.Build();
        // The LMS's course page: the tool in an iframe, started by the demo LMS's launch button.
        // With platform storage, the page also loads the platform's handler and its forwarding frame, as Canvas's
        // page does (both served by the demo LMS, on the platform's origin).
        var storage = platformStorage
            ? $"""<script src="{toolBase}demo/lms-platform-storage.js"></script>"""
              + (forwardingFrame ? $"""<iframe name="post_message_forwarding" src="{toolBase}demo/post_message_forwarding" hidden></iframe>""" : "")
            : "";
        lms.MapGet("/course/{**kind}", (string kind) => Results.Content($"""
            <!doctype html><html><head><title>Fake LMS</title></head><body>
            <h1>Course DEMO101</h1>
            <script>window.received = []; window.addEventListener("message", (e) => window.received.push(e.data));</script>
            {storage}
            <iframe id="tool" name="tool" src="{toolBase}demo/start/{kind}" style="width:1000px;height:900px"
                    allow="storage-access-by-user-activation"></iframe>
            </body></html>
            """, "text/html"));
        await lms.StartAsync();

        var world = new BrowserWorld(new ToolFactory(toolBase, lmsBase, platformStorage && storageTarget), lms, toolBase, lmsBase);
        world._tool.UseKestrel(toolPort);
        world._tool.StartServer();
        return world;
    }

    /// <summary>A repository folder for screenshots (artifacts/ is ignored by git).</summary>
    public static string ArtifactPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LtiTool.slnx"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "browser");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _tool.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    /// <summary>Chromium as installed: default profile (third-party cookies blocked, partitioned ones kept).</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = ChromiumFactAttribute.Chromium, Headless = true, Args = ChromiumArgs,
    });

    /// <summary>A persistent profile whose settings allow third-party cookies (the permissive world).</summary>
    public static async Task<IBrowserContext> LaunchAllowingThirdPartyCookiesAsync(IPlaywright playwright)
    {
        return await LaunchWithPreferencesAsync(playwright, """{"profile":{"cookie_controls_mode":0}}""");
    }

    /// <summary>
    /// A persistent profile whose content settings block the tool's cookies — partitioned ones too, which the
    /// default profile keeps. <paramref name="insideTheLmsOnly"/>: only where the LMS page embeds it (as Safari does
    /// with third-party cookies; the tool's own window keeps its cookies); otherwise everywhere.
    /// </summary>
    public async Task<IBrowserContext> LaunchBlockingToolCookiesAsync(IPlaywright playwright, bool insideTheLmsOnly)
    {
        var tool = ToolBase.GetLeftPart(UriPartial.Authority);
        var pattern = insideTheLmsOnly ? $"{tool},{LmsBase.GetLeftPart(UriPartial.Authority)}" : $"{tool},*";
        var preferences = new System.Text.Json.Nodes.JsonObject
        {
            ["profile"] = new System.Text.Json.Nodes.JsonObject
            {
                ["content_settings"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["exceptions"] = new System.Text.Json.Nodes.JsonObject
                    {
                        ["cookies"] = new System.Text.Json.Nodes.JsonObject { [pattern] = new System.Text.Json.Nodes.JsonObject { ["setting"] = 2 } },
                    },
                },
            },
        };
        return await LaunchWithPreferencesAsync(playwright, preferences.ToJsonString());
    }

    /// <summary>The page a persistent context opened with, or a new one.</summary>
    public static async Task<IPage> FirstPageAsync(IBrowserContext context) =>
        context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();

    /// <summary>A persistent profile whose Preferences file holds these settings (Playwright's own contexts take none).</summary>
    private static async Task<IBrowserContext> LaunchWithPreferencesAsync(IPlaywright playwright, string preferences)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        Directory.CreateDirectory(Path.Combine(profile, "Default"));
        await File.WriteAllTextAsync(Path.Combine(profile, "Default", "Preferences"), preferences);
        return await playwright.Chromium.LaunchPersistentContextAsync(profile, new()
        {
            ExecutablePath = ChromiumFactAttribute.Chromium, Headless = true, Args = ChromiumArgs,
        });
    }

    private static readonly string[] ChromiumArgs =
        ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _tool.DisposeAsync();
        await _lms.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private sealed class ToolFactory(Uri toolBase, Uri lmsBase, bool storageTarget) : WebApplicationFactory<Program>
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("ltitool-browser-tool-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            var keyFile = Path.Combine(_folder, "tool.pem");
            File.WriteAllText(keyFile, TestKeys.ToolPem);
            builder.UseEnvironment("Testing");
            builder.UseSetting("Lti:PublicBaseUrl", toolBase.AbsoluteUri);
            builder.UseSetting("Lti:DataPath", _folder);
            builder.UseSetting("Lti:Keys:Path", keyFile);
            builder.UseSetting("Lti:FrameAncestors:0", lmsBase.GetLeftPart(UriPartial.Authority));
            builder.UseSetting("ConnectionStrings:LtiTool", $"Data Source={Path.Combine(_folder, "ltitool.db")}");
            builder.UseSetting("DemoPlatform:Enabled", "true");
            builder.UseSetting("DemoPlatform:PlatformStorage", storageTarget ? "true" : "false");
            builder.UseSetting("Admin:Bootstrap:Credential", "browser-tests-bootstrap-credential-0123");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }
}
