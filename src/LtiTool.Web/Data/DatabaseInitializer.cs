using LtiTool.DemoPlatform;
using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Platforms;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Data;

/// <summary>
/// Before the server starts: applies migrations and writes the configured platforms into the registry.
/// Once it listens: registers the demo LMS at the address it really listens on.
/// </summary>
public sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DataOptions> dataOptions,
    IOptions<LtiToolOptions> ltiOptions,
    DemoPlatformSwitch demo,
    IOptions<DemoPlatformOptions> demoOptions,
    IServer server,
    EfPlatformStore platformStore,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        if (dataOptions.Value.MigrateOnStart) await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await SyncConfiguredPlatformsAsync(db, cancellationToken);
        platformStore.Invalidate();
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!demo.Enabled) return;
        var baseUrl = DemoBaseUrl();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        var o = demoOptions.Value;
        var platformBase = new Uri(baseUrl, o.PathBase.Trim('/') + "/");
        await UpsertAsync(db, PlatformSources.Demo, new PlatformOptions
        {
            Name = o.Name,
            Issuer = o.Issuer,
            ClientId = o.ClientId,
            AuthorizationEndpoint = new Uri(platformBase, "authorize").AbsoluteUri,
            JwksUri = new Uri(platformBase, "jwks").AbsoluteUri,
            TokenEndpoint = new Uri(platformBase, "token").AbsoluteUri,
            DeploymentIds = [o.DeploymentId],
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        platformStore.Invalidate();
        LogDemoRegistered(logger, new Uri(platformBase, "").AbsoluteUri);
    }

    private async Task SyncConfiguredPlatformsAsync(LtiToolDbContext db, CancellationToken cancellationToken)
    {
        var configured = ltiOptions.Value.Platforms;
        foreach (var platform in configured) await UpsertAsync(db, PlatformSources.Configuration, platform, cancellationToken);
        // A platform removed from configuration is disabled, not deleted: its launches and data stay.
        var keys = configured.Select(p => (p.Issuer, p.ClientId)).ToHashSet();
        var stale = await db.Platforms.Where(p => p.Source == PlatformSources.Configuration && p.Enabled).ToListAsync(cancellationToken);
        foreach (var row in stale.Where(r => !keys.Contains((r.Issuer, r.ClientId)))) row.Enabled = false;
        await db.SaveChangesAsync(cancellationToken);
        if (configured.Count > 0) LogConfiguredPlatforms(logger, configured.Count);
    }

    private async Task UpsertAsync(LtiToolDbContext db, string source, PlatformOptions platform, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.Platforms.Include(p => p.Deployments)
            .FirstOrDefaultAsync(p => p.Issuer == platform.Issuer && p.ClientId == platform.ClientId, cancellationToken);
        if (row is null)
        {
            row = new PlatformEntity
            {
                Id = "plt_" + Guid.NewGuid().ToString("N")[..16],
                Name = "", Issuer = platform.Issuer!, ClientId = platform.ClientId!,
                AuthorizationEndpoint = "", JwksUri = "", Source = source, CreatedAt = now,
            };
            db.Platforms.Add(row);
        }
        row.Name = platform.Name ?? new Uri(platform.Issuer!).Host;
        row.AuthorizationEndpoint = platform.AuthorizationEndpoint!;
        row.JwksUri = platform.JwksUri!;
        row.TokenEndpoint = platform.TokenEndpoint;
        row.Enabled = platform.Enabled;
        // Configuration decides these for its registrations; the demo's start from the defaults and keep an admin's choice.
        if (source == PlatformSources.Configuration || db.Entry(row).State == EntityState.Added)
        {
            row.UnboundLaunchPolicy = platform.UnboundLaunches.ToString();
            row.PlatformStorage = platform.PlatformStorage.ToString();
        }
        row.Source = source;
        row.UpdatedAt = now;
        foreach (var deployment in platform.DeploymentIds.Distinct(StringComparer.Ordinal))
        {
            var existing = row.Deployments.FirstOrDefault(d => d.DeploymentId == deployment);
            if (existing is null) row.Deployments.Add(new DeploymentEntity { PlatformId = row.Id, DeploymentId = deployment, CreatedAt = now });
            else existing.Status = DeploymentStates.Approved;  // listed in configuration: approved there
        }
        // Configuration decides which deployments are approved; ones waiting for approval (or refused) stay listed.
        row.Deployments.RemoveAll(d => d.Status == DeploymentStates.Approved && !platform.DeploymentIds.Contains(d.DeploymentId, StringComparer.Ordinal));
    }

    private Uri DemoBaseUrl()
    {
        if (ltiOptions.Value.PublicBaseUrl is { Length: > 0 } configured) return new Uri(configured.TrimEnd('/') + "/");
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 1 : 0)
            .FirstOrDefault();
        if (address is null) return new Uri("http://localhost/");
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal));
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Registered {Count} platform(s) from configuration")]
    private static partial void LogConfiguredPlatforms(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Demo LMS registered and open at {Url}")]
    private static partial void LogDemoRegistered(ILogger logger, string url);
}

/// <summary>Whether the demo LMS runs: DemoPlatform:Enabled, or Development when unset.</summary>
public sealed class DemoPlatformSwitch(IOptions<DemoPlatformOptions> options, IHostEnvironment environment)
{
    public bool Enabled => options.Value.Enabled ?? environment.IsDevelopment();
}
