using LtiTool.Web.Data.Entities;

namespace LtiTool.Web.Features.Grades;

/// <summary>How the grade outbox delivers, bound from <c>GradeDelivery</c>.</summary>
public sealed class GradeDeliveryOptions
{
    public const string Section = "GradeDelivery";

    /// <summary>Attempts before a score that keeps failing transiently is given up as Dead (default 10).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first transient failure; it doubles per attempt (default 30 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts (default 1 hour).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Scores sent to platforms at once (default 8): bounded so an LMS is never flooded.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Scores taken from the outbox per pass (default 200).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a delivery holds its rows before another instance may take them (default 2 minutes).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the outbox is checked when nothing new was queued (default 15 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    internal IEnumerable<string> Validate()
    {
        if (MaxAttempts < 1) yield return $"{Section}:MaxAttempts must be at least 1.";
        if (RetryBaseDelay <= TimeSpan.Zero) yield return $"{Section}:RetryBaseDelay must be positive.";
        if (RetryMaxDelay < RetryBaseDelay) yield return $"{Section}:RetryMaxDelay must not be shorter than RetryBaseDelay.";
        if (MaxConcurrency is < 1 or > 64) yield return $"{Section}:MaxConcurrency must be between 1 and 64.";
        if (BatchSize is < 1 or > 5000) yield return $"{Section}:BatchSize must be between 1 and 5000.";
        if (LeaseDuration < TimeSpan.FromSeconds(10)) yield return $"{Section}:LeaseDuration must be at least 10 seconds.";
        if (PollInterval <= TimeSpan.Zero) yield return $"{Section}:PollInterval must be positive.";
    }
}

/// <summary>
/// The outbox state machine: what an attempt's outcome does to a row. Pure, so every edge is unit-tested.
/// <code>
/// Pending --accepted--> Delivered
/// Pending --refused (400, 409, 413, 415, 422; column gone)--> Failed     (reported with the platform's reason)
/// Pending --transient (no answer, timeout, 401, 403, 408, 429, 5xx)--> Pending, later; Dead at MaxAttempts
/// Pending --newer score for the same student and column queued--> Superseded
/// Failed | Dead --retry--> Pending (attempts start again)
/// </code>
/// </summary>
public static class ScoreDeliveryPolicy
{
    public readonly record struct Outcome(string State, int Attempts, DateTime NextAttemptAt);

    /// <summary>A platform answer that retrying cannot change.</summary>
    public static bool IsPermanent(int? platformStatus) => platformStatus is 400 or 404 or 409 or 410 or 413 or 415 or 422;

    /// <summary>The row after an attempt that failed with <paramref name="platformStatus"/> (null: no answer).</summary>
    public static Outcome AfterFailure(int attemptsBefore, int? platformStatus, DateTime now, GradeDeliveryOptions options, double jitter)
    {
        var attempts = attemptsBefore + 1;
        if (IsPermanent(platformStatus)) return new Outcome(ScoreStates.Failed, attempts, now);
        if (attempts >= options.MaxAttempts) return new Outcome(ScoreStates.Dead, attempts, now);
        return new Outcome(ScoreStates.Pending, attempts, now + Backoff(attempts, options, jitter));
    }

    /// <summary>Exponential backoff: base × 2^(attempts−1), capped, spread by ±20 % (<paramref name="jitter"/> in [0, 1)).</summary>
    public static TimeSpan Backoff(int attempts, GradeDeliveryOptions options, double jitter)
    {
        var exponent = Math.Min(attempts - 1, 30);
        var ticks = Math.Min(options.RetryBaseDelay.Ticks * Math.Pow(2, exponent), options.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (0.8 + 0.4 * Math.Clamp(jitter, 0, 1))));
    }

    /// <summary>Whether someone may send the row again (a refused or given-up score).</summary>
    public static bool CanRetry(string state) => state is ScoreStates.Failed or ScoreStates.Dead;
}
