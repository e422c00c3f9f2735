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

/// <summary>/admin/keys and its JSON endpoints: manage_platforms only, writes with the bearer header, every action audited.</summary>
public sealed class KeysPageTests : IDisposable
{
    private readonly LtiToolApp _app = new(LtiToolApp.ManagedKeys());

    public void Dispose() => _app.Dispose();

    private async Task<(LtiTool.Testing.LaunchDriver Driver, HttpClient Bearer)> LaunchAsync(LaunchKind kind, LtiToolApp? app = null)
    {
        app ??= _app;
        var driver = app.Driver();
        var launch = await app.LaunchAsync(kind, driver: driver);
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", launch.SessionToken);
        return (driver, bearer);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private string SigningKid => _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

    [Fact]
    public async Task Page_Administrator_SeesTheKeysAndTheActions()
    {
        var admin = _app.Driver();
        var launch = await _app.LaunchAsync(LaunchKind.AdministratorAccountNavigation, driver: admin);
        Assert.Equal("/admin/keys", launch.Page.QuerySelector("#keys-link")?.GetAttribute("href"));

        var response = await admin.Client.GetAsync("/admin/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var row = Assert.Single(page.QuerySelectorAll("table.tool-keys tbody tr"));
        Assert.Equal(SigningKid, row.GetAttribute("data-kid"));
        Assert.Equal("Current", row.QuerySelector(".state")!.TextContent);
        Assert.NotNull(page.QuerySelector("#publish-next"));
        Assert.NotNull(page.QuerySelector("#rotate"));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("meta[name=lti-session-token]")?.GetAttribute("content")));
        Assert.DoesNotContain("PRIVATE", page.Body!.InnerHtml, StringComparison.Ordinal);
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
    public async Task Endpoints_WithTheCookieOnly_AreUnauthorized()
    {
        var (admin, _) = await LaunchAsync(LaunchKind.AdministratorAccountNavigation);

        var response = await admin.Client.PostAsync("/api/admin/keys/rotate", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Endpoints_Administrator_PublishRotateAndRetire_AuditedAsTheAdministrator()
    {
        var (_, admin) = await LaunchAsync(LaunchKind.AdministratorAccountNavigation);
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
        Assert.All(audit, a => Assert.True(a.AdminRights && a.ActorUserId is not null && a.ActorName != "anonymous"));
    }

    [Fact]
    public async Task Endpoints_FileManagedKeys_AreRefusedWith409()
    {
        using var app = new LtiToolApp();
        var (_, admin) = await LaunchAsync(LaunchKind.AdministratorAccountNavigation, app);

        var response = await admin.PostAsync("/api/admin/keys/rotate", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("tool_keys_file_managed", problem.GetProperty("code").GetString());
        Assert.Contains("Lti:Keys:Path", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True((await JsonAsync(await admin.GetAsync("/api/admin/keys"))).GetProperty("fileManaged").GetBoolean());
    }
}
