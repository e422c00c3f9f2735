// Load test: real login + launch pairs against a real LtiTool server process.
// This program is the platform: it serves a JWKS, starts the tool configured to trust it, then for every
// launch posts the OIDC login, reads state and nonce from the redirect, signs an id_token carrying that
// nonce, and posts it to /lti/launch with the binding cookie. It reports launches/s, latency percentiles and
// the server's CPU time per launch (from /proc, so Linux only).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using LtiTool.DemoPlatform;
using LtiTool.LoadTest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

var options = LoadOptions.Parse(args);
const string issuer = "https://load-platform.invalid";
const string clientId = "20000000000001";
const string deploymentId = "1:load";

// The platform's key: ES256 signs in tens of microseconds, so the client stays out of the server's way on
// a shared 2-core machine; RS256 is what Canvas uses and what the validator benchmark measures.
using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
using var rsa = RSA.Create(2048);
SigningCredentials credentials;
object jwk;
if (options.Algorithm == "ES256")
{
    var p = ec.ExportParameters(false);
    credentials = new SigningCredentials(new ECDsaSecurityKey(ec) { KeyId = "load-ec" }, SecurityAlgorithms.EcdsaSha256);
    jwk = new { kty = "EC", crv = "P-256", kid = "load-ec", use = "sig", alg = "ES256", x = Base64UrlEncoder.Encode(p.Q.X!), y = Base64UrlEncoder.Encode(p.Q.Y!) };
}
else
{
    var p = rsa.ExportParameters(false);
    credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "load-rsa" }, SecurityAlgorithms.RsaSha256);
    jwk = new { kty = "RSA", kid = "load-rsa", use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(p.Modulus!), e = Base64UrlEncoder.Encode(p.Exponent!) };
}

var platformBuilder = WebApplication.CreateSlimBuilder();
platformBuilder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
platformBuilder.Logging.ClearProviders();
await using var platform = platformBuilder.Build();
platform.MapGet("/jwks", () => Results.Json(new { keys = new[] { jwk } }));
await platform.StartAsync();
var platformBase = platform.Urls.First();

var port = FreePort();
var toolBase = new Uri($"http://127.0.0.1:{port}/");
var dataFolder = Directory.CreateTempSubdirectory("ltitool-load-").FullName;
using var server = StartServer(options.ServerDll, toolBase, dataFolder, platformBase, options);
Console.WriteLine($"server pid {server.Id} at {toolBase}, platform at {platformBase}, {options.Algorithm}, concurrency {options.Concurrency}");

using var http = new HttpClient(new SocketsHttpHandler
{
    UseCookies = false,
    AllowAutoRedirect = false,
    MaxConnectionsPerServer = options.Concurrency,
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
}) { BaseAddress = toolBase, Timeout = TimeSpan.FromSeconds(30) };
await WaitForServerAsync(http, server);
if (options.DemoStudents is not null)
{
    var rosterResult = options.Grades is { } grades
        ? await GradeBenchmark.RunAsync(toolBase, grades)
        : await RosterBenchmark.RunAsync(toolBase, server, options.RosterMembers!.Value);
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
    Directory.Delete(dataFolder, recursive: true);
    return rosterResult;
}

var template = new LaunchTokenBuilder(PlatformSigningKey.Generate("unused"), issuer, clientId, deploymentId, DateTimeOffset.UnixEpoch, "__NONCE__")
    .ForUser(DemoData.Student)
    .InCourse(DemoData.Course, "Load LMS", "https://load-platform.invalid/courses/1")
    .ResourceLink(DemoData.Course.AssignmentResourceLinkId, DemoData.Course.AssignmentTitle, new Uri(toolBase, "lti/launch").AbsoluteUri, null)
    .WithServices("https://load-platform.invalid/api/lti/courses/1/line_items", "https://load-platform.invalid/api/lti/courses/1/line_items/1",
        "https://load-platform.invalid/api/lti/courses/1/names_and_roles")
    .Claims.ToJsonString();
var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };

var launcher = new Launcher(http, toolBase, template, handler, credentials, issuer, clientId, deploymentId);
await RunAsync(launcher, options.Warmup, options.Concurrency, null);

var before = ServerCpu(server.Id);
var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
var latencies = new long[options.Launches];
var stopwatch = Stopwatch.StartNew();
var failures = await RunAsync(launcher, options.Launches, options.Concurrency, latencies);
stopwatch.Stop();
var serverCpu = ServerCpu(server.Id) - before;
var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientBefore;

Array.Sort(latencies);
double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
var ok = options.Launches - failures;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"launches: {ok} ok, {failures} failed in {stopwatch.Elapsed.TotalSeconds:F2} s = {ok / stopwatch.Elapsed.TotalSeconds:F0} launches/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency (login + launch): p50 {Ms(latencies[latencies.Length / 2]):F2} ms, p99 {Ms(latencies[(int)(latencies.Length * 0.99)]):F2} ms, max {Ms(latencies[^1]):F2} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"server CPU: {serverCpu.TotalMilliseconds / ok:F3} ms per launch (login + launch); client CPU: {clientCpu.TotalMilliseconds / ok:F3} ms per launch"));

server.Kill(entireProcessTree: true);
await server.WaitForExitAsync();
await platform.StopAsync();
Directory.Delete(dataFolder, recursive: true);
return failures == 0 ? 0 : 1;

static async Task<int> RunAsync(Launcher launcher, int count, int concurrency, long[]? latencies)
{
    var next = -1;
    var failures = 0;
    var workers = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var started = Stopwatch.GetTimestamp();
            if (!await launcher.LaunchAsync()) Interlocked.Increment(ref failures);
            if (latencies is not null) latencies[i] = Stopwatch.GetTimestamp() - started;
        }
    });
    await Task.WhenAll(workers);
    return failures;
}

static TimeSpan ServerCpu(int pid)
{
    // /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (USER_HZ, 100 on Linux).
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    return TimeSpan.FromMilliseconds(ticks * 10);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static Process StartServer(string dll, Uri toolBase, string dataFolder, string platformBase, LoadOptions options)
{
    var info = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
    var env = info.Environment;
    env["ASPNETCORE_URLS"] = toolBase.GetLeftPart(UriPartial.Authority);
    env["ASPNETCORE_ENVIRONMENT"] = "Production";
    env["DOTNET_gcServer"] = options.ServerGc ? "1" : "0";
    env["Logging__LogLevel__Default"] = "Warning";
    env["Lti__PublicBaseUrl"] = toolBase.AbsoluteUri;
    env["Lti__DataPath"] = dataFolder;
    env["DemoPlatform__Enabled"] = options.DemoStudents is null ? "false" : "true";
    if (options.DemoStudents is { } members) env["DemoPlatform__GeneratedStudents"] = members.ToString(CultureInfo.InvariantCulture);
    env["Lti__Platforms__0__Name"] = "Load platform";
    env["Lti__Platforms__0__Issuer"] = "https://load-platform.invalid";
    env["Lti__Platforms__0__ClientId"] = "20000000000001";
    env["Lti__Platforms__0__AuthorizationEndpoint"] = platformBase + "/authorize";
    env["Lti__Platforms__0__JwksUri"] = platformBase + "/jwks";
    env["Lti__Platforms__0__DeploymentIds__0"] = "1:load";
    if (options.Postgres is { } postgres)
    {
        env["Data__Provider"] = "Postgres";
        env["ConnectionStrings__LtiTool"] = postgres;
    }
    foreach (var pair in options.Environment)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        env[pair[..eq]] = pair[(eq + 1)..];
    }
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitForServerAsync(HttpClient http, Process server)
{
    for (var i = 0; i < 300; i++)
    {
        if (server.HasExited) throw new InvalidOperationException("The server exited during start-up.");
        try
        {
            using var response = await http.GetAsync("/");
            if (response.IsSuccessStatusCode) return;
        }
        catch (HttpRequestException) { }
        await Task.Delay(100);
    }
    throw new TimeoutException("The server did not answer within 30 s.");
}
