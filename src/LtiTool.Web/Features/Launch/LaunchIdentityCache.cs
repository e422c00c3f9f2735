using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace LtiTool.Web.Features.Launch;

/// <summary>
/// What the last recorded launch of a (platform, user, course) wrote to the user, context and enrolment rows.
/// A repeat launch that carries the same values has nothing to upsert, so recording it is one insert of the
/// launch record and no read at all: the lookup and the planning of its three-way join were a third of the
/// launch's database time. Anything that differs — a renamed course, a new role, a field the platform sends
/// now — takes the full read-and-upsert path, which refreshes the entry.
/// </summary>
/// <remarks>
/// Ids of these rows never change, so a stale entry can at worst skip rewriting a value another writer changed
/// since; a roster sync of the course drops the course's entries (<see cref="ForgetContext"/>) so a launch
/// after it writes what it carries. If a cached row has gone (data retention), the launch record's foreign key
/// fails, the entry is dropped and the launch is recorded the long way.
/// </remarks>
public sealed class LaunchIdentityCache : IDisposable
{
    private readonly MemoryCache cache;
    private readonly ConcurrentDictionary<Guid, int> contextGenerations = new();

    public LaunchIdentityCache(TimeProvider time) => cache = new MemoryCache(new MemoryCacheOptions
    {
        SizeLimit = MaxEntries,
        Clock = new TimeProviderClock(time),
        CompactionPercentage = 0.25,
    });

    public const int MaxEntries = 20_000;
    // Absolute, not sliding: a writer this process does not see (another instance's roster sync) is noticed within
    // this time even by a user who launches every few minutes.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public readonly record struct Key(string PlatformId, string Subject, string ContextKey);

    public sealed record Entry(
        Guid UserId,
        Guid ContextId,
        string? Name,
        string? GivenName,
        string? FamilyName,
        string? Email,
        string? Picture,
        string? Label,
        string? Title,
        string? Types,
        string Roles,
        string InternalRoles,
        int ContextGeneration);

    public Entry? Find(Key key)
    {
        if (!cache.TryGetValue(key, out Entry? entry) || entry is null) return null;
        return contextGenerations.GetValueOrDefault(entry.ContextId) == entry.ContextGeneration ? entry : null;
    }

    public int GenerationOf(Guid contextId) => contextGenerations.GetValueOrDefault(contextId);

    public void Remember(Key key, Entry entry) =>
        cache.Set(key, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });

    public void Forget(Key key) => cache.Remove(key);

    /// <summary>Another writer changed the course's members: the next launch into it re-reads and upserts.</summary>
    public void ForgetContext(Guid contextId) => contextGenerations.AddOrUpdate(contextId, 1, (_, g) => g + 1);

    public void Dispose() => cache.Dispose();

    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
