namespace LtiTool.DemoPlatform;

/// <summary>The built-in demo LMS, bound from <c>DemoPlatform</c>. On in Development; elsewhere only when enabled.</summary>
public sealed class DemoPlatformOptions
{
    /// <summary>Whether the demo LMS is served (null: only in Development).</summary>
    public bool? Enabled { get; set; }
    /// <summary>Where its pages and endpoints live.</summary>
    public string PathBase { get; set; } = "/demo";
    /// <summary>Its issuer (an identifier; it does not need to resolve).</summary>
    public string Issuer { get; set; } = "https://demo-lms.ltitool.invalid";
    /// <summary>The client id it assigned to the tool.</summary>
    public string ClientId { get; set; } = "10000000000001";
    /// <summary>The deployment id of the tool in it (Canvas shape: tool id, colon, 40-hex context id).</summary>
    public string DeploymentId { get; set; } = "1:d3m0d3pl0ym3nt000000000000000000000000a1";
    /// <summary>Its display name.</summary>
    public string Name { get; set; } = "Demo LMS";
    /// <summary>How many generated students the demo course has besides the demo people (NRPS pages them).</summary>
    public int GeneratedStudents { get; set; } = 200;
    /// <summary>
    /// Whether it offers platform storage as Canvas does: <c>lti_storage_target=post_message_forwarding</c> in the
    /// login and launch forms, a forwarding frame of that name next to the tool's, and lti.put_data / lti.get_data
    /// answered by its page (default true).
    /// </summary>
    public bool PlatformStorage { get; set; } = true;
    /// <summary>How long a prepared launch (the message hint) stays usable; Canvas uses 5 minutes.</summary>
    public TimeSpan MessageHintLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
