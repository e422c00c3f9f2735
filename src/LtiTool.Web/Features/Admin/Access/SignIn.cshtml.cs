using LtiTool.Web.Features.Admin.Audit;
using LtiTool.Web.Features.Session;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Access;

/// <summary>
/// First-setup sign-in with the bootstrap credential (a same-site page, antiforgery-protected, rate limited).
/// Afterwards administrators reach /admin by launching the tool from the LMS's account navigation.
/// </summary>
[EnableRateLimiting(AdminAccess.SignInRateLimit)]
public sealed class SignInModel(BootstrapCredential bootstrap, SessionTokenIssuer sessions, IOptions<BootstrapOptions> options, AuditLog audit) : PageModel
{
    public bool Enabled => bootstrap.Enabled;
    public string? Message { get; private set; }

    [BindProperty]
    public string? Credential { get; set; }

    public IActionResult OnGet()
    {
        if (!Enabled) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Enabled)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        if (!bootstrap.Verify(Credential))
        {
            audit.Actor = "bootstrap";
            await audit.RecordAsync("admin.bootstrap_refused", null, adminRights: true, cancellationToken: HttpContext.RequestAborted);
            Message = "That is not the bootstrap credential.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var token = sessions.IssueBootstrap(options.Value.SessionLifetime);
        SessionAuthentication.AppendCookie(Response, token, options.Value.SessionLifetime);
        audit.Actor = "bootstrap";
        await audit.RecordAsync("admin.bootstrap_sign_in", null, adminRights: true, cancellationToken: HttpContext.RequestAborted);
        return Redirect("/admin");
    }
}
