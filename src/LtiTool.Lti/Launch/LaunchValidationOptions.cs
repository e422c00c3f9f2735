namespace LtiTool.Lti.Launch;

/// <summary>Settings of the login and launch checks, bound from <c>Lti:Launch</c>.</summary>
public sealed class LaunchValidationOptions
{
    /// <summary>How long a login state waits for the platform's answer (default 10 minutes).</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Leeway for exp, iat and nbf (default 60 seconds, at most 5 minutes).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The id_token's size limit in characters; checked before any parsing (64 KB).</summary>
    public int MaxTokenLength { get; set; } = 64 * 1024;

    /// <summary>Checks the values; returns the problems found with their configuration keys.</summary>
    public IEnumerable<string> Validate()
    {
        if (StateLifetime < TimeSpan.FromSeconds(30) || StateLifetime > TimeSpan.FromHours(1))
            yield return "Lti:Launch:StateLifetime must be between 00:00:30 and 01:00:00.";
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
            yield return "Lti:Launch:ClockSkew must be between 00:00:00 and 00:05:00.";
        if (MaxTokenLength is < 1024 or > 1024 * 1024)
            yield return "Lti:Launch:MaxTokenLength must be between 1024 and 1048576.";
    }
}
