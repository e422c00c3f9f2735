using System.Collections.Concurrent;
using LtiTool.Lti.Login;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Data;

/// <summary>
/// Login state in process memory, for single-instance deployments (the SQLite default): server-side,
/// expiring and single use like the database store, without a disk write per login. Consuming adds the state
/// to the used set first (TryAdd: only one caller can), then drops it from the pending set, so of two
/// concurrent launches with one state exactly one wins and the other always sees it as used. Used states are
/// kept until they expire. The cap applies to pending logins; a restart forgets the logins in flight, whose
/// users start the launch again from the LMS.
/// </summary>
public sealed class MemoryLaunchStateStore(IOptions<StateStoreOptions> options) : ILaunchStateStore
{
    private readonly ConcurrentDictionary<string, LaunchState> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    /// <summary>Logins waiting for their launch.</summary>
    public int Count => _pending.Count;

    public ValueTask SaveAsync(LaunchState state, CancellationToken cancellationToken)
    {
        // A flood of logins that never finish must not grow memory without bound.
        if (_pending.Count >= options.Value.MaxInMemory) throw new LaunchStateStoreFullException();
        _pending[state.State] = state;
        return ValueTask.CompletedTask;
    }

    public ValueTask<StateConsumption> ConsumeAsync(string state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_pending.TryGetValue(state, out var pending))
        {
            return new(new StateConsumption(_used.ContainsKey(state) ? StateConsumeStatus.AlreadyUsed : StateConsumeStatus.Unknown, null));
        }
        if (pending.ExpiresAt <= now) return new(new StateConsumption(StateConsumeStatus.Expired, null));
        if (!_used.TryAdd(state, pending.ExpiresAt)) return new(new StateConsumption(StateConsumeStatus.AlreadyUsed, null));
        _pending.TryRemove(state, out _);
        return new(new StateConsumption(StateConsumeStatus.Consumed, pending));
    }

    public ValueTask<LaunchState?> PeekAsync(string state, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(_pending.TryGetValue(state, out var pending) && pending.ExpiresAt > now && !_used.ContainsKey(state) ? pending : null);

    /// <summary>Forgets pending and used states that expired before <paramref name="before"/>.</summary>
    public int Sweep(DateTimeOffset before)
    {
        var removed = 0;
        foreach (var (key, state) in _pending)
            if (state.ExpiresAt < before && _pending.TryRemove(key, out _)) removed++;
        foreach (var (key, expiresAt) in _used)
            if (expiresAt < before && _used.TryRemove(key, out _)) removed++;
        return removed;
    }
}

/// <summary>Too many logins are waiting for their launch; the login answers 503.</summary>
public sealed class LaunchStateStoreFullException() : InvalidOperationException("Too many launches are in progress.");

/// <summary>Where login state lives, bound from <c>Lti:StateStore</c>.</summary>
public sealed class StateStoreOptions
{
    public const string Section = "Lti:StateStore";

    /// <summary>Auto (memory with SQLite, database with PostgreSQL), Memory or Database.</summary>
    public StateStoreKind Kind { get; set; } = StateStoreKind.Auto;
    /// <summary>The most logins held in memory at once (default 100,000).</summary>
    public int MaxInMemory { get; set; } = 100_000;
}

public enum StateStoreKind
{
    Auto,
    Memory,
    Database,
}
