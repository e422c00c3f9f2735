namespace LtiTool.Web.Data.Entities;

/// <summary>
/// A signing key the tool manages (generated, rotated): its private part protected at rest with ASP.NET Core
/// Data Protection. Keys loaded from <c>Lti:Keys:Path</c> stay in their PEM files and are not stored here.
/// </summary>
public sealed class ToolKeyEntity
{
    /// <summary>The key id (kid) published in the JWKS.</summary>
    public required string Kid { get; set; }
    /// <summary>
    /// Next (published, not signing), Current (signing), Retired (published until RemoveAfter), Removed, or Revoked
    /// (taken out of the JWKS at once; RemoveAfter is when). A plain string column: a new state needs no migration.
    /// </summary>
    public required string State { get; set; }
    public string Algorithm { get; set; } = "RS256";
    /// <summary>The private key (PKCS#8 PEM) protected by Data Protection; never logged, never shown.</summary>
    public required string ProtectedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
    /// <summary>When a retired key leaves the JWKS (platforms that cached it have refreshed by then).</summary>
    public DateTime? RemoveAfter { get; set; }
}

public static class ToolKeyStates
{
    public const string Next = "Next";
    public const string Current = "Current";
    public const string Retired = "Retired";
    public const string Removed = "Removed";
    public const string Revoked = "Revoked";
}

/// <summary>
/// The audit log (seed: audited admin access): every admin action and every grade push or change — who
/// (user, platform, roles), what, on what, when, and before/after where it applies. Rows are only ever added.
/// </summary>
public sealed class AuditEntryEntity
{
    public Guid Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>A dotted action name, e.g. platform.add, deployment.approve, key.rotate, grade.push, grade.change.</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to (a platform id, a kid, a column and student…).</summary>
    public string? Target { get; set; }
    public Guid? ContextId { get; set; }
    public Guid? ActorUserId { get; set; }
    /// <summary>The actor's name as shown then (kept even if the user is later removed), or "bootstrap"/"cli".</summary>
    public required string ActorName { get; set; }
    public string? ActorPlatformId { get; set; }
    public string? ActorRoles { get; set; }
    /// <summary>True when the action needed administrative rights (the access review lists these).</summary>
    public bool AdminRights { get; set; }
    public string? BeforeJson { get; set; }
    public string? AfterJson { get; set; }
    public string? CorrelationId { get; set; }
}
