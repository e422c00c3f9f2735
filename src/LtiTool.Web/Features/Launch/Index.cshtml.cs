using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Launch;
using LtiTool.Web.Features.Session;
using LtiTool.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Launch;

/// <summary>The launch (redirect_uri): the LtiLaunch scheme validates, then this page records and renders.</summary>
[IgnoreAntiforgeryToken]
public sealed class LaunchModel(IMediator mediator, SessionTokenIssuer sessions) : PageModel
{
    private static readonly LtiError NotPosted = new("launch_not_posted", 405, "Launches are posted by the platform",
        "This address receives the platform's form post at the end of an LTI launch. Start the tool from the LMS instead.");

    public LtiErrorView? Error { get; private set; }
    public RecordLaunch.Result? Launch { get; private set; }
    public string? SessionToken { get; private set; }

    public IActionResult OnGet() => Fail(NotPosted);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await HttpContext.AuthenticateAsync(LtiLaunchDefaults.AuthenticationScheme);
        var result = HttpContext.Features.Get<LtiLaunchFeature>()?.Result;
        if (result is null) return Fail(LtiErrors.TokenMissing);
        if (!result.Succeeded) return Fail(result.Error!);

        Response.Headers.CacheControl = "no-store";
        Launch = await mediator.Send(new RecordLaunch.Command(result, result.BrowserBound ? "cookie" : "none"), cancellationToken);
        SessionToken = sessions.Issue(Launch.LaunchId, Launch.UserId, Launch.ContextId);
        SessionAuthentication.AppendCookie(Response, SessionToken, sessions.Lifetime);
        return Page();
    }

    private PageResult Fail(LtiError error)
    {
        Error = new LtiErrorView(error, HttpContext.TraceIdentifier);
        Response.StatusCode = error.StatusCode;
        return Page();
    }
}
