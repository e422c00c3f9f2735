namespace LtiTool.Lti.Login;

/// <summary>
/// Server-side storage of login state. <see cref="ConsumeAsync"/> must be atomic across instances: of two
/// concurrent calls with the same state, exactly one gets <see cref="StateConsumeStatus.Consumed"/>.
/// </summary>
public interface ILaunchStateStore
{
    /// <summary>Stores a new state.</summary>
    ValueTask SaveAsync(LaunchState state, CancellationToken cancellationToken);

    /// <summary>Marks the state used, if it exists, is unexpired at <paramref name="now"/> and was not used before.</summary>
    ValueTask<StateConsumption> ConsumeAsync(string state, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a state without using it: the state when it exists, is unexpired at <paramref name="now"/> and unused,
    /// otherwise null. Only the launch's platform storage step uses it, to learn where the binding secret was put.
    /// </summary>
    ValueTask<LaunchState?> PeekAsync(string state, DateTimeOffset now, CancellationToken cancellationToken);
}
