using LtiTool.Lti.Launch;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace LtiTool.Lti.AspNetCore;

/// <summary>Context of a launch event.</summary>
public sealed class LtiLaunchContext(HttpContext httpContext, AuthenticationScheme scheme, LtiLaunchOptions options, LaunchValidationResult result)
    : BaseContext<LtiLaunchOptions>(httpContext, scheme, options)
{
    /// <summary>The validation result.</summary>
    public LaunchValidationResult Result { get; } = result;
}

/// <summary>Hooks around launch validation, like the OpenID Connect handler's events.</summary>
public class LtiLaunchEvents
{
    /// <summary>Runs after every check passed.</summary>
    public Func<LtiLaunchContext, Task> OnLaunchValidated { get; set; } = _ => Task.CompletedTask;
    /// <summary>Runs after a check failed.</summary>
    public Func<LtiLaunchContext, Task> OnLaunchFailed { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnLaunchValidated"/>.</summary>
    public virtual Task LaunchValidated(LtiLaunchContext context) => OnLaunchValidated(context);
    /// <summary>Invokes <see cref="OnLaunchFailed"/>.</summary>
    public virtual Task LaunchFailed(LtiLaunchContext context) => OnLaunchFailed(context);
}
