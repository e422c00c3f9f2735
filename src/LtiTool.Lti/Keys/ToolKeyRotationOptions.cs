using LtiTool.Lti.AspNetCore;

namespace LtiTool.Lti.Keys;

/// <summary>Scheduled rotation of keys the tool manages itself, bound from <c>Lti:Keys:Rotation</c>.</summary>
public sealed class ToolKeyRotationOptions
{
    /// <summary>How long a key signs before the next one takes over (default 90 days; zero switches scheduled rotation off).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long the next key is published before it signs (default 2 days).</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a retired key stays published after it stopped signing (default 7 days).</summary>
    public TimeSpan RetireGrace { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often each instance applies the schedule and re-reads the keys other instances changed (default 1 minute).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The problems with these settings; empty when they are usable.</summary>
    public IEnumerable<string> Validate()
    {
        if (CheckInterval < TimeSpan.FromSeconds(1) || CheckInterval > TimeSpan.FromHours(1))
            yield return $"Lti:Keys:Rotation:CheckInterval {CheckInterval} is outside 00:00:01..01:00:00.";
        // A platform may serve the JWKS from its cache for max-age, and another instance may take one check
        // interval to notice a new key: a key published for less than both could sign before platforms know it.
        var lag = LtiLaunchDefaults.JwksMaxAge + CheckInterval;
        if (Period < TimeSpan.Zero) yield return $"Lti:Keys:Rotation:Period {Period} is negative (zero switches scheduled rotation off).";
        if (Period > TimeSpan.Zero)
        {
            if (PublishAhead < lag)
                yield return $"Lti:Keys:Rotation:PublishAhead {PublishAhead} is shorter than the JWKS cache lifetime plus CheckInterval ({lag}).";
            if (Period <= PublishAhead)
                yield return $"Lti:Keys:Rotation:Period {Period} must be longer than PublishAhead {PublishAhead}.";
        }
        // Whatever an old key signed just before it retired (a deep linking answer lives up to an hour, and
        // other instances sign with it until their next check) must still verify.
        var minimumGrace = TimeSpan.FromHours(1) + CheckInterval;
        if (RetireGrace < minimumGrace)
            yield return $"Lti:Keys:Rotation:RetireGrace {RetireGrace} is shorter than an hour plus CheckInterval ({minimumGrace}).";
    }
}
