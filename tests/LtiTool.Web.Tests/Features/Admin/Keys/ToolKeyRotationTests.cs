using System.Text.Json;
using LtiTool.Lti.Keys;
using LtiTool.Testing;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin.Keys;

/// <summary>Database-managed keys: first start, protection at rest, the scheduled rotation and the JWKS it publishes.</summary>
public sealed class ToolKeyRotationTests : IDisposable
{
    /// <summary>
    /// A day-long period keeps the clock's jumps short: every background service's timer fires for each of its
    /// periods the fake clock passes, so advancing it by months takes minutes.
    /// </summary>
    public static readonly Dictionary<string, string?> DailyRotation = new()
    {
        ["Lti:Keys:Rotation:Period"] = "1.00:00:00",
        ["Lti:Keys:Rotation:PublishAhead"] = "01:00:00",
        ["Lti:Keys:Rotation:RetireGrace"] = "02:00:00",
    };

    private readonly LtiToolApp _app = new(LtiToolApp.ManagedKeys(DailyRotation));

    public void Dispose() => _app.Dispose();

    private async Task<List<ToolKeyEntity>> RowsAsync() => await QueryAsync(db => db.ToolKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync());

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    private async Task<string[]> JwksKidsAsync()
    {
        var json = JsonDocument.Parse(await _app.CreateClient().GetStringAsync("/.well-known/jwks.json")).RootElement;
        return json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }

    private Task RunSchedulerAsync() => _app.Services.GetRequiredService<ToolKeyScheduler>().RunOnceAsync(default);

    private string SigningKid => _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

    [Fact]
    public async Task FirstStart_GeneratesOneCurrentKey_PublishedAndSigning()
    {
        var kids = await JwksKidsAsync();

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(ToolKeyStates.Current, row.State);
        Assert.Equal(TestClock.Start.UtcDateTime, row.ActivatedAt);
        Assert.Equal([row.Kid], kids);
        Assert.Equal(row.Kid, SigningKid);
        var audit = await QueryAsync(db => db.AuditLog.SingleAsync(a => a.Action == "key.create"));
        Assert.Equal(("bootstrap", row.Kid, true), (audit.ActorName, audit.Target, audit.AdminRights));
        Assert.DoesNotContain("PRIVATE", audit.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredPrivateKey_IsProtectedNotThePemInClear()
    {
        var row = Assert.Single(await RowsAsync());

        Assert.DoesNotContain("PRIVATE KEY", row.ProtectedPrivateKey, StringComparison.Ordinal);
        Assert.DoesNotContain("MII", row.ProtectedPrivateKey, StringComparison.Ordinal);
        var protector = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ToolKeyStore.Purpose);
        var pem = protector.Unprotect(row.ProtectedPrivateKey);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.Equal(row.Kid, ToolKey.FromPem(pem, default).Kid);
        // Another purpose cannot read it, and the key ring lives in the data folder.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("something else").Unprotect(row.ProtectedPrivateKey));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_app.DataFolder, "protection-keys"), "*.xml"));
    }

    [Fact]
    public async Task FirstStart_DevelopmentKeyFileInTheDataFolder_IsImportedKeepingItsKid()
    {
        using var app = new LtiToolApp(LtiToolApp.ManagedKeys());
        Directory.CreateDirectory(Path.Combine(app.DataFolder, "keys"));
        await File.WriteAllTextAsync(Path.Combine(app.DataFolder, "keys", "20261101T000000Z.pem"), TestKeys.ToolPem);

        var kid = app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

        Assert.Equal(ToolKey.FromPem(TestKeys.ToolPem, default).Kid, kid);
        await using var scope = app.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().ToolKeys.SingleAsync();
        Assert.Equal((kid, ToolKeyStates.Current), (row.Kid, row.State));
        Assert.DoesNotContain("PRIVATE KEY", row.ProtectedPrivateKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_PublishesNextAhead_PromotesAtThePeriod_RemovesTheOldKeyAfterTheGrace()
    {
        var first = SigningKid;

        _app.Time.Advance(TimeSpan.FromHours(23) - TimeSpan.FromMinutes(1));
        await RunSchedulerAsync();
        Assert.Single(await RowsAsync());

        _app.Time.Advance(TimeSpan.FromMinutes(1));
        await RunSchedulerAsync();
        var next = (await RowsAsync()).Single(r => r.State == ToolKeyStates.Next).Kid;
        Assert.Equal([first, next], await JwksKidsAsync());
        Assert.Equal(first, SigningKid);

        _app.Time.Advance(TimeSpan.FromHours(1));
        await RunSchedulerAsync();
        var rows = await RowsAsync();
        Assert.Equal(ToolKeyStates.Retired, rows.Single(r => r.Kid == first).State);
        Assert.Equal(_app.Time.GetUtcNow().UtcDateTime.AddHours(2), rows.Single(r => r.Kid == first).RemoveAfter);
        Assert.Equal(ToolKeyStates.Current, rows.Single(r => r.Kid == next).State);
        Assert.Equal(next, SigningKid);
        Assert.Equal([first, next], await JwksKidsAsync());

        _app.Time.Advance(TimeSpan.FromHours(2));
        await RunSchedulerAsync();
        var removed = (await RowsAsync()).Single(r => r.Kid == first);
        Assert.Equal(ToolKeyStates.Removed, removed.State);
        Assert.Equal("", removed.ProtectedPrivateKey);
        Assert.Equal([next], await JwksKidsAsync());
        var actions = await QueryAsync(db => db.AuditLog.Where(a => a.ActorName == "scheduler").OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
        Assert.Equal(["key.publish", "key.rotate", "key.remove"], actions);
    }

    [Fact]
    public async Task Schedule_TwoCurrentKeys_KeepsTheNewestSigningAndRetiresTheOther()
    {
        // Two instances starting at once on an empty table can each make a Current key.
        var first = SigningKid;
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        string second;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            second = (await scope.ServiceProvider.GetRequiredService<ToolKeyStore>().PublishNextAsync(first, default))!.Kid;
            await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().ToolKeys.Where(k => k.Kid == second)
                .ExecuteUpdateAsync(u => u.SetProperty(k => k.State, ToolKeyStates.Current).SetProperty(k => k.ActivatedAt, _app.Time.GetUtcNow().UtcDateTime));
        }

        await RunSchedulerAsync();

        var rows = await RowsAsync();
        Assert.Equal(second, Assert.Single(rows, r => r.State == ToolKeyStates.Current).Kid);
        Assert.Equal(ToolKeyStates.Retired, rows.Single(r => r.Kid == first).State);
        Assert.Equal(second, SigningKid);
        Assert.Equal([first, second], await JwksKidsAsync());
    }

    [Fact]
    public async Task Store_TheSameTransitionTwice_OnlyTheFirstApplies()
    {
        var current = SigningKid;
        await using var one = _app.Services.CreateAsyncScope();
        await using var two = _app.Services.CreateAsyncScope();
        var first = one.ServiceProvider.GetRequiredService<ToolKeyStore>();
        var second = two.ServiceProvider.GetRequiredService<ToolKeyStore>();

        var next = await first.PublishNextAsync(current, default);
        Assert.NotNull(next);
        Assert.Null(await second.PublishNextAsync(current, default));

        var promotion = new ToolKeyPromotion(current, next.Kid);
        Assert.True(await first.PromoteAsync(promotion, default));
        Assert.False(await second.PromoteAsync(promotion, default));
        Assert.Null(await second.PublishNextAsync(current, default));

        var rows = await RowsAsync();
        Assert.Equal(next.Kid, rows.Single(r => r.State == ToolKeyStates.Current).Kid);
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, await QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == "key.rotate")));
    }

    [Fact]
    public async Task TwoInstances_RunningTheScheduleAtOnce_RotateOnce()
    {
        // A second instance: the same database and the same data folder (so the same Data Protection key ring).
        var kid = SigningKid;
        using var other = new LtiToolApp(LtiToolApp.ManagedKeys(new Dictionary<string, string?>(DailyRotation)
        {
            ["Lti:DataPath"] = _app.DataFolder,
            ["ConnectionStrings:LtiTool"] = $"Data Source={Path.Combine(_app.DataFolder, "ltitool.db")}",
        }));
        Assert.Equal(kid, other.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid);
        var schedulers = new[] { _app, other }.Select(a => a.Services.GetRequiredService<ToolKeyScheduler>()).ToArray();

        foreach (var time in new[] { _app.Time, other.Time }) time.Advance(TimeSpan.FromHours(23));
        await Task.WhenAll(schedulers.Select(s => s.RunOnceAsync(default)));
        Assert.Single(await RowsAsync(), r => r.State == ToolKeyStates.Next);

        foreach (var time in new[] { _app.Time, other.Time }) time.Advance(TimeSpan.FromHours(1));
        await Task.WhenAll(schedulers.Select(s => s.RunOnceAsync(default)));

        var rows = await RowsAsync();
        Assert.Equal(2, rows.Count);
        var current = Assert.Single(rows, r => r.State == ToolKeyStates.Current);
        Assert.Equal(ToolKeyStates.Retired, rows.Single(r => r.Kid == kid).State);
        Assert.Equal(current.Kid, SigningKid);
        Assert.Equal(current.Kid, other.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid);
        Assert.Equal(1, await QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == "key.rotate")));
        Assert.Equal(1, await QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == "key.publish")));
    }
}
