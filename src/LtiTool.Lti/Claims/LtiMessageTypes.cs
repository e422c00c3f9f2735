namespace LtiTool.Lti.Claims;

/// <summary>The LTI message types this tool accepts (LTI Core 1.3 §5.3.1, Deep Linking 2.0 §4.4.1).</summary>
public static class LtiMessageTypes
{
    /// <summary>A resource link launch.</summary>
    public const string ResourceLinkRequest = "LtiResourceLinkRequest";
    /// <summary>A deep linking request.</summary>
    public const string DeepLinkingRequest = "LtiDeepLinkingRequest";
    /// <summary>A deep linking response (sent by the tool).</summary>
    public const string DeepLinkingResponse = "LtiDeepLinkingResponse";

    /// <summary>The LTI version this tool implements.</summary>
    public const string Version = "1.3.0";

    /// <summary>Whether the tool accepts this message type at its launch endpoint.</summary>
    public static bool IsSupportedLaunch(string messageType) =>
        messageType is ResourceLinkRequest or DeepLinkingRequest;
}
