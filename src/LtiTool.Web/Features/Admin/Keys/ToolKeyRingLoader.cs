using System.Security.Cryptography;
using LtiTool.Lti.Keys;
using LtiTool.Web.Data.Entities;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// Reads database-managed keys into the <see cref="ToolKeyRing"/>: the Current key signs, Next, Current and
/// Retired keys are published (Removed and Revoked ones are not). Private keys are unprotected once per kid and
/// kept in memory only while the kid is published, so a revoked key is dropped at the first load that sees it.
/// </summary>
public sealed class ToolKeyRingLoader(ToolKeyRing ring, ILogger<ToolKeyRingLoader> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, ToolKey> _unprotected = new(StringComparer.Ordinal);

    /// <summary>Loads the keys; true when the ring changed. Throws when no key signs or the signing key cannot be read.</summary>
    public async Task<bool> LoadAsync(ToolKeyStore store, CancellationToken cancellationToken)
    {
        // One load at a time, so an older read can never replace a newer one.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var rows = await store.ListAsync(cancellationToken);
            var signing = ToolKeySchedule.Signing(rows.Select(ToolKeyStore.Status))
                ?? throw new InvalidOperationException("No tool key is Current in tool_keys.");
            var published = new List<ToolKey>();
            foreach (var row in rows.Where(r => ToolKeyStore.Status(r).IsPublished))
            {
                if (Read(store, row, row.Kid == signing.Kid) is { } key) published.Add(key);
            }
            _unprotected = published.ToDictionary(k => k.Kid, StringComparer.Ordinal);
            var set = new ToolKeySet(_unprotected[signing.Kid], published);
            var changed = ring.Replace(set);
            if (changed) Log.Loaded(logger, signing.Kid, set.Published.Count);
            return changed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ToolKey? Read(ToolKeyStore store, ToolKeyEntity row, bool signs)
    {
        if (_unprotected.TryGetValue(row.Kid, out var known)) return known;
        try
        {
            return store.Unprotect(row);
        }
        catch (CryptographicException e) when (!signs)
        {
            Log.Unreadable(logger, row.Kid, e);
            return null;
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The private key of the signing tool key {row.Kid} cannot be read: the Data Protection key ring is not the one it was " +
                "protected with. Every instance must share the same key ring (Lti:Keys:ProtectionKeysPath).", e);
        }
    }
}
