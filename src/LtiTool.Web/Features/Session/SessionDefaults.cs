namespace LtiTool.Web.Features.Session;

public static class SessionDefaults
{
    public const string AuthenticationScheme = "LtiSession";
    public const string Issuer = "LtiTool";
    public const string Audience = "LtiTool.Api";
    /// <summary>__Host-: only this host sets it (no Domain, Path=/, Secure), so a sibling subdomain cannot plant one.</summary>
    public const string CookieName = "__Host-lti_session";
    /// <summary>
    /// The query parameter that carries the session token on page links where the browser keeps no cookie of the
    /// tool in the LMS frame (GET only, like the cookie).
    /// </summary>
    public const string QueryParameter = "lti_session";
    public const string LaunchIdClaim = "lid";
    public const string UserIdClaim = "uid";
    public const string ContextIdClaim = "cid";
    /// <summary>Marks a bootstrap admin session (first setup, signed in with the bootstrap credential).</summary>
    public const string BootstrapClaim = "bootstrap";
}
