namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>Tool key events: kids and dates only, never key material.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Tool key {Kid} published as the next key")]
    public static partial void Published(ILogger logger, string kid);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Tool key {Kid} now signs; {OldKid} retired, published until {RemoveAfter:o}")]
    public static partial void Promoted(ILogger logger, string kid, string oldKid, DateTime? removeAfter);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Information, Message = "Tool key {Kid} retired, published until {RemoveAfter:o}")]
    public static partial void Retired(ILogger logger, string kid, DateTime removeAfter);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Information, Message = "Tool key {Kid} removed from the JWKS and its private key erased")]
    public static partial void Removed(ILogger logger, string kid);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Information, Message = "Imported {Count} tool key(s) from {Folder} into the database, keeping their kids; the files are no longer read")]
    public static partial void Imported(ILogger logger, int count, string folder);

    [LoggerMessage(EventId = 6206, Level = LogLevel.Information, Message = "Generated tool key {Kid}; it signs from now on")]
    public static partial void Created(ILogger logger, string kid);

    [LoggerMessage(EventId = 6207, Level = LogLevel.Information, Message = "Tool keys loaded: {Kid} signs, {Published} published")]
    public static partial void Loaded(ILogger logger, string kid, int published);

    [LoggerMessage(EventId = 6208, Level = LogLevel.Error, Message = "The private key of tool key {Kid} cannot be read with this Data Protection key ring; it is not published. Every instance must share Lti:Keys:ProtectionKeysPath")]
    public static partial void Unreadable(ILogger logger, string kid, Exception exception);

    [LoggerMessage(EventId = 6209, Level = LogLevel.Error, Message = "Applying the tool key schedule failed; the keys in use are unchanged")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6210, Level = LogLevel.Debug, Message = "Tool key step {Step} for {Kid} not applied: another instance changed the keys first")]
    public static partial void Superseded(ILogger logger, string step, string kid);

    [LoggerMessage(EventId = 6211, Level = LogLevel.Warning, Message = "Tool key {Kid} ({State}) revoked: removed from the JWKS at once and its private key erased; {Signing} signs")]
    public static partial void Revoked(ILogger logger, string kid, string state, string signing);
}
