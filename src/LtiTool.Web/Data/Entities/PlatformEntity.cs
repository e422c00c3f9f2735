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
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<DeploymentEntity> Deployments { get; set; } = [];
}

public sealed class DeploymentEntity
{
    public long Id { get; set; }
    public required string PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class PlatformSources
{
    public const string Configuration = "configuration";
    public const string Database = "database";
    public const string Demo = "demo";
}
