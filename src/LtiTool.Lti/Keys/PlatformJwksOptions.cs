namespace LtiTool.Lti.Keys;

/// <summary>How platform key sets are cached, bound from <c>Lti:Jwks</c>.</summary>
public sealed class PlatformJwksOptions
{
    /// <summary>Cache lifetime when the platform sends no Cache-Control max-age (default 1 hour).</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(1);
    /// <summary>The shortest cache lifetime, whatever the platform says (default 1 minute).</summary>
    public TimeSpan MinimumLifetime { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>The longest cache lifetime, whatever the platform says (default 24 hours).</summary>
    public TimeSpan MaximumLifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>At most one refresh per JWKS URL in this interval when an unknown kid arrives (default 10 seconds).</summary>
    public TimeSpan UnknownKidRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>After a failed fetch, the last good set is served and the next try waits this long (default 30 seconds).</summary>
    public TimeSpan FailureRetryInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>The size limit of a JWKS document (default 256 KB).</summary>
    public int MaxDocumentBytes { get; set; } = 256 * 1024;
}
