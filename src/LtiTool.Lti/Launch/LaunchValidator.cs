using LtiTool.Lti.Claims;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;

namespace LtiTool.Lti.Launch;

/// <summary>
/// Validates the authentication response of an LTI 1.3 launch (Security Framework 1.0 §5.1.3 and LTI Core
/// 1.3 §5) by running the <see cref="LaunchCheck"/>s in order; the first failure ends the run with its
/// catalogued <see cref="LtiError"/>. There is no switch that skips a check.
/// </summary>
public sealed class LaunchValidator(
    ILaunchStateStore states,
    IPlatformStore platforms,
    IPlatformKeyResolver keys,
    TimeProvider time,
    IOptions<LaunchValidationOptions> options)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private const string NoUserRole = "http://purl.imsglobal.org/vocab/lis/v2/system/person#None";

    /// <summary>Runs every check.</summary>
    public async ValueTask<LaunchValidationResult> ValidateAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        // 1. State first: it is burnt even if the token turns out bad, so a state can never be tried twice.
        if (string.IsNullOrEmpty(request.State)) return Fail(LaunchCheck.State, LtiErrors.StateMissing);
        var consumption = await states.ConsumeAsync(request.State, time.GetUtcNow(), cancellationToken);
        if (consumption.Status != StateConsumeStatus.Consumed)
        {
            return Fail(LaunchCheck.State, consumption.Status switch
            {
                StateConsumeStatus.Expired => LtiErrors.StateExpired,
                StateConsumeStatus.AlreadyUsed => LtiErrors.StateAlreadyUsed,
                _ => LtiErrors.StateUnknown,
            });
        }
        var state = consumption.State!;
        var registration = await platforms.FindByIdAsync(state.PlatformId, cancellationToken);
        if (registration is null) return Fail(LaunchCheck.State, LtiErrors.UnknownPlatform, state: state);
        if (!registration.Enabled) return Fail(LaunchCheck.State, LtiErrors.PlatformDisabled, registration, state);

        // 2. Browser binding, wherever the browser kept it (cookie, or platform storage when cookies are blocked).
        //    Without one the registration's policy decides; the default refuses, and the page offers a new window.
        var transport = request.BindingSecret is null ? BindingTransport.None : request.Transport;
        if (transport != BindingTransport.None && !BrowserBinding.Matches(request.BindingSecret!, state.BindingHash))
            return Fail(LaunchCheck.BrowserBinding, LtiErrors.StateBindingMismatch, registration, state);
        if (transport == BindingTransport.None && registration.UnboundLaunches != UnboundLaunchPolicy.AcceptServerState)
            return Fail(LaunchCheck.BrowserBinding, LtiErrors.BrowserBindingMissing, registration, state);

        // 3. Shape and size, before any parsing.
        if (string.IsNullOrEmpty(request.IdToken)) return Fail(LaunchCheck.TokenShape, LtiErrors.TokenMissing, registration, state);
        if (request.IdToken.Length > options.Value.MaxTokenLength) return Fail(LaunchCheck.TokenShape, LtiErrors.TokenTooLarge, registration, state);
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(request.IdToken);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            return Fail(LaunchCheck.TokenShape, LtiErrors.TokenMalformed, registration, state);
        }
        if (token.IsEncrypted) return Fail(LaunchCheck.TokenShape, LtiErrors.TokenMalformed, registration, state);

        // 4. Header: a kid, and an asymmetric algorithm from the allow-list (never "none", never HMAC,
        //    which would let anyone holding the public key forge tokens).
        if (string.IsNullOrEmpty(token.Kid)) return Fail(LaunchCheck.Header, LtiErrors.KidMissing, registration, state);
        var alg = token.Alg;
        if (!IsAllowedAlgorithm(alg)) return Fail(LaunchCheck.Header, LtiErrors.AlgNotAllowed.WithDetail($"alg '{Truncate(alg)}'"), registration, state);

        // 5. The platform's key.
        var resolution = await keys.ResolveAsync(registration.JwksUri, token.Kid, cancellationToken);
        if (resolution.Error is not null) return Fail(LaunchCheck.SigningKey, resolution.Error, registration, state);
        var key = resolution.Key!;
        if (!key.Fits(alg)) return Fail(LaunchCheck.SigningKey, LtiErrors.KeyAlgorithmMismatch, registration, state);

        // 6. Signature (IdentityModel verifies; every other claim check below is ours, in our order).
        if (!await SignatureVerifiesAsync(token, key, alg)) return Fail(LaunchCheck.Signature, LtiErrors.SignatureInvalid, registration, state);

        var message = new LaunchMessage(token);
        var error = CheckIssuer(message, registration)
            ?? CheckAudience(message, registration)
            ?? CheckLifetime(message)
            ?? CheckNonce(message, state)
            ?? CheckDeployment(message, registration)
            ?? CheckVersion(message)
            ?? CheckMessageType(message)
            ?? CheckRequiredClaims(message);
        if (error is { } failure) return Fail(failure.Check, failure.Error, registration, state);

        // A new deployment of a platform that auto-registers them: the launch is valid in every other respect,
        // so the deployment is reported for an administrator's approval — and the launch is still refused.
        if (!registration.HasDeployment(message.DeploymentId!))
            return Fail(LaunchCheck.Deployment, LtiErrors.DeploymentPendingApproval, registration, state) with { PendingDeploymentId = message.DeploymentId };

        return new LaunchValidationResult { Message = message, Registration = registration, State = state, Transport = transport };
    }

    /// <summary>The algorithms an id_token may be signed with.</summary>
    public static bool IsAllowedAlgorithm(string? alg) => alg is SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.RsaSha384
        or SecurityAlgorithms.RsaSha512 or SecurityAlgorithms.EcdsaSha256;

    private static async ValueTask<bool> SignatureVerifiesAsync(JsonWebToken token, PlatformKey key, string alg)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [alg],
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuerSigningKey = false,
            ValidateTokenReplay = false,
            SaveSigninToken = false,
        };
        var result = await Handler.ValidateTokenAsync(token, parameters);
        return result.IsValid;
    }

    private static (LaunchCheck Check, LtiError Error)? CheckIssuer(LaunchMessage message, PlatformRegistration registration) =>
        string.Equals(message.Issuer, registration.Issuer, StringComparison.Ordinal)
            ? null
            : (LaunchCheck.Issuer, LtiErrors.IssuerMismatch);

    private static (LaunchCheck Check, LtiError Error)? CheckAudience(LaunchMessage message, PlatformRegistration registration)
    {
        // OIDC Core §3.1.3.7 items 3–5: aud must contain the client id; with several audiences azp must be
        // present and be the client id; when azp is present it must be the client id.
        var count = 0;
        var containsClient = false;
        foreach (var audience in message.Audiences)
        {
            count++;
            containsClient |= string.Equals(audience, registration.ClientId, StringComparison.Ordinal);
        }
        if (!containsClient) return (LaunchCheck.Audience, LtiErrors.AudienceMismatch);
        var azp = message.AuthorizedParty;
        if ((count > 1 && azp is null) || (azp is not null && !string.Equals(azp, registration.ClientId, StringComparison.Ordinal)))
            return (LaunchCheck.Audience, LtiErrors.AuthorizedPartyMismatch);
        return null;
    }

    private (LaunchCheck Check, LtiError Error)? CheckLifetime(LaunchMessage message)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)options.Value.ClockSkew.TotalSeconds;
        if (message.ExpiresAt is not { } exp) return (LaunchCheck.Lifetime, LtiErrors.ExpiryMissing);
        if (message.IssuedAt is not { } iat) return (LaunchCheck.Lifetime, LtiErrors.IssuedAtMissing);
        if (now >= exp + skew) return (LaunchCheck.Lifetime, LtiErrors.TokenExpired);
        if (iat > now + skew) return (LaunchCheck.Lifetime, LtiErrors.TokenIssuedInFuture);
        if (message.NotBefore is { } nbf && nbf > now + skew) return (LaunchCheck.Lifetime, LtiErrors.TokenNotYetValid);
        return null;
    }

    private static (LaunchCheck Check, LtiError Error)? CheckNonce(LaunchMessage message, LaunchState state)
    {
        // The nonce was issued with this state and the state was consumed atomically above, so a matching
        // nonce is used at most once: a replayed id_token needs a fresh state, whose nonce differs.
        if (message.Nonce is not { Length: > 0 } nonce) return (LaunchCheck.Nonce, LtiErrors.NonceMissing);
        return string.Equals(nonce, state.Nonce, StringComparison.Ordinal) ? null : (LaunchCheck.Nonce, LtiErrors.NonceMismatch);
    }

    private static (LaunchCheck Check, LtiError Error)? CheckDeployment(LaunchMessage message, PlatformRegistration registration)
    {
        if (message.DeploymentId is not { Length: > 0 } deployment) return (LaunchCheck.Deployment, LtiErrors.DeploymentMissing);
        return registration.HasDeployment(deployment) || registration.AutoRegisterDeployments ? null : (LaunchCheck.Deployment, LtiErrors.DeploymentUnknown);
    }

    private static (LaunchCheck Check, LtiError Error)? CheckVersion(LaunchMessage message) => message.Version switch
    {
        null or "" => (LaunchCheck.Version, LtiErrors.VersionMissing),
        LtiMessageTypes.Version => null,
        _ => (LaunchCheck.Version, LtiErrors.VersionUnsupported),
    };

    private static (LaunchCheck Check, LtiError Error)? CheckMessageType(LaunchMessage message) => message.MessageType switch
    {
        null or "" => (LaunchCheck.MessageType, LtiErrors.MessageTypeMissing),
        var type when LtiMessageTypes.IsSupportedLaunch(type) => null,
        _ => (LaunchCheck.MessageType, LtiErrors.MessageTypeUnsupported),
    };

    private static (LaunchCheck Check, LtiError Error)? CheckRequiredClaims(LaunchMessage message)
    {
        // LTI Core 1.3 §5.3 (required message claims) and Deep Linking 2.0 §4.4.
        if (!message.HasRoles) return (LaunchCheck.RequiredClaims, LtiErrors.RolesMissing);
        if (string.IsNullOrEmpty(message.TargetLinkUri)) return (LaunchCheck.RequiredClaims, LtiErrors.TargetLinkUriMissing);
        if (string.IsNullOrEmpty(message.Subject) && !IsAnonymous(message.Roles)) return (LaunchCheck.RequiredClaims, LtiErrors.SubjectMissing);
        if (message.MessageType == LtiMessageTypes.ResourceLinkRequest && message.ResourceLink is null)
            return (LaunchCheck.RequiredClaims, LtiErrors.ResourceLinkMissing);
        if (message.MessageType == LtiMessageTypes.DeepLinkingRequest
            && (message.DeepLinkingSettings is not { } settings || !Uri.TryCreate(settings.DeepLinkReturnUrl, UriKind.Absolute, out _)))
            return (LaunchCheck.RequiredClaims, LtiErrors.DeepLinkingSettingsMissing);
        return null;
    }

    // LTI Core 1.3 §5.3.6: sub may be omitted only when the launch is anonymous; platforms signal that with
    // no roles at all or with the system role None (Canvas, for users who are not logged in).
    private static bool IsAnonymous(IReadOnlyList<string> roles) =>
        roles.Count == 0 || roles.All(r => r == NoUserRole);

    private static string Truncate(string? value) => value is null ? "" : value.Length <= 16 ? value : value[..16];

    private static LaunchValidationResult Fail(LaunchCheck check, LtiError error, PlatformRegistration? registration = null, LaunchState? state = null) =>
        new() { Error = error, FailedCheck = check, Registration = registration, State = state };
}
