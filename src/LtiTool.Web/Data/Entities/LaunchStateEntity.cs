namespace LtiTool.Web.Data.Entities;

public sealed class LaunchStateEntity
{
    public required string State { get; set; }
    public required string Nonce { get; set; }
    public required string PlatformId { get; set; }
    public string? DeploymentIdHint { get; set; }
    public required string TargetLinkUri { get; set; }
    public required string BindingHash { get; set; }
    public string? StorageTarget { get; set; }
    public string? CanvasRegion { get; set; }
    public string? CanvasEnvironment { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ConsumedAt { get; set; }
}
