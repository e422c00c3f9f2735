using System.Collections.Concurrent;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;

namespace LtiTool.Testing;

/// <summary>The state store contract in memory, for protocol unit tests and benchmarks (the app uses EF).</summary>
public sealed class InMemoryLaunchStateStore : ILaunchStateStore
{
    private readonly ConcurrentDictionary<string, (LaunchState State, int Used)> _states = new(StringComparer.Ordinal);

    public ValueTask SaveAsync(LaunchState state, CancellationToken cancellationToken)
    {
        _states[state.State] = (state, 0);
        return ValueTask.CompletedTask;
    }

    public ValueTask<StateConsumption> ConsumeAsync(string state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_states.TryGetValue(state, out var entry)) return new(new StateConsumption(StateConsumeStatus.Unknown, null));
        if (entry.Used != 0) return new(new StateConsumption(StateConsumeStatus.AlreadyUsed, null));
        if (entry.State.ExpiresAt <= now) return new(new StateConsumption(StateConsumeStatus.Expired, null));
        return _states.TryUpdate(state, (entry.State, 1), entry)
            ? new(new StateConsumption(StateConsumeStatus.Consumed, entry.State))
            : new(new StateConsumption(StateConsumeStatus.AlreadyUsed, null));
    }

    public ValueTask<LaunchState?> PeekAsync(string state, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(_states.TryGetValue(state, out var entry) && entry.Used == 0 && entry.State.ExpiresAt > now ? entry.State : null);

    public LaunchState? Find(string state) => _states.TryGetValue(state, out var entry) ? entry.State : null;
}

/// <summary>Registrations in memory.</summary>
public sealed class InMemoryPlatformStore(params PlatformRegistration[] registrations) : IPlatformStore
{
    private readonly List<PlatformRegistration> _registrations = [.. registrations];

    public void Replace(PlatformRegistration registration)
    {
        _registrations.RemoveAll(r => r.Id == registration.Id);
        _registrations.Add(registration);
    }

    public ValueTask<IReadOnlyList<PlatformRegistration>> FindByIssuerAsync(string issuer, CancellationToken cancellationToken) =>
        new(_registrations.Where(r => r.Issuer == issuer).ToArray());

    public ValueTask<PlatformRegistration?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        new(_registrations.FirstOrDefault(r => r.Id == id));
}
