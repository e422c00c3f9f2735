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
    /// <summary>The login's login_hint and lti_message_hint, kept (as long as the state) for the new-window fallback.</summary>
    public string? LoginHint { get; set; }
    public string? LtiMessageHint { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ConsumedAt { get; set; }
}
