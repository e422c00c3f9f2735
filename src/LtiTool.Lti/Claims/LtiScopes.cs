namespace LtiTool.Lti.Claims;

/// <summary>OAuth 2 scopes of the LTI Advantage services (AGS 2.0 §3.1, NRPS 2.0 §3.7).</summary>
public static class LtiScopes
{
    /// <summary>Manage line items.</summary>
    public const string AgsLineItem = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    /// <summary>Read line items.</summary>
    public const string AgsLineItemReadOnly = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
    /// <summary>Read results.</summary>
    public const string AgsResultReadOnly = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    /// <summary>Publish scores.</summary>
    public const string AgsScore = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    /// <summary>Read the context's memberships.</summary>
    public const string NrpsContextMembershipReadOnly = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    /// <summary>The only scope of the OIDC authentication request.</summary>
    public const string OpenId = "openid";
}
