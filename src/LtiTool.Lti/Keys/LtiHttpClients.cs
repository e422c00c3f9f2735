namespace LtiTool.Lti.Keys;

/// <summary>Names of the tool's outbound HttpClients, so tests can route them.</summary>
public static class LtiHttpClients
{
    /// <summary>Calls on the launch path: platform JWKS (short timeouts, one quick retry).</summary>
    public const string Platform = "LtiTool.Platform";

    /// <summary>Calls to platform services: token endpoint, NRPS, AGS (retries with backoff, Retry-After).</summary>
    public const string Services = "LtiTool.Services";
}
