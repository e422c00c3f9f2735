namespace LtiTool.Lti.Claims;

/// <summary>The claim names of LTI 1.3 messages (LTI Core 1.3 §5, Deep Linking 2.0 §4.4, AGS 2.0 §3.1, NRPS 2.0 §3.6).</summary>
public static class LtiClaimTypes
{
    private const string Lti = "https://purl.imsglobal.org/spec/lti/claim/";

    /// <summary>The message type (LtiResourceLinkRequest, LtiDeepLinkingRequest, …).</summary>
    public const string MessageType = Lti + "message_type";
    /// <summary>The LTI version; 1.3.0 for this tool.</summary>
    public const string Version = Lti + "version";
    /// <summary>The deployment id of the tool within the platform.</summary>
    public const string DeploymentId = Lti + "deployment_id";
    /// <summary>The URL the platform intends to launch.</summary>
    public const string TargetLinkUri = Lti + "target_link_uri";
    /// <summary>The resource link object (id, title, description).</summary>
    public const string ResourceLink = Lti + "resource_link";
    /// <summary>The roles of the user in the context (LIS URNs).</summary>
    public const string Roles = Lti + "roles";
    /// <summary>The context (course, group, account) of the launch.</summary>
    public const string Context = Lti + "context";
    /// <summary>The platform instance (guid, name, product family).</summary>
    public const string ToolPlatform = Lti + "tool_platform";
    /// <summary>The launch presentation (document target, return URL, locale, size).</summary>
    public const string LaunchPresentation = Lti + "launch_presentation";
    /// <summary>The custom parameters after variable substitution.</summary>
    public const string Custom = Lti + "custom";
    /// <summary>LIS identifiers (person and course offering sourcedids).</summary>
    public const string Lis = Lti + "lis";
    /// <summary>The users a mentor (observer) mentors.</summary>
    public const string RoleScopeMentor = Lti + "role_scope_mentor";
    /// <summary>The LTI 1.1 user id (Canvas).</summary>
    public const string Lti11LegacyUserId = Lti + "lti11_legacy_user_id";
    /// <summary>The LTI 1.1 migration claim.</summary>
    public const string Lti1p1 = Lti + "lti1p1";

    /// <summary>Deep Linking 2.0 settings of a deep linking request.</summary>
    public const string DeepLinkingSettings = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    /// <summary>Deep Linking 2.0 content items of a response.</summary>
    public const string ContentItems = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
    /// <summary>Deep Linking 2.0 opaque data echoed back.</summary>
    public const string DeepLinkingData = "https://purl.imsglobal.org/spec/lti-dl/claim/data";
    /// <summary>Deep Linking 2.0 response: a message for the user when the selection succeeded.</summary>
    public const string DeepLinkingMessage = "https://purl.imsglobal.org/spec/lti-dl/claim/msg";
    /// <summary>Deep Linking 2.0 response: a message for the platform's log when the selection succeeded.</summary>
    public const string DeepLinkingLog = "https://purl.imsglobal.org/spec/lti-dl/claim/log";
    /// <summary>Deep Linking 2.0 response: a message for the user when the selection failed or was cancelled.</summary>
    public const string DeepLinkingErrorMessage = "https://purl.imsglobal.org/spec/lti-dl/claim/errormsg";
    /// <summary>Deep Linking 2.0 response: a message for the platform's log when the selection failed or was cancelled.</summary>
    public const string DeepLinkingErrorLog = "https://purl.imsglobal.org/spec/lti-dl/claim/errorlog";

    /// <summary>The Assignment and Grade Services endpoint claim.</summary>
    public const string AgsEndpoint = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    /// <summary>The Names and Role Provisioning Services claim.</summary>
    public const string NrpsService = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

    /// <summary>Canvas: the placement that launched the tool (null for assignment launches).</summary>
    public const string CanvasPlacement = "https://www.instructure.com/placement";

    /// <summary>OpenID Connect standard claims used by LTI.</summary>
    public const string Issuer = "iss";
    /// <summary>Subject: the platform's stable user id.</summary>
    public const string Subject = "sub";
    /// <summary>Audience.</summary>
    public const string Audience = "aud";
    /// <summary>Authorized party.</summary>
    public const string AuthorizedParty = "azp";
    /// <summary>Expiry (NumericDate).</summary>
    public const string Expires = "exp";
    /// <summary>Issued at (NumericDate).</summary>
    public const string IssuedAt = "iat";
    /// <summary>Not before (NumericDate).</summary>
    public const string NotBefore = "nbf";
    /// <summary>The nonce the tool sent in the authentication request.</summary>
    public const string Nonce = "nonce";
    /// <summary>Full name.</summary>
    public const string Name = "name";
    /// <summary>Given name.</summary>
    public const string GivenName = "given_name";
    /// <summary>Family name.</summary>
    public const string FamilyName = "family_name";
    /// <summary>E-mail address.</summary>
    public const string Email = "email";
    /// <summary>Picture URL.</summary>
    public const string Picture = "picture";
    /// <summary>Locale.</summary>
    public const string Locale = "locale";
}
