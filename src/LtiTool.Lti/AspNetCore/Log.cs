using LtiTool.Lti.Launch;
using Microsoft.Extensions.Logging;

namespace LtiTool.Lti.AspNetCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "LTI launch validated for registration {RegistrationId}: {MessageType}, browser binding {Transport}")]
    public static partial void LaunchValidated(ILogger logger, string registrationId, string? messageType, string transport);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "LTI launch refused: {ErrorCode} at check {Check} (registration {RegistrationId})")]
    public static partial void LaunchFailed(ILogger logger, string errorCode, LaunchCheck? check, string? registrationId);
}
