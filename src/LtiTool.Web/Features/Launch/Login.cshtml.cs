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

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        InitiateAsync(LoginRequest.From(name => Request.Query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null), cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        InitiateAsync(LoginRequest.From(name => Request.Form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null), cancellationToken);

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
        BindingCookie.Append(Response, result.State!.State, result.BindingSecret!, options.Value.StateLifetime);
        Response.Headers.CacheControl = "no-store";
        return Redirect(result.AuthorizationRedirect!.AbsoluteUri);
    }
}
