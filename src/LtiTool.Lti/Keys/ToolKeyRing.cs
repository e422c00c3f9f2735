namespace LtiTool.Lti.Keys;

/// <summary>
/// The tool's keys as they are now. Everything that signs or publishes reads <see cref="Keys"/> at the moment
/// it needs them, so a rotation takes effect without a restart; the set is swapped whole, never edited, so a
/// reader sees either the old set or the new one.
/// </summary>
public sealed class ToolKeyRing
{
    private ToolKeySet? _keys;

    /// <summary>A ring that holds no keys until <see cref="Replace"/> is called (keys loaded once storage is ready).</summary>
    public ToolKeyRing()
    {
    }

    /// <summary>A ring holding <paramref name="keys"/>.</summary>
    public ToolKeyRing(ToolKeySet keys) => _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    /// <summary>The current set; throws when the keys have not been loaded yet.</summary>
    public ToolKeySet Keys => Volatile.Read(ref _keys)
        ?? throw new InvalidOperationException("The tool's keys have not been loaded yet: they are loaded when the host starts.");

    /// <summary>Whether a set has been loaded.</summary>
    public bool IsLoaded => Volatile.Read(ref _keys) is not null;

    /// <summary>The key that signs now.</summary>
    public ToolKey SigningKey => Keys.SigningKey;

    /// <summary>Swaps in a new set; returns false (and keeps the old one) when it has the same keys.</summary>
    public bool Replace(ToolKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var old = Volatile.Read(ref _keys);
        if (keys.SameKeysAs(old)) return false;
        Volatile.Write(ref _keys, keys);
        return true;
    }
}
