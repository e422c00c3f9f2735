namespace LtiTool.Lti.Claims;

/// <summary>Media types of the LTI Advantage services (NRPS 2.0 §2.2, AGS 2.0 §3.2–3.4).</summary>
public static class LtiMediaTypes
{
    /// <summary>An NRPS membership container.</summary>
    public const string MembershipContainer = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    /// <summary>An AGS line item.</summary>
    public const string LineItem = "application/vnd.ims.lis.v2.lineitem+json";
    /// <summary>An AGS line item container.</summary>
    public const string LineItemContainer = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    /// <summary>An AGS score.</summary>
    public const string Score = "application/vnd.ims.lis.v1.score+json";
    /// <summary>An AGS result container.</summary>
    public const string ResultContainer = "application/vnd.ims.lis.v2.resultcontainer+json";
}
