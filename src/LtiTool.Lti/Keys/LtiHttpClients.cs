namespace LtiTool.Lti.Keys;

/// <summary>Names of the tool's outbound HttpClients, so tests can route them.</summary>
public static class LtiHttpClients
{
    /// <summary>Calls to platforms: JWKS, and later token and services.</summary>
    public const string Platform = "LtiTool.Platform";
}
