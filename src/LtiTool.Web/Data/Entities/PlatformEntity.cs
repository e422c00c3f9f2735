namespace LtiTool.Web.Data.Entities;

public sealed class PlatformEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Issuer { get; set; }
    public required string ClientId { get; set; }
    public required string AuthorizationEndpoint { get; set; }
    public required string JwksUri { get; set; }
    public string? TokenEndpoint { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Where the registration comes from: configuration, database (admin) or demo.</summary>
    public required string Source { get; set; }
    /// <summary>Strict (only listed deployments launch) or AutoRegister (a new deployment in a valid launch waits for approval).</summary>
    public string DeploymentPolicy { get; set; } = DeploymentPolicies.Strict;
    /// <summary>A <see cref="LtiTool.Lti.Platforms.UnboundLaunchPolicy"/> name: Refuse (default) or AcceptServerState.</summary>
    public string UnboundLaunchPolicy { get; set; } = nameof(LtiTool.Lti.Platforms.UnboundLaunchPolicy.Refuse);
    /// <summary>A <see cref="LtiTool.Lti.Platforms.PlatformStorageMode"/> name: WhenOffered (default), Probe or Off.</summary>
    public string PlatformStorage { get; set; } = nameof(LtiTool.Lti.Platforms.PlatformStorageMode.WhenOffered);
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<DeploymentEntity> Deployments { get; set; } = [];
}

public static class DeploymentPolicies
{
    public const string Strict = "Strict";
    public const string AutoRegister = "AutoRegister";
    public static readonly IReadOnlyList<string> All = [Strict, AutoRegister];
}

public static class DeploymentStates
{
    /// <summary>Launches from it are accepted.</summary>
    public const string Approved = "Approved";
    /// <summary>Seen in a valid launch of an AutoRegister platform; refused until an admin approves it.</summary>
    public const string Pending = "Pending";
    /// <summary>Refused by an admin.</summary>
    public const string Rejected = "Rejected";
}

public sealed class DeploymentEntity
{
    public long Id { get; set; }
    public required string PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string Status { get; set; } = DeploymentStates.Approved;
    /// <summary>A name an admin gives it (Canvas creates one per account or sub-account).</summary>
    public string? Name { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public static class PlatformSources
{
    public const string Configuration = "configuration";
    public const string Database = "database";
    public const string Demo = "demo";
}
