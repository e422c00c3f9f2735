namespace LtiTool.Lti.Services;

/// <summary>Service tokens, bound from <c>Lti:Services</c>.</summary>
public sealed class PlatformTokenOptions
{
    /// <summary>A cached token is renewed this long before it expires (default 2 minutes).</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Lifetime of a client assertion (default 5 minutes, Canvas's limit for iat).</summary>
    public TimeSpan AssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
