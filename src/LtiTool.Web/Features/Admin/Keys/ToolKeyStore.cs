using LtiTool.Lti.Keys;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using LtiTool.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// Database-managed tool keys in <c>tool_keys</c>: private keys protected with ASP.NET Core Data Protection,
/// and every change of state a guarded update (it only applies while the key is still in the state the caller
/// saw), so when several instances rotate at once one wins and the others change nothing. Each change is
/// written with its audit entry in one transaction.
/// </summary>
public sealed class ToolKeyStore(
    LtiToolDbContext db,
    IDataProtectionProvider protection,
    TimeProvider time,
    AuditLog audit,
    IOptions<ToolKeyOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<ToolKeyStore> logger)
{
    /// <summary>The Data Protection purpose of tool private keys.</summary>
    public const string Purpose = "LtiTool.ToolKeys";

    private IDataProtector Protector => protection.CreateProtector(Purpose);
    private ToolKeyRotationOptions Rotation => options.Value.Rotation;

    public Task<List<ToolKeyEntity>> ListAsync(CancellationToken cancellationToken) =>
        db.ToolKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Kid).ToListAsync(cancellationToken);

    public static ToolKeyStatus Status(ToolKeyEntity row) => new(
        row.Kid, Enum.Parse<ToolKeyState>(row.State), Utc(row.CreatedAt), Utc(row.ActivatedAt), Utc(row.RetiredAt), Utc(row.RemoveAfter));

    /// <summary>The key with its private half; throws a CryptographicException when this Data Protection key ring cannot read it.</summary>
    public ToolKey Unprotect(ToolKeyEntity row) => ToolKey.FromPem(Protector.Unprotect(row.ProtectedPrivateKey), Utc(row.CreatedAt));

    /// <summary>
    /// Makes sure a key signs: a Next key is promoted, or on the very first start the development keys an older
    /// version generated into the data folder are imported (keeping their kids, which platforms may have cached),
    /// or a new key is made. Does nothing when a key is Current.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (await db.ToolKeys.AnyAsync(k => k.State == ToolKeyStates.Current, cancellationToken)) return;
        var now = time.GetUtcNow();
        var next = await db.ToolKeys.AsNoTracking().Where(k => k.State == ToolKeyStates.Next)
            .OrderBy(k => k.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        try
        {
            if (next is not null) await ActivateAsync(next, now, cancellationToken);
            else if (await db.ToolKeys.AnyAsync(cancellationToken) || !await ImportLegacyAsync(now, cancellationToken)) await CreateCurrentAsync(now, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance starting at the same moment imported the same kid first; its key is as good.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Makes and publishes a Next key, unless a Next key exists or <paramref name="currentKid"/> no longer signs (then null).</summary>
    public async Task<ToolKeyEntity?> PublishNextAsync(string currentKid, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Takes the Current row's lock with an update that changes nothing: a rotator running at the same time
        // waits here, and then finds the Next key this one made.
        var locked = await db.ToolKeys.Where(k => k.Kid == currentKid && k.State == ToolKeyStates.Current)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.State, ToolKeyStates.Current), cancellationToken);
        if (locked == 0 || await db.ToolKeys.AnyAsync(k => k.State == ToolKeyStates.Next, cancellationToken)) return null;
        var row = NewRow(ToolKey.Generate(time.GetUtcNow()), ToolKeyStates.Next);
        db.ToolKeys.Add(row);
        await audit.AddAsync("key.publish", row.Kid, null, View(row), adminRights: true, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Published(logger, row.Kid);
        return row;
    }

    /// <summary>The Next key signs from now on and the Current one is retired; false when either has changed state meanwhile.</summary>
    public async Task<bool> PromoteAsync(ToolKeyPromotion promotion, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var removeAfter = now + Rotation.RetireGrace;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var retired = await db.ToolKeys.Where(k => k.Kid == promotion.CurrentKid && k.State == ToolKeyStates.Current)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.State, ToolKeyStates.Retired).SetProperty(k => k.RetiredAt, now)
                .SetProperty(k => k.RemoveAfter, removeAfter), cancellationToken);
        if (retired == 0) return false;
        var promoted = await db.ToolKeys.Where(k => k.Kid == promotion.NextKid && k.State == ToolKeyStates.Next)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.State, ToolKeyStates.Current).SetProperty(k => k.ActivatedAt, now), cancellationToken);
        if (promoted == 0) return false;
        await audit.AddAsync("key.rotate", promotion.NextKid,
            new { current = promotion.CurrentKid, next = promotion.NextKid },
            new { current = promotion.NextKid, retired = promotion.CurrentKid, removeAfter }, adminRights: true, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Promoted(logger, promotion.NextKid, promotion.CurrentKid, removeAfter);
        return true;
    }

    /// <summary>Retires a key that is in state <paramref name="expected"/>; false when it is not (any more).</summary>
    public async Task<bool> RetireAsync(string kid, string expected, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var removeAfter = now + Rotation.RetireGrace;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var retired = await db.ToolKeys.Where(k => k.Kid == kid && k.State == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.State, ToolKeyStates.Retired).SetProperty(k => k.RetiredAt, now)
                .SetProperty(k => k.RemoveAfter, removeAfter), cancellationToken);
        if (retired == 0) return false;
        await audit.AddAsync("key.retire", kid, new { kid, state = expected }, new { kid, state = ToolKeyStates.Retired, removeAfter },
            adminRights: true, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Retired(logger, kid, removeAfter);
        return true;
    }

    /// <summary>
    /// Takes a retired key whose grace period is over out of the JWKS and erases its private key, which nothing
    /// may use again; false when it is not due (any more).
    /// </summary>
    public async Task<bool> RemoveAsync(string kid, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.ToolKeys.Where(k => k.Kid == kid && k.State == ToolKeyStates.Retired && k.RemoveAfter <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.State, ToolKeyStates.Removed).SetProperty(k => k.ProtectedPrivateKey, ""), cancellationToken);
        if (removed == 0) return false;
        await audit.AddAsync("key.remove", kid, new { kid, state = ToolKeyStates.Retired }, new { kid, state = ToolKeyStates.Removed },
            adminRights: true, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Removed(logger, kid);
        return true;
    }

    /// <summary>
    /// Applies a <see cref="ToolKeyRevocation"/>: the key leaves the JWKS at once (no grace period) and its private key
    /// is erased; when it signed, the planned Next key or a new key signs from now on. One transaction with its audit
    /// entries (<c>key.revoke</c>, and <c>key.create</c> for a new key); false, and nothing changed, when a key is
    /// no longer in the state the plan saw.
    /// </summary>
    public async Task<bool> RevokeAsync(ToolKeyRevocation revocation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var at = now.UtcDateTime;
        var (kid, from) = (revocation.Kid, revocation.From.ToString());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // RetiredAt says when a key stopped signing: now for the Current key, unchanged for the others.
        var revoked = await db.ToolKeys.Where(k => k.Kid == kid && k.State == from)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.State, ToolKeyStates.Revoked).SetProperty(k => k.ProtectedPrivateKey, "")
                .SetProperty(k => k.RetiredAt, k => k.State == ToolKeyStates.Current ? at : k.RetiredAt)
                .SetProperty(k => k.RemoveAfter, at), cancellationToken);
        if (revoked == 0) return false;
        ToolKeyEntity? created = null;
        if (revocation.Promote is { } next)
        {
            var promoted = await db.ToolKeys.Where(k => k.Kid == next && k.State == ToolKeyStates.Next)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.State, ToolKeyStates.Current).SetProperty(k => k.ActivatedAt, at), cancellationToken);
            if (promoted == 0) return false; // rolled back with the transaction: the key is not revoked either
        }
        else if (revocation.GenerateCurrent)
        {
            created = NewRow(ToolKey.Generate(now), ToolKeyStates.Current);
            db.ToolKeys.Add(created);
        }
        var signing = revocation.Promote ?? created?.Kid;
        object after = signing is null
            ? new { kid, state = ToolKeyStates.Revoked, revokedAt = at }
            : new { kid, state = ToolKeyStates.Revoked, revokedAt = at, current = signing, generated = created is not null };
        await audit.AddAsync("key.revoke", kid, new { kid, state = from }, after, adminRights: true, cancellationToken: cancellationToken);
        if (created is not null) await audit.AddAsync("key.create", created.Kid, null, View(created), adminRights: true, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Revoked(logger, kid, from, signing ?? "the same key");
        return true;
    }

    /// <summary>Who revoked each revoked key, from the <c>key.revoke</c> audit entries (the table has no column for it).</summary>
    public async Task<Dictionary<string, string>> RevokersAsync(CancellationToken cancellationToken) =>
        (await db.AuditLog.AsNoTracking().Where(a => a.Action == "key.revoke" && a.Target != null)
            .Select(a => new { Kid = a.Target!, a.ActorName }).ToListAsync(cancellationToken))
        .DistinctBy(a => a.Kid, StringComparer.Ordinal)
        .ToDictionary(a => a.Kid, a => a.ActorName, StringComparer.Ordinal);

    private async Task ActivateAsync(ToolKeyEntity next, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var promoted = await db.ToolKeys.Where(k => k.Kid == next.Kid && k.State == ToolKeyStates.Next)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.State, ToolKeyStates.Current).SetProperty(k => k.ActivatedAt, now.UtcDateTime), cancellationToken);
        if (promoted == 0) return;
        await audit.AddAsync("key.rotate", next.Kid, new { next = next.Kid }, new { current = next.Kid }, adminRights: true, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Promoted(logger, next.Kid, "none", null);
    }

    private async Task<bool> ImportLegacyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(DataFolder.Resolve(configuration, environment), "keys");
        var keys = ToolKeySetLoader.ReadFolder(folder);
        if (keys.Count == 0) return false;
        // As before, the last file signs and the others stay published; now for a grace period only.
        for (var i = 0; i < keys.Count; i++)
        {
            var current = i == keys.Count - 1;
            var row = NewRow(keys[i], current ? ToolKeyStates.Current : ToolKeyStates.Retired);
            if (!current)
            {
                row.RetiredAt = now.UtcDateTime;
                row.RemoveAfter = now.UtcDateTime + Rotation.RetireGrace;
            }
            db.ToolKeys.Add(row);
            await audit.AddAsync("key.import", row.Kid, null, View(row), adminRights: true, cancellationToken: cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        Log.Imported(logger, keys.Count, folder);
        return true;
    }

    private async Task CreateCurrentAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = NewRow(ToolKey.Generate(now), ToolKeyStates.Current);
        db.ToolKeys.Add(row);
        await audit.AddAsync("key.create", row.Kid, null, View(row), adminRights: true, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Log.Created(logger, row.Kid);
    }

    private ToolKeyEntity NewRow(ToolKey key, string state) => new()
    {
        Kid = key.Kid,
        State = state,
        Algorithm = ToolKey.Algorithm,
        ProtectedPrivateKey = Protector.Protect(key.SecurityKey.Rsa.ExportPkcs8PrivateKeyPem()),
        CreatedAt = key.CreatedAt.UtcDateTime,
        ActivatedAt = state == ToolKeyStates.Current ? key.CreatedAt.UtcDateTime : null,
    };

    /// <summary>What the audit log keeps of a key: never its private half.</summary>
    private static object View(ToolKeyEntity row) => new { kid = row.Kid, state = row.State, row.CreatedAt, row.ActivatedAt, row.RetiredAt, row.RemoveAfter };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
