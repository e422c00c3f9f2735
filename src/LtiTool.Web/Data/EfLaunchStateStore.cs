using LtiTool.Lti.Login;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Data;

/// <summary>
/// Login state in the database, so any instance can finish a launch another one started. Consumption is one
/// conditional UPDATE … RETURNING (unused and unexpired), which the database applies atomically: of two
/// concurrent launches with one state exactly one gets the row back. The syntax is the same in SQLite
/// (3.35+) and PostgreSQL; a second query runs only to explain a failure.
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
            CanvasRegion = state.CanvasRegion,
            CanvasEnvironment = state.CanvasEnvironment,
            CreatedAt = state.CreatedAt.UtcDateTime,
            ExpiresAt = state.ExpiresAt.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask<StateConsumption> ConsumeAsync(string state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;
        var consumed = await db.LaunchStates
            .FromSql($"UPDATE launch_states SET \"ConsumedAt\" = {at} WHERE \"State\" = {state} AND \"ConsumedAt\" IS NULL AND \"ExpiresAt\" > {at} RETURNING *")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (consumed.Count == 1) return new StateConsumption(StateConsumeStatus.Consumed, ToState(consumed[0]));

        var row = await db.LaunchStates.AsNoTracking().FirstOrDefaultAsync(s => s.State == state, cancellationToken);
        if (row is null) return new StateConsumption(StateConsumeStatus.Unknown, null);
        return new StateConsumption(row.ExpiresAt <= at && row.ConsumedAt is null ? StateConsumeStatus.Expired : StateConsumeStatus.AlreadyUsed, null);
    }

    public async ValueTask<LaunchState?> PeekAsync(string state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;
        var row = await db.LaunchStates.AsNoTracking()
            .FirstOrDefaultAsync(s => s.State == state && s.ConsumedAt == null && s.ExpiresAt > at, cancellationToken);
        return row is null ? null : ToState(row);
    }

    private static LaunchState ToState(LaunchStateEntity row) => new(
        row.State, row.Nonce, row.PlatformId, row.DeploymentIdHint, row.TargetLinkUri, row.BindingHash, row.StorageTarget, row.CanvasRegion, row.CanvasEnvironment,
        new DateTimeOffset(row.CreatedAt, TimeSpan.Zero), new DateTimeOffset(row.ExpiresAt, TimeSpan.Zero));
}
