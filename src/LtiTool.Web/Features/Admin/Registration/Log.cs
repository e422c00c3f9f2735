namespace LtiTool.Web.Features.Admin.Registration;

// Never logs the registration token: it is a credential until the platform has used it.
internal static partial class Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Dynamic registration: platform {PlatformId} ({Issuer}) registered with client id {ClientId}, deployment {DeploymentId}; updated an existing registration: {Updated}")]
    public static partial void Registered(ILogger logger, string platformId, string issuer, string clientId, string? deploymentId, bool updated);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Dynamic registration failed with {Code} (platform answered HTTP {PlatformStatus})")]
    public static partial void RegistrationFailed(ILogger logger, string code, int? platformStatus);
}
