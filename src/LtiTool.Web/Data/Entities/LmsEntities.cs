namespace LtiTool.Web.Data.Entities;

public sealed class UserEntity
{
    /// <summary>What to call a person: the full name, else given and family names, else nothing.</summary>
    public static string? DisplayName(string? name, string? givenName, string? familyName) =>
        !string.IsNullOrWhiteSpace(name) ? name
        : string.Join(' ', new[] { givenName, familyName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } joined ? joined
        : null;

    public Guid Id { get; set; }
    public required string PlatformId { get; set; }
    public required string Subject { get; set; }
    public string? Name { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? Email { get; set; }
    public string? Picture { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class ContextEntity
{
    public Guid Id { get; set; }
    public required string PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string ContextKey { get; set; }
    public string? Label { get; set; }
    public string? Title { get; set; }
    public string? Types { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the roster was last read completely from the platform (NRPS).</summary>
    public DateTime? RosterSyncedAt { get; set; }
    /// <summary>Why the last roster sync failed (error code and detail), if it did.</summary>
    public string? RosterSyncError { get; set; }
}

public sealed class EnrolmentEntity
{
    public Guid Id { get; set; }
    public Guid ContextId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The LIS role URNs of the latest launch, space-separated (URNs contain no spaces).</summary>
    public required string Roles { get; set; }
    public required string InternalRoles { get; set; }
    /// <summary>Active, or Left when a complete roster sync no longer lists the member (never deleted).</summary>
    public string Status { get; set; } = EnrolmentStatus.Active;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public static class EnrolmentStatus
{
    public const string Active = "Active";
    public const string Left = "Left";
}

public sealed class LaunchRecordEntity
{
    public Guid Id { get; set; }
    public required string PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string MessageType { get; set; }
    public Guid? UserId { get; set; }
    public Guid? ContextId { get; set; }
    public string? ResourceLinkId { get; set; }
    public string? ResourceLinkTitle { get; set; }
    public required string Roles { get; set; }
    public required string InternalRoles { get; set; }
    public string? CustomJson { get; set; }
    public string? AgsLineItemsUrl { get; set; }
    public string? AgsLineItemUrl { get; set; }
    public string? AgsScopes { get; set; }
    public string? NrpsMembershipsUrl { get; set; }
    public string? PresentationJson { get; set; }
    public string? DeepLinkingSettingsJson { get; set; }
    public string? Placement { get; set; }
    public string? TargetLinkUri { get; set; }
    /// <summary>Login hints kept for support: Canvas's lti_storage_target, canvas_region, canvas_environment.</summary>
    public string? StorageTarget { get; set; }
    public string? CanvasRegion { get; set; }
    public string? CanvasEnvironment { get; set; }
    /// <summary>How the browser binding was proven: cookie, or none.</summary>
    public required string Transport { get; set; }
    public DateTime CreatedAt { get; set; }
}
