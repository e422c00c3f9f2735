using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace LtiTool.Lti.Login;

/// <summary>
/// Step 1→2 of the launch (Security Framework 1.0 §5.1.1): finds the registration, issues state and nonce,
/// stores them server-side and builds the authentication request the browser is redirected to.
/// </summary>
public sealed class LoginInitiation(
    IPlatformStore platforms,
    ILaunchStateStore states,
    IRandomTokenGenerator random,
    TimeProvider time,
    IOptions<LaunchValidationOptions> options)
{
    /// <summary>Handles a login request.</summary>
    /// <param name="request">The login parameters.</param>
    /// <param name="toolOrigin">This tool's public origin; target_link_uri must be on it.</param>
    /// <param name="redirectUri">This tool's launch URL, sent as redirect_uri.</param>
    /// <param name="cancellationToken">Cancels the store calls.</param>
    public async ValueTask<LoginResult> InitiateAsync(LoginRequest request, Uri toolOrigin, Uri redirectUri, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Issuer) || string.IsNullOrEmpty(request.LoginHint) || string.IsNullOrEmpty(request.TargetLinkUri))
            return new LoginResult(LtiErrors.LoginParameterMissing);

        var (registration, error) = await FindRegistrationAsync(request.Issuer, request.ClientId, cancellationToken);
        if (registration is null) return new LoginResult(error);

        // No open redirect: the launch may only target this tool (LTI Core 1.3 §4.1, target_link_uri).
        if (!Uri.TryCreate(request.TargetLinkUri, UriKind.Absolute, out var target) || !SameOrigin(target, toolOrigin))
            return new LoginResult(LtiErrors.TargetLinkUriForeign);

        var now = time.GetUtcNow();
        var bindingSecret = random.Next();
        var state = new LaunchState(
            State: random.Next(),
            Nonce: random.Next(),
            PlatformId: registration.Id,
            DeploymentIdHint: request.DeploymentId,
            TargetLinkUri: request.TargetLinkUri,
            BindingHash: BrowserBinding.Hash(bindingSecret),
            StorageTarget: request.StorageTarget,
            CanvasRegion: request.CanvasRegion,
            CanvasEnvironment: request.CanvasEnvironment,
            CreatedAt: now,
            ExpiresAt: now + options.Value.StateLifetime);
        await states.SaveAsync(state, cancellationToken);

        return new LoginResult(null, BuildAuthenticationRequest(registration, request, state, redirectUri), state, bindingSecret, registration);
    }

    private async ValueTask<(PlatformRegistration?, LtiError?)> FindRegistrationAsync(string issuer, string? clientId, CancellationToken cancellationToken)
    {
        var candidates = await platforms.FindByIssuerAsync(issuer, cancellationToken);
        PlatformRegistration? registration;
        if (!string.IsNullOrEmpty(clientId))
        {
            registration = candidates.FirstOrDefault(p => string.Equals(p.ClientId, clientId, StringComparison.Ordinal));
        }
        else
        {
            // client_id is optional in the login request (LTI Core 1.3 §4.1.1); without it only an unambiguous issuer works.
            if (candidates.Count > 1) return (null, LtiErrors.AmbiguousPlatform);
            registration = candidates.Count == 1 ? candidates[0] : null;
        }
        if (registration is null) return (null, LtiErrors.UnknownPlatform);
        if (!registration.Enabled) return (null, LtiErrors.PlatformDisabled);
        return (registration, null);
    }

    private static Uri BuildAuthenticationRequest(PlatformRegistration registration, LoginRequest request, LaunchState state, Uri redirectUri)
    {
        // Security Framework 1.0 §5.1.1.2 and Canvas's required list: scope must be exactly "openid".
        var parameters = new Dictionary<string, string?>
        {
            ["scope"] = LtiScopes.OpenId,
            ["response_type"] = "id_token",
            ["response_mode"] = "form_post",
            ["prompt"] = "none",
            ["client_id"] = registration.ClientId,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["login_hint"] = request.LoginHint,
            ["state"] = state.State,
            ["nonce"] = state.Nonce,
        };
        if (request.LtiMessageHint is not null) parameters["lti_message_hint"] = request.LtiMessageHint;
        return new Uri(QueryHelpers.AddQueryString(registration.AuthorizationEndpoint.AbsoluteUri, parameters));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
