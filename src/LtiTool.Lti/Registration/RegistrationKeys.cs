namespace LtiTool.Lti.Registration;

/// <summary>
/// Member names of the LTI Dynamic Registration 1.0 documents (§3.4 the platform's OpenID configuration, §3.5.2
/// the client registration) and of Canvas's extensions to them.
/// </summary>
public static class RegistrationKeys
{
    /// <summary>The LTI object inside the platform's OpenID configuration (§3.4.1).</summary>
    public const string PlatformConfiguration = "https://purl.imsglobal.org/spec/lti-platform-configuration";
    /// <summary>The LTI object inside the client registration request and response (§3.5.2).</summary>
    public const string ToolConfiguration = "https://purl.imsglobal.org/spec/lti-tool-configuration";

    /// <summary>Canvas: the privacy level (public, name_only, email_only, anonymous) in the tool configuration.</summary>
    public const string CanvasPrivacyLevel = "https://canvas.instructure.com/lti/privacy_level";
    /// <summary>Canvas: whether the course_navigation link is on by default, in a message.</summary>
    public const string CanvasCourseNavigationDefaultEnabled = "https://canvas.instructure.com/lti/course_navigation/default_enabled";
    /// <summary>Canvas: who sees a message's placement (admins, members, public).</summary>
    public const string CanvasVisibility = "https://canvas.instructure.com/lti/visibility";
    /// <summary>Canvas: the root account's name in the platform configuration.</summary>
    public const string CanvasAccountName = "https://canvas.instructure.com/lti/account_name";
    /// <summary>Canvas: the root account's domain in the platform configuration.</summary>
    public const string CanvasAccountDomain = "https://canvas.instructure.com/lti/account_domain";
    /// <summary>Canvas: newer builds advertise their own placements as this prefix and the placement name.</summary>
    public const string CanvasPlacementPrefix = "https://canvas.instructure.com/lti/";
}
