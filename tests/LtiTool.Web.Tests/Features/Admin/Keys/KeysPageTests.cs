using System.Net.Http.Json;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Keys;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
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

    /// <summary>The bootstrap administrator's browser (session cookie, antiforgery) and the token its page's script sends.</summary>
    private async Task<(LtiTool.Testing.LaunchDriver Browser, (string SessionToken, int _) Launch)> ToolWideBrowserAsync()
    {
        var (browser, token) = await BootstrapTests.BootstrapAdminAsync(_app);
        return (new LtiTool.Testing.LaunchDriver(browser), (token, 0));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private string SigningKid => _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

    /// <summary>
    /// Fills in the revoke form of <paramref name="kid"/>'s row and posts it as the page's script does: the form's own
    /// fields (antiforgery token included) with the session token as bearer header. <paramref name="typed"/> null
    /// leaves the confirmation field out.
    /// </summary>
    private static async Task<(HttpResponseMessage Response, IDocument Page)> RevokeOnThePageAsync(
        LtiTool.Testing.LaunchDriver browser, string? token, string kid, string? typed)
    {
        var page = new HtmlParser().ParseDocument(await browser.Client.GetStringAsync("/admin/keys"));
        var form = page.QuerySelector($"tr[data-kid='{kid}'] form.revoke-form")!;
        var fields = form.QuerySelectorAll("input[name]")
            .Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.GetAttribute("name") == "ConfirmKid" ? typed : i.GetAttribute("value") ?? ""))
            .Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!)).ToList();
        Assert.Contains(fields, f => f.Key == "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await browser.Client.SendAsync(request);
        return (response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private async Task<string[]> JwksKidsAsync()
    {
        var json = JsonDocument.Parse(await _app.CreateClient().GetStringAsync("/.well-known/jwks.json")).RootElement;
        return json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }

    private async Task<string> KeysSnapshotAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        var rows = await db.ToolKeys.AsNoTracking().OrderBy(k => k.Kid).Select(k => k.Kid + ":" + k.State + ":" + k.ProtectedPrivateKey.Length).ToListAsync();
        return string.Join(' ', rows) + " | " + string.Join(' ', await JwksKidsAsync()) + " | " + SigningKid
            + " | " + await db.AuditLog.CountAsync(a => a.Action == "key.revoke");
    }

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
        Assert.NotNull(row.QuerySelector("details.revoke:not([open]) form.revoke-form input[name=ConfirmKid]"));
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
        Assert.Empty(page.QuerySelectorAll("form.revoke-form"));
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
        foreach (var path in new[] { "/api/admin/keys/next", "/api/admin/keys/rotate", $"/api/admin/keys/{SigningKid}/retire", $"/api/admin/keys/{SigningKid}/revoke" })
        {
            var response = await bearer.PostAsync(path, null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("forbidden", (await JsonAsync(response)).GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.GetAsync("/api/admin/keys")).StatusCode);
        var pagePost = await bearer.PostAsync("/admin/keys?handler=Revoke",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Kid"] = SigningKid, ["ConfirmKid"] = SigningKid }));
        Assert.Equal(HttpStatusCode.Forbidden, pagePost.StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Equal(ToolKeyStates.Current, (await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().ToolKeys.SingleAsync()).State);
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
        var revoke = await admin.PostAsJsonAsync($"/api/admin/keys/{SigningKid}/revoke", new { confirmKid = SigningKid });
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        Assert.Equal("tool_wide_only", (await JsonAsync(revoke)).GetProperty("code").GetString());
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
    public async Task Page_RevokeTheCurrentKeyWithItsKidTyped_RevokesIt_AndSaysPlatformsMayRejectTokens()
    {
        var (admin, launch) = await ToolWideBrowserAsync();
        var compromised = SigningKid;

        var (response, page) = await RevokeOnThePageAsync(admin, launch.SessionToken, compromised, compromised);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(compromised, await JwksKidsAsync());
        var notice = page.QuerySelector("#keys .revoked-notice")!.TextContent;
        Assert.Contains($"{compromised} is revoked", notice, StringComparison.Ordinal);
        Assert.Contains("A new key was generated and signs now", notice, StringComparison.Ordinal);
        Assert.Contains("may reject tokens", notice, StringComparison.Ordinal);
        Assert.Contains(SigningKid, notice, StringComparison.Ordinal);
        var row = page.QuerySelector($"tr[data-kid='{compromised}']")!;
        Assert.Equal("Revoked", row.QuerySelector(".state")!.TextContent);
        Assert.Null(row.QuerySelector("form.revoke-form"));
        await using var scope = _app.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().AuditLog.SingleAsync(a => a.Action == "key.revoke");
        Assert.Equal(compromised, entry.Target);
        Assert.Contains($"by {entry.ActorName}", row.QuerySelector(".revoked")!.TextContent, StringComparison.Ordinal);
        // The new key can be revoked in turn; a revoked one offers no form.
        Assert.NotNull(page.QuerySelector($"tr[data-kid='{SigningKid}'] form.revoke-form"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("not-the-kid")]
    [InlineData("NEXT")] // replaced by the Next key's kid: another key's kid does not confirm this one
    public async Task Page_RevokeWithoutTheKidTyped_ShowsTheFieldMessage_AndChangesNothing(string? typed)
    {
        var (admin, launch) = await ToolWideBrowserAsync();
        var bearer = _app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", launch.SessionToken);
        var next = (await JsonAsync(await bearer.PostAsync("/api/admin/keys/next", null))).GetProperty("kid").GetString()!;
        var current = SigningKid;
        var before = await KeysSnapshotAsync();

        var (response, page) = await RevokeOnThePageAsync(admin, launch.SessionToken, current, typed == "NEXT" ? next : typed);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await KeysSnapshotAsync());
        var form = page.QuerySelector($"tr[data-kid='{current}'] form.revoke-form")!;
        Assert.True(form.ParentElement!.HasAttribute("open"));
        var input = form.QuerySelector("input[name=ConfirmKid]")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var message = form.QuerySelector(".field-error[data-field=ConfirmKid]")!;
        Assert.Equal(message.Id, input.GetAttribute("aria-describedby"));
        Assert.Contains("Nothing was revoked", message.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".revoked-notice"));
        // Only the form that was posted says so.
        Assert.Null(page.QuerySelector($"tr[data-kid='{next}'] .field-error"));
    }

    [Fact]
    public async Task Page_RevokeAKeyThatIsNoLongerThere_SaysWhy_AndChangesNothing()
    {
        var (admin, launch) = await ToolWideBrowserAsync();
        var compromised = SigningKid;
        await RevokeOnThePageAsync(admin, launch.SessionToken, compromised, compromised);
        var before = await KeysSnapshotAsync();
        var page = new HtmlParser().ParseDocument(await admin.Client.GetStringAsync("/admin/keys"));
        var antiforgery = page.QuerySelector("form.revoke-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // A second tab still showing the form of the key just revoked.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys?handler=Revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Kid"] = compromised, ["ConfirmKid"] = compromised, ["__RequestVerificationToken"] = antiforgery,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", launch.SessionToken);
        var response = await admin.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var answer = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("tool_key_already_revoked", answer.QuerySelector("#keys .revoke-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await KeysSnapshotAsync());
    }

    // The page's revoke handler checks the tool-wide scope itself (the page lets platform administrators read the
    // list): a platform administrator's well-formed post, antiforgery token and all, must still be refused.
    [Fact]
    public async Task Page_RevokeAsPlatformAdministrator_Is403ToolWideOnly_AndChangesNothing()
    {
        var launch = await _app.LaunchAsync(LaunchKind.AdministratorAccountNavigation);
        var kid = SigningKid;
        var before = await KeysSnapshotAsync();
        // The antiforgery pair for this session's user, as the page would issue it had it shown the form.
        var options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>>()
            .Get(LtiTool.Web.Features.Session.SessionDefaults.AuthenticationScheme);
        var validation = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { MapInboundClaims = false }
            .ValidateTokenAsync(launch.SessionToken, options.TokenValidationParameters);
        Assert.True(validation.IsValid);
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = _app.Services, User = new System.Security.Claims.ClaimsPrincipal(validation.ClaimsIdentity) };
        var antiforgery = _app.Services.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(http);
        var cookieName = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value.Cookie.Name!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys?handler=Revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Kid"] = kid, ["ConfirmKid"] = kid, [tokens.FormFieldName] = tokens.RequestToken! }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", launch.SessionToken);
        request.Headers.Add("Cookie", $"{cookieName}={tokens.CookieToken}");

        var response = await _app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("tool_wide_only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await KeysSnapshotAsync());
        Assert.Equal(kid, SigningKid);
    }

    [Fact]
    public async Task Page_RevokeWithTheCookieOnly_IsUnauthorized_AndChangesNothing()
    {
        var (admin, _) = await ToolWideBrowserAsync();
        var kid = SigningKid;
        var before = await KeysSnapshotAsync();

        var (response, _) = await RevokeOnThePageAsync(admin, token: null, kid, kid);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await KeysSnapshotAsync());
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
