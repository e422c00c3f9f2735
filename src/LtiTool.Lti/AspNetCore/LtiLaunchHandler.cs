using System.Security.Claims;
using System.Text.Encodings.Web;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LtiTool.Lti.AspNetCore;

/// <summary>
/// Authenticates the platform's form post to the launch endpoint by running <see cref="LaunchValidator"/>.
/// Deliberately not a RemoteAuthenticationHandler: its correlation cookies break in an LMS iframe when
/// third-party cookies are blocked. The page that calls AuthenticateAsync renders success or failure.
/// </summary>
public sealed class LtiLaunchHandler(
    IOptionsMonitor<LtiLaunchOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    LaunchValidator validator,
    ILaunchStateStore states,
    IPlatformStore platforms,
    TimeProvider time,
    LtiLaunchMetrics metrics) : AuthenticationHandler<LtiLaunchOptions>(options, loggerFactory, encoder)
{
    /// <summary>The claim type of the tool's registration id in the launch principal.</summary>
    public const string RegistrationClaim = "lti_registration";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.Features.Get<LtiLaunchFeature>() is { } done) return ToAuthenticateResult(done.Result);
        if (!HttpMethods.IsPost(Request.Method) || !Request.HasFormContentType) return AuthenticateResult.NoResult();

        var form = await Request.ReadFormAsync(Context.RequestAborted);
        string? Field(string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

        LaunchValidationResult result;
        if (Field("error") is { } platformError)
        {
            // Security Framework 1.0 §5.1.1.3 error response: show the platform's reason, escaped by the page.
            var description = Field("error_description");
            result = new LaunchValidationResult
            {
                Error = LtiErrors.PlatformError.WithDetail(description is null ? platformError : $"{platformError}: {description}"),
                FailedCheck = LaunchCheck.State,
            };
        }
        else
        {
            var state = Field("state");
            var idToken = Field("id_token");
            var cookieSecret = BindingCookie.Read(Request, state);
            if (Field(LtiLaunchDefaults.StorageResultField) is { } storageResult)
            {
                // The tool's own platform storage page re-posting the launch. Only that page may: a form another
                // site posts could carry an attacker's own (known) secret, so Origin must be the tool's.
                var stored = storageResult == "found" ? Field(LtiLaunchDefaults.StorageBindingField) : null;
                result = PostedByToolPage()
                    ? await validator.ValidateAsync(stored is null
                        ? new LaunchRequest(idToken, state, cookieSecret)
                        : new LaunchRequest(idToken, state, stored, BindingTransport.PlatformStorage), Context.RequestAborted)
                    : new LaunchValidationResult { Error = LtiErrors.BindingCrossOrigin, FailedCheck = LaunchCheck.BrowserBinding };
            }
            else if (cookieSecret is null && idToken is not null && state is not null && await PlatformStorageStepAsync(idToken, state) is { } step)
            {
                // No cookie came back, but the login put the secret in the platform's window: the page reads it
                // back and re-posts; the state stays unused until then.
                Context.Features.Set(step);
                metrics.StorageStep();
                return AuthenticateResult.NoResult();
            }
            else
            {
                result = await validator.ValidateAsync(new LaunchRequest(idToken, state, cookieSecret), Context.RequestAborted);
            }
            if (result.State is not null) BindingCookie.Delete(Response, result.State.State);
        }

        Context.Features.Set(new LtiLaunchFeature(result));
        metrics.Launch(result);
        var eventContext = new LtiLaunchContext(Context, Scheme, Options, result);
        if (result.Succeeded)
        {
            Log.LaunchValidated(Logger, result.Registration!.Id, result.Message!.MessageType, BindingTransports.Name(result.Transport));
            await Options.Events.LaunchValidated(eventContext);
        }
        else
        {
            Log.LaunchFailed(Logger, result.Error!.Code, result.FailedCheck, result.Registration?.Id);
            await Options.Events.LaunchFailed(eventContext);
        }
        return ToAuthenticateResult(result);
    }

    private async ValueTask<LtiPlatformStorageStep?> PlatformStorageStepAsync(string idToken, string state)
    {
        if (await states.PeekAsync(state, time.GetUtcNow(), Context.RequestAborted) is not { } pending) return null;
        var registration = await platforms.FindByIdAsync(pending.PlatformId, Context.RequestAborted);
        if (registration is null || !registration.UsesPlatformStorage(pending.StorageTarget)) return null;
        return new LtiPlatformStorageStep(idToken, state, pending.StorageTarget, registration.StorageOrigin, BrowserBinding.StorageKey(state));
    }

    // A same-origin form post carries Origin = the tool's origin; Sec-Fetch-Site, where the browser sends it, must agree.
    private bool PostedByToolPage()
    {
        var origin = Request.Headers.Origin.ToString();
        if (!string.Equals(origin, Options.ToolOrigin(Request), StringComparison.OrdinalIgnoreCase)) return false;
        var site = Request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site == "same-origin";
    }

    private AuthenticateResult ToAuthenticateResult(LaunchValidationResult result)
    {
        if (!result.Succeeded) return AuthenticateResult.Fail(result.Error!.Code);
        var message = result.Message!;
        var identity = new ClaimsIdentity(LtiLaunchDefaults.AuthenticationScheme, LtiClaimTypes.Subject, null);
        identity.AddClaim(new Claim(RegistrationClaim, result.Registration!.Id));
        identity.AddClaim(new Claim(LtiClaimTypes.Issuer, message.Issuer));
        if (message.Subject is { } sub) identity.AddClaim(new Claim(LtiClaimTypes.Subject, sub));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
