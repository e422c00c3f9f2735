namespace LtiTool.Web.Features.Admin.Access;

/// <summary>
/// Which registrations an administrator acts for. Tool-wide: the bootstrap sign-in and the command line, run by
/// whoever operates the tool. One platform: an administrator launching from an LMS, whose rights come from that
/// LMS and so reach only the registration the launch came through (its courses, people, deployments and audit
/// entries), never another school's.
/// </summary>
public sealed record AdminScope
{
    private AdminScope(string? platformId, string? issuer, string? clientId) => (PlatformId, Issuer, ClientId) = (platformId, issuer, clientId);

    public static AdminScope ToolWide { get; } = new(null, null, null);

    public static AdminScope Platform(string platformId, string issuer, string clientId) => new(platformId, issuer, clientId);

    /// <summary>The registration this scope is limited to; null when tool-wide.</summary>
    public string? PlatformId { get; }

    public string? Issuer { get; }

    public string? ClientId { get; }

    public bool IsToolWide => PlatformId is null;

    /// <summary>Whether an administrator in this scope may see or change the registration with this id.</summary>
    public bool Covers(string platformId) => IsToolWide || string.Equals(PlatformId, platformId, StringComparison.Ordinal);

    /// <summary>What the admin pages show: "Tool-wide", or "Platform: issuer / client id".</summary>
    public string Description => IsToolWide ? "Tool-wide" : $"Platform: {Issuer} / {ClientId}";
}
