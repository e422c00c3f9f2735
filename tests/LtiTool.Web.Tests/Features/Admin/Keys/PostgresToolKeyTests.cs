using LtiTool.Lti.Keys;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin.Keys;

/// <summary>Several instances on one PostgreSQL database: the guarded steps let exactly one of them rotate.</summary>
public sealed class PostgresToolKeyTests
{
    [PostgresFact]
    public async Task ThreeInstances_RunningTheScheduleAtOnce_PublishAndRotateOnce()
    {
        using var database = new PostgresDatabase();
        var settings = LtiToolApp.ManagedKeys(new Dictionary<string, string?>(ToolKeyRotationTests.DailyRotation));
        foreach (var (key, value) in database.Settings) settings[key] = value;
        using var first = new LtiToolApp(settings);
        var kid = first.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;
        // The other instances share the first one's data folder, hence its Data Protection key ring.
        settings["Lti:DataPath"] = first.DataFolder;
        using var second = new LtiToolApp(settings);
        using var third = new LtiToolApp(settings);
        var apps = new[] { first, second, third };
        Assert.All(apps, a => Assert.Equal(kid, a.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid));

        async Task AllAtOnceAsync(TimeSpan advance)
        {
            foreach (var app in apps) app.Time.Advance(advance);
            await Task.WhenAll(apps.Select(a => Task.Run(() => a.Services.GetRequiredService<ToolKeyScheduler>().RunOnceAsync(default))));
        }

        await AllAtOnceAsync(TimeSpan.FromHours(23));
        await AllAtOnceAsync(TimeSpan.FromHours(1));

        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        Assert.True(db.Database.IsNpgsql());
        var rows = await db.ToolKeys.AsNoTracking().ToListAsync();
        Assert.Equal(2, rows.Count);
        var current = Assert.Single(rows, r => r.State == ToolKeyStates.Current);
        Assert.Equal(ToolKeyStates.Retired, rows.Single(r => r.Kid == kid).State);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "key.publish"));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "key.rotate"));
        Assert.All(apps, a => Assert.Equal(current.Kid, a.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid));
    }
}
