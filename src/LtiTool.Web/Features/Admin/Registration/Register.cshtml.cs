using LtiTool.Lti.Launch;
using LtiTool.Lti.Registration;
using LtiTool.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>
/// LTI Dynamic Registration 1.0 §3.3: the platform opens this page (in a frame or a window) for an administrator
/// with <c>openid_configuration</c> and <c>registration_token</c>. There is no session yet; the platform's token
/// is the authority, and it travels on to the registration. GET shows what will be registered; the confirmation
/// form (with an antiforgery token) POSTs here to register, then the page tells the platform it is done.
/// </summary>
public sealed class RegisterModel(DynamicRegistrationClient client, ToolProfiles profiles, IMediator mediator) : PageModel
{
    public const string CloseSubject = "org.imsglobal.lti.close";

    [BindProperty(SupportsGet = true, Name = "openid_configuration")]
    public string? OpenIdConfiguration { get; set; }

    [BindProperty(SupportsGet = true, Name = "registration_token")]
    public string? RegistrationToken { get; set; }

    public RegistrationPlan? Plan { get; private set; }
    public RegisterPlatform.Registered? Registered { get; private set; }
    public LtiErrorView? Error { get; private set; }
    public PlatformAnswer? Answer { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Prepare()) return Failed(LtiErrors.RegistrationRequestInvalid);
        var fetched = await client.FetchConfigurationAsync(OpenIdConfiguration!, RegistrationToken!, cancellationToken);
        if (fetched.Configuration is null) return Failed(fetched.Error!, fetched.Answer);
        Plan = RegistrationPlan.Create(profiles.For(Request), fetched.Configuration);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Prepare()) return Failed(LtiErrors.RegistrationRequestInvalid);
        var result = await mediator.Send(new RegisterPlatform.Command(OpenIdConfiguration!, RegistrationToken!, profiles.For(Request)), cancellationToken);
        if (result.Platform is null) return Failed(result.Error!, result.Answer);
        Registered = result.Platform;
        return Page();
    }

    /// <summary>Whether both parameters are there; sets the headers every answer of this page needs.</summary>
    private bool Prepare()
    {
        // The page carries the registration token (in its URL and its form): never cached.
        Response.Headers.CacheControl = "no-store";
        // The platform frames this page before the tool knows it: its configuration URL's origin may frame it too.
        if (Uri.TryCreate(OpenIdConfiguration, UriKind.Absolute, out var url) && PlatformConfiguration.IsAllowedUrl(url))
            Infrastructure.SecurityHeaders.AllowFrameAncestor(HttpContext, url.GetLeftPart(UriPartial.Authority));
        return !string.IsNullOrWhiteSpace(OpenIdConfiguration) && !string.IsNullOrWhiteSpace(RegistrationToken);
    }

    private PageResult Failed(LtiError error, PlatformAnswer? answer = null)
    {
        Error = new LtiErrorView(error, HttpContext.TraceIdentifier);
        Answer = answer;
        Response.StatusCode = error.StatusCode;
        return Page();
    }
}
