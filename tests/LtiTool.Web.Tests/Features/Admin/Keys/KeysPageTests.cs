using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Keys;
using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin.Keys;

/// <summary>
/// /admin/keys and its JSON endpoints: manage_platforms only, writes with the bearer header and tool-wide only
/// (every platform trusts these keys), every action audited.
/// </summary>
public sealed class KeysPageTests : IDisposable
{
    private readonly LtiToolApp _app = new(LtiToolApp.ManagedKeys());

    public void Dispose() => _app.Dispose();

    private async Task<(LtiTool.Testing.LaunchDriver Driver, HttpClient Bearer)> LaunchAsync(LaunchKind kind)
    {
        var driver = _app.Driver();
        var launch = await _app.LaunchAsync(kind, driver: driver);
        var bearer = _app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", launch.SessionToken);
        return (driver, bearer);
    }

    /// <summary>The bootstrap administrator (tool-wide) with the bearer header its page's script sends.</summary>
    private static async Task<HttpClient> ToolWideAsync(LtiToolApp app)
    {
        var (_, token) = await BootstrapTests.BootstrapAdminAsync(app);
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return bearer;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private string SigningKid => _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

    [Fact]
    public async Task Page_ToolWideAdministrator_SeesTheKeysAndTheActions()
    {
        var (admin, _) = await BootstrapTests.BootstrapAdminAsync(_app);

        var response = await admin.GetAsync("/admin/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var row = Assert.Single(page.QuerySelectorAll("table.tool-keys tbody tr"));
        Assert.Equal(SigningKid, row.GetAttribute("data-kid"));
        Assert.Equal("Current", row.QuerySelector(".state")!.TextContent);
        Assert.NotNull(page.QuerySelector("#publish-next"));
        Assert.NotNull(page.QuerySelector("#rotate"));
        Assert.Equal("Acting for: Tool-wide", page.QuerySelector("#admin-scope")!.TextContent.Trim());
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("meta[name=lti-session-token]")?.GetAttribute("content")));
        Assert.DoesNotContain("PRIVATE", page.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_PlatformAdministrator_SeesTheKeysButNoActions()
    {
        var admin = _app.Driver();
        var launch = await _app.LaunchAsync(LaunchKind.AdministratorAccountNavigation, driver: admin);
        Assert.Equal("/admin/keys", launch.Page.QuerySelector("#keys-link")?.GetAttribute("href"));

        var response = await admin.Client.GetAsync("/admin/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(SigningKid, Assert.Single(page.QuerySelectorAll("table.tool-keys tbody tr")).GetAttribute("data-kid"));
        Assert.Null(page.QuerySelector("#publish-next"));
        Assert.Null(page.QuerySelector("#rotate"));
        Assert.Empty(page.QuerySelectorAll("button.retire"));
        Assert.NotNull(page.QuerySelector(".tool-wide-only"));
        Assert.Equal($"Acting for: Platform: {_app.Platform.Options.Issuer} / {_app.Platform.Options.ClientId}", page.QuerySelector("#admin-scope")!.TextContent.Trim());
    }

    [Fact]
    public async Task PageAndEndpoints_Teacher_Get403()
    {
        var (teacher, bearer) = await LaunchAsync(LaunchKind.InstructorCourseNavigation);

        var page = await teacher.Client.GetAsync("/admin/keys");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("manage_platforms", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var path in new[] { "/api/admin/keys/next", "/api/admin/keys/rotate", $"/api/admin/keys/{SigningKid}/retire" })
        {
            var response = await bearer.PostAsync(path, null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("forbidden", (await JsonAsync(response)).GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.GetAsync("/api/admin/keys")).StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().ToolKeys.CountAsync());
    }

    [Fact]
    public async Task Endpoints_PlatformAdministrator_ListsTheKeysButChangesAre403ToolWideOnly()
    {
        var (_, admin) = await LaunchAsync(LaunchKind.AdministratorAccountNavigation);

        var list = await admin.GetAsync("/api/admin/keys");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(SigningKid, (await JsonAsync(list)).GetProperty("keys")[0].GetProperty("kid").GetString());
        foreach (var path in new[] { "/api/admin/keys/next", "/api/admin/keys/rotate", $"/api/admin/keys/{SigningKid}/retire" })
        {
            var response = await admin.PostAsync(path, null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("tool_wide_only", (await JsonAsync(response)).GetProperty("code").GetString());
        }
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        Assert.Equal(1, await db.ToolKeys.CountAsync());
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action.StartsWith("key.") && a.Action != "key.create"));
        Assert.Equal(SigningKid, _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid);
    }

    [Fact]
    public async Task Endpoints_WithTheCookieOnly_AreUnauthorized()
    {
        var (admin, _) = await LaunchAsync(LaunchKind.AdministratorAccountNavigation);

        var response = await admin.Client.PostAsync("/api/admin/keys/rotate", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Endpoints_ToolWideAdministrator_PublishRotateAndRetire_AuditedAsTheAdministrator()
    {
        var admin = await ToolWideAsync(_app);
        var first = SigningKid;

        var published = await admin.PostAsync("/api/admin/keys/next", null);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var next = (await JsonAsync(published)).GetProperty("kid").GetString()!;
        Assert.Equal("Next", (await JsonAsync(published)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/keys/next", null)).StatusCode);

        _app.Time.Advance(TimeSpan.FromMinutes(10));
        var rotated = await JsonAsync(await admin.PostAsync("/api/admin/keys/rotate", null));
        Assert.Equal(next, rotated.GetProperty("current").GetProperty("kid").GetString());
        Assert.Equal(first, rotated.GetProperty("retired").GetProperty("kid").GetString());
        Assert.Equal(JsonValueKind.Null, rotated.GetProperty("warning").ValueKind);
        Assert.Equal(next, SigningKid);

        var again = await JsonAsync(await admin.PostAsync("/api/admin/keys/next", null));
        var retired = await admin.PostAsync($"/api/admin/keys/{again.GetProperty("kid").GetString()}/retire", null);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal("Retired", (await JsonAsync(retired)).GetProperty("state").GetString());
        var refused = await admin.PostAsync($"/api/admin/keys/{next}/retire", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("tool_key_is_current", (await JsonAsync(refused)).GetProperty("code").GetString());

        var list = await JsonAsync(await admin.GetAsync("/api/admin/keys"));
        Assert.Equal(3, list.GetProperty("keys").GetArrayLength());
        Assert.DoesNotContain("protected", list.ToString(), StringComparison.OrdinalIgnoreCase);
        await using var scope = _app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().AuditLog
            .Where(a => a.Action.StartsWith("key.") && a.Action != "key.create").OrderBy(a => a.At).ToListAsync();
        Assert.Equal(["key.publish", "key.rotate", "key.publish", "key.retire"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.True(a.AdminRights && a.ActorName == "bootstrap" && a.ActorPlatformId is null));
    }

    [Fact]
    public async Task Endpoints_FileManagedKeys_AreRefusedWith409()
    {
        using var app = new LtiToolApp();
        var admin = await ToolWideAsync(app);

        var response = await admin.PostAsync("/api/admin/keys/rotate", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("tool_keys_file_managed", problem.GetProperty("code").GetString());
        Assert.Contains("Lti:Keys:Path", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True((await JsonAsync(await admin.GetAsync("/api/admin/keys"))).GetProperty("fileManaged").GetBoolean());
    }
}
