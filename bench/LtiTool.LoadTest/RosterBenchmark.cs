using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LtiTool.LoadTest;

/// <summary>
/// Roster sync of a large course against the demo platform's NRPS (50 members a page): launches as the demo
/// instructor through the real login, then times POST /api/contexts/{id}/roster/sync and reads the server's
/// resident memory before and after from /proc (VmRSS, and VmHWM for the peak).
/// </summary>
internal static partial class RosterBenchmark
{
    public static async Task<int> RunAsync(Uri toolBase, Process server, int members)
    {
        var (http, contextId) = await LaunchInstructorAsync(toolBase);
        using var _ = http;

        var (rssBefore, _) = Memory(server.Id);
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.PostAsync($"api/contexts/{contextId}/roster/sync", null);
        stopwatch.Stop();
        var body = await response.Content.ReadAsStringAsync();
        var (rssAfter, peak) = Memory(server.Id);
        Console.WriteLine($"roster sync of {members} generated students: HTTP {(int)response.StatusCode} {body}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"time {stopwatch.Elapsed.TotalSeconds:F2} s; server RSS {rssBefore / 1024} MB before, {rssAfter / 1024} MB after, peak {peak / 1024} MB"));
        return response.IsSuccessStatusCode ? 0 : 1;
    }

    /// <summary>The demo LMS's own launch: start page → login → authorize → launch; a client holding the session.</summary>
    public static async Task<(HttpClient Client, string ContextId)> LaunchInstructorAsync(Uri toolBase)
    {
        // Cookies by hand, as a browser on loopback would: HttpClient's container never sends Secure (__Host-) cookies over http.
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = toolBase, Timeout = TimeSpan.FromMinutes(5) };
        var (action, fields) = AutoPostForm(await http.GetStringAsync("demo/start/instructor"));
        using var login = await http.PostAsync(action, new FormUrlEncodedContent(fields));
        var binding = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("__Host-lti_bind_", StringComparison.Ordinal)).Split(';')[0];
        (action, fields) = AutoPostForm(await http.GetStringAsync(login.Headers.Location));
        using var launch = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        launch.Headers.Add("Cookie", binding);
        var page = await (await http.SendAsync(launch)).Content.ReadAsStringAsync();
        var token = TokenMeta().Match(page).Groups[1].Value;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var contextId = JsonDocument.Parse(await http.GetStringAsync("api/session")).RootElement.GetProperty("context").GetProperty("id").GetString()!;
        return (http, contextId);
    }

    private static (long RssKb, long PeakKb) Memory(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        long Read(string key) => long.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return (Read("VmRSS"), Read("VmHWM"));
    }

    private static (Uri Action, Dictionary<string, string> Fields) AutoPostForm(string html)
    {
        var action = FormAction().Match(html).Groups[1].Value;
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return (new Uri(WebUtility.HtmlDecode(action)), fields);
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<meta name=\"lti-session-token\" content=\"([^\"]+)\">")]
    private static partial Regex TokenMeta();
}
