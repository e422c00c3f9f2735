namespace LtiTool.Lti.Keys;

/// <summary>
/// The rotation schedule, decided from the keys' states and the clock alone. A new key is published
/// <see cref="ToolKeyRotationOptions.PublishAhead"/> before the current key's <see cref="ToolKeyRotationOptions.Period"/>
/// ends, so platforms that cache the JWKS know it before it signs (Security Framework 1.0 §6.3: the tool
/// rotates keys and platforms re-read its key set); it takes over once the period is over and it has been
/// published that long; the old key stays published for <see cref="ToolKeyRotationOptions.RetireGrace"/>.
/// </summary>
public static class ToolKeySchedule
{
    /// <summary>
    /// The key that signs: the Current one, or the most recently activated when several are Current (two
    /// instances that started at once on an empty table each made one; the others are retired by the plan).
    /// </summary>
    public static ToolKeyStatus? Signing(IEnumerable<ToolKeyStatus> keys) => keys
        .Where(k => k.State == ToolKeyState.Current)
        .OrderByDescending(k => k.ActivatedAt ?? k.CreatedAt)
        .ThenBy(k => k.Kid, StringComparer.Ordinal)
        .FirstOrDefault();

    /// <summary>What is due at <paramref name="now"/>. Applying the plan and planning again at the same instant gives an empty plan.</summary>
    public static ToolKeyPlan Plan(IReadOnlyList<ToolKeyStatus> keys, DateTimeOffset now, ToolKeyRotationOptions options)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        var current = Signing(keys);
        var extraCurrent = keys.Where(k => k.State == ToolKeyState.Current && k != current).Select(k => k.Kid).ToList();
        // Removal is due whether or not scheduled rotation is on: a key retired by hand leaves the JWKS too.
        var remove = keys.Where(k => k.State == ToolKeyState.Retired && k.RemoveAfter is { } at && at <= now).Select(k => k.Kid).ToList();
        if (options.Period <= TimeSpan.Zero || current is null) return new ToolKeyPlan(false, null, extraCurrent, remove);

        var signingFor = now - (current.ActivatedAt ?? current.CreatedAt);
        var next = keys.Where(k => k.State == ToolKeyState.Next)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.Kid, StringComparer.Ordinal).FirstOrDefault();
        if (next is null) return new ToolKeyPlan(signingFor >= options.Period - options.PublishAhead, null, extraCurrent, remove);

        var due = signingFor >= options.Period && now - next.CreatedAt >= options.PublishAhead;
        return new ToolKeyPlan(false, due ? new ToolKeyPromotion(current.Kid, next.Kid) : null, extraCurrent, remove);
    }
}
