namespace LtiTool.Lti.DeepLinking;

/// <summary>Deep linking responses, bound from <c>Lti:DeepLinking</c>.</summary>
public sealed class DeepLinkingOptions
{
    /// <summary>The configuration section, under <c>Lti</c>.</summary>
    public const string Section = "DeepLinking";

    /// <summary>
    /// How long a signed response stays valid (default 10 minutes, between 1 minute and 1 hour). Canvas refuses
    /// a response that has expired when the browser's form post reaches it, so it must outlive a slow network.
    /// </summary>
    public TimeSpan ResponseLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Checks the values; returns the problems found with their configuration keys.</summary>
    public IEnumerable<string> Validate()
    {
        if (ResponseLifetime < TimeSpan.FromMinutes(1) || ResponseLifetime > TimeSpan.FromHours(1))
            yield return "Lti:DeepLinking:ResponseLifetime must be between 00:01:00 and 01:00:00.";
    }
}
