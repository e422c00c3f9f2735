using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace LtiTool.Lti.AspNetCore;

/// <summary>Options of the launch authentication scheme.</summary>
public sealed class LtiLaunchOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates the options with default events.</summary>
    public LtiLaunchOptions() => Events = new LtiLaunchEvents();

    /// <summary>
    /// The tool's public origin (scheme://host[:port]), against which the platform storage step's <c>Origin</c>
    /// header is checked. Defaults to the request's own scheme and host.
    /// </summary>
    public Func<HttpRequest, string> ToolOrigin { get; set; } = request => $"{request.Scheme}://{request.Host}";

    /// <summary>The launch events.</summary>
    public new LtiLaunchEvents Events
    {
        get => (LtiLaunchEvents)base.Events!;
        set => base.Events = value;
    }
}
