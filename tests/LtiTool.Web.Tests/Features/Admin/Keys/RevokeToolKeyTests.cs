using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Keys;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin.Keys;

/// <summary>POST /api/admin/keys/{kid}/revoke: out of the JWKS at once, never signing again, some key always signing.</summary>
public sealed class RevokeToolKeyTests : IDisposable
{
    private readonly LtiToolApp _app = new(LtiToolApp.ManagedKeys(ToolKeyRotationTests.DailyRotation));

    public void Dispose() => _app.Dispose();

    private string SigningKid => _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>A tool-wide administrator (the bootstrap sign-in): key changes are tool-wide only.</summary>
    private async Task<HttpClient> AdminAsync() => await ToolWideAsync(_app);

    private static async Task<HttpClient> ToolWideAsync(LtiToolApp app)
    {
        var (_, token) = await BootstrapTests.BootstrapAdminAsync(app);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> RevokeAsync(HttpClient admin, string kid, string? confirmKid) =>
        admin.PostAsJsonAsync($"/api/admin/keys/{kid}/revoke", new { confirmKid });

    private async Task<string[]> JwksKidsAsync()
    {
        var json = JsonDocument.Parse(await _app.CreateClient().GetStringAsync("/.well-known/jwks.json")).RootElement;
        return json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    private Task<List<ToolKeyEntity>> RowsAsync() => QueryAsync(db => db.ToolKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Kid).ToListAsync());

    /// <summary>Kids and states, the JWKS and the revocation entries: what a refused revocation must leave as it was.</summary>
    private async Task<string> SnapshotAsync() =>
        string.Join(' ', (await RowsAsync()).Select(r => $"{r.Kid}:{r.State}:{r.ProtectedPrivateKey.Length > 0}"))
        + " | " + string.Join(' ', await JwksKidsAsync()) + " | " + SigningKid
        + " | " + await QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == "key.revoke"));

    private async Task<string> PublishNextAsync(HttpClient admin) =>
        (await JsonAsync(await admin.PostAsync("/api/admin/keys/next", null))).GetProperty("kid").GetString()!;

    [Fact]
    public async Task Revoke_CurrentKeyWithANextKey_LeavesTheJwksAtOnce_AndTheNextKeySigns()
    {
        var admin = await AdminAsync();
        var compromised = SigningKid;
        var next = await PublishNextAsync(admin);

        var response = await RevokeAsync(admin, compromised, compromised);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([next], await JwksKidsAsync());
        Assert.Equal(next, SigningKid);
        var body = await JsonAsync(response);
        Assert.Equal("Revoked", body.GetProperty("revoked").GetProperty("state").GetString());
        Assert.Equal(next, body.GetProperty("current").GetProperty("kid").GetString());
        Assert.True(body.GetProperty("signingChanged").GetBoolean());
        Assert.False(body.GetProperty("generated").GetBoolean());
        Assert.Contains("may reject tokens signed by " + next, body.GetProperty("warning").GetString(), StringComparison.Ordinal);
        var row = (await RowsAsync()).Single(r => r.Kid == compromised);
        Assert.Equal((ToolKeyStates.Revoked, "", _app.Time.GetUtcNow().UtcDateTime), (row.State, row.ProtectedPrivateKey, row.RemoveAfter));
        Assert.Equal(_app.Time.GetUtcNow().UtcDateTime, row.RetiredAt);
    }

    [Fact]
    public async Task Revoke_CurrentKeyWithoutANextKey_GeneratesAKeyThatSignsAndIsPublished()
    {
        var admin = await AdminAsync();
        var compromised = SigningKid;

        var body = await JsonAsync(await RevokeAsync(admin, compromised, compromised));

        var rows = await RowsAsync();
        Assert.Equal(2, rows.Count);
        var generated = Assert.Single(rows, r => r.State == ToolKeyStates.Current);
        Assert.NotEqual(compromised, generated.Kid);
        Assert.Equal(generated.Kid, SigningKid);
        Assert.Equal([generated.Kid], await JwksKidsAsync());
        Assert.True(body.GetProperty("generated").GetBoolean());
        Assert.Equal(generated.Kid, body.GetProperty("current").GetProperty("kid").GetString());
    }

    [Fact]
    public async Task Revoke_IsAuditedAsTheAdministrator_WithTheStatesBeforeAndAfter()
    {
        var admin = await AdminAsync();
        var compromised = SigningKid;
        var earlier = await QueryAsync(db => db.AuditLog.Select(a => a.Id).ToListAsync()); // the first key's creation, the sign-in

        await RevokeAsync(admin, compromised, compromised);

        var entries = (await QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action.StartsWith("key.")).OrderBy(a => a.Action).ToListAsync()))
            .Where(a => !earlier.Contains(a.Id)).ToList();
        var generated = SigningKid;
        Assert.Equal([("key.create", generated), ("key.revoke", compromised)], entries.Select(e => (e.Action, e.Target!)));
        var revoke = entries[1];
        Assert.True(revoke.AdminRights);
        Assert.Equal("bootstrap", revoke.ActorName);
        Assert.Null(revoke.ActorPlatformId);
        var before = JsonDocument.Parse(revoke.BeforeJson!).RootElement;
        var after = JsonDocument.Parse(revoke.AfterJson!).RootElement;
        Assert.Equal(ToolKeyStates.Current, before.GetProperty("state").GetString());
        Assert.Equal(ToolKeyStates.Revoked, after.GetProperty("state").GetString());
        Assert.Equal(generated, after.GetProperty("current").GetString());
        Assert.True(after.GetProperty("generated").GetBoolean());
        Assert.DoesNotContain("PRIVATE", revoke.AfterJson, StringComparison.Ordinal);
        // The list shows who revoked it, from that entry.
        var listed = (await JsonAsync(await admin.GetAsync("/api/admin/keys"))).GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == compromised);
        Assert.Equal(revoke.ActorName, listed.GetProperty("revokedBy").GetString());
        Assert.Equal(JsonValueKind.String, listed.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Revoke_ANextKey_LeavesTheJwks_TheCurrentKeySignsOn()
    {
        var admin = await AdminAsync();
        var current = SigningKid;
        var next = await PublishNextAsync(admin);
        Assert.Equal(new[] { current, next }.Order(), (await JwksKidsAsync()).Order());

        var response = await RevokeAsync(admin, next, next);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await JsonAsync(response)).GetProperty("signingChanged").GetBoolean());
        Assert.Equal([current], await JwksKidsAsync());
        Assert.Equal(current, SigningKid);
        var row = (await RowsAsync()).Single(r => r.Kid == next);
        Assert.Equal((ToolKeyStates.Revoked, ""), (row.State, row.ProtectedPrivateKey));
        Assert.Null(row.RetiredAt); // it never signed
    }

    [Fact]
    public async Task Revoke_ARetiredKey_LeavesTheJwksBeforeItsGraceEnds_AndTheScheduleNeverTouchesItAgain()
    {
        var admin = await AdminAsync();
        var old = SigningKid;
        await PublishNextAsync(admin);
        _app.Time.Advance(TimeSpan.FromMinutes(10));
        await admin.PostAsync("/api/admin/keys/rotate", null);
        var current = SigningKid;
        Assert.Equal(new[] { old, current }.Order(), (await JwksKidsAsync()).Order());
        var retiredAt = (await RowsAsync()).Single(r => r.Kid == old).RetiredAt;

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(admin, old, old)).StatusCode);

        Assert.Equal([current], await JwksKidsAsync());
        Assert.Equal(current, SigningKid);
        _app.Time.Advance(TimeSpan.FromHours(3)); // past the grace the retired key had
        await _app.Services.GetRequiredService<ToolKeyScheduler>().RunOnceAsync(default);
        var row = (await RowsAsync()).Single(r => r.Kid == old);
        Assert.Equal(ToolKeyStates.Revoked, row.State);
        Assert.Equal(retiredAt, row.RetiredAt);
        Assert.Equal(0, await QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == "key.remove")));
    }

    [Fact]
    public async Task Revoke_UnknownKid_Is404_AndChangesNothing()
    {
        var admin = await AdminAsync();
        var before = await SnapshotAsync();

        var response = await RevokeAsync(admin, "no-such-kid", "no-such-kid");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("tool_key_not_found", problem.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.String, problem.GetProperty("correlationId").ValueKind);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Revoke_ARemovedKey_Is409AlreadyRemoved_AndChangesNothing()
    {
        var admin = await AdminAsync();
        var old = SigningKid;
        await admin.PostAsync("/api/admin/keys/rotate", null);
        _app.Time.Advance(TimeSpan.FromHours(3));
        await _app.Services.GetRequiredService<ToolKeyScheduler>().RunOnceAsync(default);
        Assert.Equal(ToolKeyStates.Removed, (await RowsAsync()).Single(r => r.Kid == old).State);
        admin = await AdminAsync(); // the first session has expired meanwhile
        var before = await SnapshotAsync();

        var response = await RevokeAsync(admin, old, old);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("tool_key_already_removed", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Revoke_TheSameKeyTwice_IsRefusedTheSecondTime_AndChangesNothing()
    {
        var admin = await AdminAsync();
        var compromised = SigningKid;
        await RevokeAsync(admin, compromised, compromised);
        var before = await SnapshotAsync();

        var response = await RevokeAsync(admin, compromised, compromised);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("tool_key_already_revoked", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-the-kid")]
    public async Task Revoke_MissingOrWrongConfirmation_Is400WithTheFieldError_AndChangesNothing(string? confirmKid)
    {
        var admin = await AdminAsync();
        var current = SigningKid;
        var before = await SnapshotAsync();

        var response = await RevokeAsync(admin, current, confirmKid);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("tool_key_revoke_unconfirmed", problem.GetProperty("code").GetString());
        Assert.Equal("confirmKid", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Revoke_WithoutABody_Is400_AndChangesNothing()
    {
        var admin = await AdminAsync();
        var before = await SnapshotAsync();

        var response = await admin.PostAsync($"/api/admin/keys/{SigningKid}/revoke", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("tool_key_revoke_unconfirmed", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Revoke_FileManagedKeys_AreRefusedWith409()
    {
        using var app = new LtiToolApp();
        var admin = await ToolWideAsync(app);
        var kid = app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

        var response = await RevokeAsync(admin, kid, kid);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("tool_keys_file_managed", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(kid, app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid);
    }

    [Fact]
    public async Task Revoke_OnOneInstance_AnotherInstanceDropsTheKeyAtItsNextKeyCheck()
    {
        // A second instance: the same database and data folder (so the same Data Protection key ring).
        using var other = new LtiToolApp(LtiToolApp.ManagedKeys(new Dictionary<string, string?>(ToolKeyRotationTests.DailyRotation)
        {
            ["Lti:DataPath"] = _app.DataFolder,
            ["ConnectionStrings:LtiTool"] = $"Data Source={Path.Combine(_app.DataFolder, "ltitool.db")}",
        }));
        var otherRing = other.Services.GetRequiredService<ToolKeyRing>();
        var compromised = SigningKid;
        Assert.Equal(compromised, otherRing.SigningKey.Kid);
        var admin = await AdminAsync();

        await RevokeAsync(admin, compromised, compromised);

        // Until its next check (Lti:Keys:Rotation:CheckInterval) the other instance has not read the change.
        Assert.Equal(compromised, otherRing.SigningKey.Kid);
        await other.Services.GetRequiredService<ToolKeyScheduler>().RunOnceAsync(default);
        Assert.Equal(SigningKid, otherRing.SigningKey.Kid);
        Assert.DoesNotContain(otherRing.Keys.Published, k => k.Kid == compromised);
        var otherJwks = JsonDocument.Parse(await other.CreateClient().GetStringAsync("/.well-known/jwks.json")).RootElement;
        Assert.Equal([SigningKid], otherJwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
    }
}
