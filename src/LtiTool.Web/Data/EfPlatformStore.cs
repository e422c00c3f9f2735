using LtiTool.Lti.Platforms;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Data;

/// <summary>
/// Registrations from the database, held in memory as one snapshot: every login and launch looks one up, and
/// they change rarely. A change made here invalidates the snapshot at once; changes made by another instance
/// show within <see cref="RefreshInterval"/>.
/// </summary>
public sealed class EfPlatformStore(IServiceScopeFactory scopes, TimeProvider time) : IPlatformStore
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _loadGate = new(1, 1);

    public async ValueTask<IReadOnlyList<PlatformRegistration>> FindByIssuerAsync(string issuer, CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).ByIssuer.TryGetValue(issuer, out var list) ? list : [];

    public async ValueTask<PlatformRegistration?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).ById.GetValueOrDefault(id);

    /// <summary>All registrations (for the frame-ancestors list and admin screens).</summary>
    public async ValueTask<IReadOnlyCollection<PlatformRegistration>> AllAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).ById.Values;

    /// <summary>Forgets the snapshot after a change.</summary>
    public void Invalidate() => _snapshot = null;

    private ValueTask<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        return snapshot is not null && time.GetUtcNow() < snapshot.ExpiresAt
            ? ValueTask.FromResult(snapshot)
            : new ValueTask<Snapshot>(LoadAsync(cancellationToken));
    }

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } fresh && time.GetUtcNow() < fresh.ExpiresAt) return fresh;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
            var rows = await db.Platforms.AsNoTracking().Include(p => p.Deployments).ToListAsync(cancellationToken);
            var registrations = rows.Select(ToRegistration).ToList();
            var snapshot = new Snapshot(
                registrations.ToDictionary(r => r.Id, StringComparer.Ordinal),
                registrations.GroupBy(r => r.Issuer, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<PlatformRegistration>)g.ToArray(), StringComparer.Ordinal),
                time.GetUtcNow() + RefreshInterval);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    public static PlatformRegistration ToRegistration(PlatformEntity p) => new(
        p.Id, p.Name, p.Issuer, p.ClientId, new Uri(p.AuthorizationEndpoint), new Uri(p.JwksUri),
        p.TokenEndpoint is null ? null : new Uri(p.TokenEndpoint),
        p.Deployments.Where(d => d.Status == DeploymentStates.Approved).Select(d => d.DeploymentId).ToHashSet(StringComparer.Ordinal), p.Enabled,
        p.DeploymentPolicy == DeploymentPolicies.AutoRegister,
        Enum.TryParse<UnboundLaunchPolicy>(p.UnboundLaunchPolicy, out var unbound) ? unbound : UnboundLaunchPolicy.Refuse,
        Enum.TryParse<PlatformStorageMode>(p.PlatformStorage, out var storage) ? storage : PlatformStorageMode.WhenOffered);

    private sealed record Snapshot(
        Dictionary<string, PlatformRegistration> ById,
        Dictionary<string, IReadOnlyList<PlatformRegistration>> ByIssuer,
        DateTimeOffset ExpiresAt);
}
