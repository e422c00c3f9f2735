namespace LtiTool.Lti.Services;

/// <summary>Service tokens, bound from <c>Lti:Services</c>.</summary>
public sealed class PlatformTokenOptions
{
    /// <summary>A cached token is renewed this long before it expires (default 2 minutes).</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Lifetime of a client assertion (default 5 minutes, Canvas's limit for iat).</summary>
    public TimeSpan AssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Retries of a failed service call (5xx, 408, 429), default 4.</summary>
    public int MaxRetries { get; set; } = 4;
    /// <summary>First retry delay, doubled each time with jitter (default 500 ms); Retry-After wins when sent.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Timeout of one attempt (default 20 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);
    /// <summary>Timeout of a call with all its retries (default 90 s).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
