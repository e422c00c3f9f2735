using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Login;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Shared;
using LtiTool.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.Web.Features.Launch;

/// <summary>OIDC third-party initiated login: GET or POST (Security Framework 1.0 §5.1.1.1; Canvas posts).</summary>
[IgnoreAntiforgeryToken]
public sealed class LoginModel(LoginInitiation login, PublicUrls urls, IOptions<LaunchValidationOptions> options) : PageModel
{
    public LtiErrorView? Error { get; private set; }

    /// <summary>Set when the login runs inside the LMS frame and must learn whether the browser keeps the binding there.</summary>
    public BindingStep? Binding { get; private set; }

    /// <summary>What the login page's script needs: where to go on, how to check the cookie, the fallbacks.</summary>
    /// <param name="Next">The platform's authorization request.</param>
    /// <param name="Check">The URL that answers whether the binding cookie came back.</param>
    /// <param name="NewWindow">This same login as a URL, for "open in a new window" (its message hint is still unused).</param>
    /// <param name="AcceptUnbound">Whether the registration accepts launches without a binding (then it just goes on).</param>
    /// <param name="Storage">Where to put the secret when the cookie did not come back, when platform storage applies.</param>
    public sealed record BindingStep(string Next, string Check, string NewWindow, bool AcceptUnbound, PlatformStoragePut? Storage);

    public sealed record PlatformStoragePut(string? TargetFrame, string TargetOrigin, string Key, string Value);

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
        var registration = result.Registration!;
        var storage = result.UsesPlatformStorage;
        // Straight on to the platform unless the login runs in a frame (Sec-Fetch-Dest), where the browser may drop
        // the cookie, and that would matter: platform storage can carry the secret instead, or the registration
        // refuses unbound launches and the user should be offered a new window before the platform is even asked
        // (after that, its single-use message hint is spent). A session cookie that came back with this request
        // proves the browser keeps the tool's cookies here.
        var framed = string.Equals(Request.Headers["Sec-Fetch-Dest"], "iframe", StringComparison.Ordinal);
        var cookiesKept = Request.Cookies.ContainsKey(Session.SessionDefaults.CookieName);
        if (!framed || cookiesKept || (!storage && registration.UnboundLaunches == UnboundLaunchPolicy.AcceptServerState))
            return Redirect(result.AuthorizationRedirect!.AbsoluteUri);

        Response.Headers["Referrer-Policy"] = "same-origin"; // the page's URL and secret never go to another site
        Binding = new BindingStep(
            Next: result.AuthorizationRedirect!.AbsoluteUri,
            Check: QueryHelpers.AddQueryString(LaunchFeature.BindingCheckPath, "state", result.State.State),
            NewWindow: request.ToUrl(urls.Absolute(Request, LtiLaunchDefaults.LoginPath)).AbsoluteUri,
            AcceptUnbound: registration.UnboundLaunches == UnboundLaunchPolicy.AcceptServerState,
            Storage: storage
                ? new PlatformStoragePut(result.State.StorageTarget, registration.StorageOrigin, BrowserBinding.StorageKey(result.State.State), result.BindingSecret!)
                : null);
        return Page();
    }
}
