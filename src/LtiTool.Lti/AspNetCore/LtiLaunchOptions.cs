using Microsoft.AspNetCore.Authentication;

namespace LtiTool.Lti.AspNetCore;

/// <summary>Options of the launch authentication scheme.</summary>
public sealed class LtiLaunchOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates the options with default events.</summary>
    public LtiLaunchOptions() => Events = new LtiLaunchEvents();

    /// <summary>The launch events.</summary>
    public new LtiLaunchEvents Events
    {
        get => (LtiLaunchEvents)base.Events!;
        set => base.Events = value;
    }
}
