using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Login;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Shared;
using LtiTool.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using LtiTool.Lti.Launch;

namespace LtiTool.Web.Features.Launch;

/// <summary>OIDC third-party initiated login: GET or POST (Security Framework 1.0 §5.1.1.1; Canvas posts).</summary>
[IgnoreAntiforgeryToken]
public sealed class LoginModel(LoginInitiation login, PublicUrls urls, IOptions<LaunchValidationOptions> options) : PageModel
{
    public LtiErrorView? Error { get; private set; }

    /// <summary>Set when the login stores the binding secret in the platform's window before going on.</summary>
    public PlatformStoragePut? Storage { get; private set; }

    public sealed record PlatformStoragePut(string? TargetFrame, string TargetOrigin, string Key, string Value, string Next);

    // No handler parameters (binding even a CancellationToken builds the value providers), and the form is read
    // asynchronously here rather than by Request.Form, which would block on the body.
    public Task<IActionResult> OnGetAsync() =>
        InitiateAsync(LoginRequest.From(name => Request.Query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var form = await Request.ReadFormAsync(HttpContext.RequestAborted);
        return await InitiateAsync(LoginRequest.From(name => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null), HttpContext.RequestAborted);
    }

    private async Task<IActionResult> InitiateAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        LoginResult result;
        try
        {
            result = await login.InitiateAsync(request, urls.Origin(Request), urls.Absolute(Request, LtiLaunchDefaults.LaunchPath), cancellationToken);
        }
        catch (LaunchStateStoreFullException)
        {
            result = new LoginResult(LtiErrors.LoginCapacityExceeded);
        }
        if (!result.Succeeded)
        {
            Error = new LtiErrorView(result.Error!, HttpContext.TraceIdentifier);
            Response.StatusCode = result.Error!.StatusCode;
            return Page();
        }
        // The cookie first, always: where the browser keeps it, it is all the launch needs.
        BindingCookie.Append(Response, result.State!.State, result.BindingSecret!, options.Value.StateLifetime);
        Response.Headers.CacheControl = "no-store";
        if (!result.UsesPlatformStorage) return Redirect(result.AuthorizationRedirect!.AbsoluteUri);
        // Platform storage too, for browsers that drop the cookie in the LMS frame: a page puts the secret in the
        // platform's window (lti.put_data), then goes on to the platform.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Storage = new PlatformStoragePut(result.State.StorageTarget, result.Registration!.StorageOrigin,
            BrowserBinding.StorageKey(result.State.State), result.BindingSecret!, result.AuthorizationRedirect!.AbsoluteUri);
        return Page();
    }
}
