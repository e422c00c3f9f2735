using LtiTool.Lti.Login;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Data;

/// <summary>
/// Login state in the database, so any instance can finish a launch another one started. Consumption is a
/// conditional UPDATE (unused and unexpired), which the database applies atomically: of two concurrent
/// launches with one state exactly one sees a row changed.
/// </summary>
public sealed class EfLaunchStateStore(LtiToolDbContext db) : ILaunchStateStore
{
    public async ValueTask SaveAsync(LaunchState state, CancellationToken cancellationToken)
    {
        db.LaunchStates.Add(new LaunchStateEntity
        {
            State = state.State,
            Nonce = state.Nonce,
            PlatformId = state.PlatformId,
            DeploymentIdHint = state.DeploymentIdHint,
            TargetLinkUri = state.TargetLinkUri,
            BindingHash = state.BindingHash,
            StorageTarget = state.StorageTarget,
            CreatedAt = state.CreatedAt.UtcDateTime,
            ExpiresAt = state.ExpiresAt.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask<StateConsumption> ConsumeAsync(string state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;
        var changed = await db.LaunchStates
            .Where(s => s.State == state && s.ConsumedAt == null && s.ExpiresAt > at)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsumedAt, at), cancellationToken);
        var row = await db.LaunchStates.AsNoTracking().FirstOrDefaultAsync(s => s.State == state, cancellationToken);
        if (row is null) return new StateConsumption(StateConsumeStatus.Unknown, null);
        if (changed == 1) return new StateConsumption(StateConsumeStatus.Consumed, ToState(row));
        return new StateConsumption(row.ExpiresAt <= at && row.ConsumedAt is null ? StateConsumeStatus.Expired : StateConsumeStatus.AlreadyUsed, null);
    }

    private static LaunchState ToState(LaunchStateEntity row) => new(
        row.State, row.Nonce, row.PlatformId, row.DeploymentIdHint, row.TargetLinkUri, row.BindingHash, row.StorageTarget,
        new DateTimeOffset(row.CreatedAt, TimeSpan.Zero), new DateTimeOffset(row.ExpiresAt, TimeSpan.Zero));
}
