namespace LtiTool.Lti.Launch;

/// <summary>
/// The catalogue of every error the login and launch endpoints answer with. Codes are stable: they appear
/// in the README's error table, in logs and on error pages, so support staff can search for them.
/// </summary>
public static class LtiErrors
{
    private static LtiError E(string code, string title, string description, int status = 400) =>
        new(code, status, title, description);

    // ---- Login (OIDC third-party initiated login, Security Framework 1.0 §5.1.1) ----
    /// <summary>A required login parameter is missing.</summary>
    public static readonly LtiError LoginParameterMissing = E("login_parameter_missing", "Incomplete login request",
        "The platform's login initiation request lacks a required parameter (iss, login_hint or target_link_uri). Check the tool's OIDC login URL in the platform's registration.");
    /// <summary>No registration matches issuer and client id.</summary>
    public static readonly LtiError UnknownPlatform = E("unknown_platform", "Unknown platform",
        "No platform registration matches this issuer and client id. An administrator must register the platform (issuer, client id, endpoints) in the tool before it can be launched.");
    /// <summary>The registration exists but is switched off.</summary>
    public static readonly LtiError PlatformDisabled = E("platform_disabled", "Platform disabled",
        "The platform registration for this issuer and client id is disabled in the tool. An administrator can enable it again.", 403);
    /// <summary>Several registrations share the issuer and the login carried no client id.</summary>
    public static readonly LtiError AmbiguousPlatform = E("ambiguous_platform", "Ambiguous platform",
        "Several registrations share this issuer and the login request carried no client_id. Configure the platform to send client_id with the login request.");
    /// <summary>target_link_uri points outside the tool.</summary>
    public static readonly LtiError TargetLinkUriForeign = E("target_link_uri_foreign", "Launch URL not allowed",
        "The target_link_uri of the login request does not point at this tool's own origin. Check the launch URLs configured on the platform.");

    /// <summary>Too many logins are waiting for their launch.</summary>
    public static readonly LtiError LoginCapacityExceeded = E("launch_capacity_exceeded", "Too many launches in progress",
        "The tool holds as many unfinished logins as it is configured for (Lti:StateStore:MaxInMemory). Try again in a minute; if it persists, the tool may be under a flood of logins that never finish.", 503);

    // ---- Launch: the authentication response (Security Framework 1.0 §5.1.3) ----
    /// <summary>The platform answered the authentication request with an error.</summary>
    public static readonly LtiError PlatformError = E("platform_error", "The platform refused the launch",
        "The platform answered the authentication request with an error instead of an id_token. Its reason is shown below.");
    /// <summary>No state parameter.</summary>
    public static readonly LtiError StateMissing = E("state_missing", "Launch without state",
        "The launch did not carry the state parameter the tool issued at login. Start the launch again from the platform.");
    /// <summary>The state is unknown.</summary>
    public static readonly LtiError StateUnknown = E("state_unknown", "Unknown launch state",
        "The tool never issued this state, or it was removed after expiring. Start the launch again from the platform.");
    /// <summary>The state expired.</summary>
    public static readonly LtiError StateExpired = E("state_expired", "Launch took too long",
        "The login step of this launch expired before the platform answered. Start the launch again from the platform.");
    /// <summary>The state was used already.</summary>
    public static readonly LtiError StateAlreadyUsed = E("state_already_used", "Launch already used",
        "This launch was already completed once; a launch can be used only once. Start the launch again from the platform (a reload or the back button replays it).");
    /// <summary>The browser binding cookie does not match.</summary>
    public static readonly LtiError StateBindingMismatch = E("state_binding_mismatch", "Launch from another browser",
        "The launch was completed in a different browser session than the one that started it. Start the launch again from the platform.", 403);
    /// <summary>The browser kept no binding and the registration refuses unbound launches.</summary>
    public static readonly LtiError BrowserBindingMissing = E("browser_binding_missing", "Your browser blocked the launch inside the LMS",
        "The browser did not keep what the tool needs to confirm that this launch started in this browser: it blocks the tool's cookies inside the LMS page, and the LMS offered no platform storage. Open the tool in a new window, or allow cookies for the tool. Administrators: the registration's unbound-launch policy is Refuse.", 403);
    /// <summary>A platform storage binding was posted from a page that is not the tool's.</summary>
    public static readonly LtiError BindingCrossOrigin = E("binding_cross_origin", "Launch step posted from another site",
        "The last step of a launch that used platform storage must come from the tool's own page, and this one came from another site (Origin or Sec-Fetch-Site). Start the launch again from the platform.", 403);
    /// <summary>No id_token in the form.</summary>
    public static readonly LtiError TokenMissing = E("token_missing", "Launch without id_token",
        "The platform's launch request did not contain an id_token.");
    /// <summary>The id_token exceeds the size limit.</summary>
    public static readonly LtiError TokenTooLarge = E("token_too_large", "Launch token too large",
        "The id_token is larger than the tool accepts (64 KB). Reduce the custom parameters sent with the launch.", 413);
    /// <summary>The id_token is not a compact JWS.</summary>
    public static readonly LtiError TokenMalformed = E("token_malformed", "Malformed launch token",
        "The id_token is not a well-formed signed JWT.");
    /// <summary>No kid in the JOSE header.</summary>
    public static readonly LtiError KidMissing = E("kid_missing", "Launch token without key id",
        "The id_token header has no 'kid', so the tool cannot tell which of the platform's keys signed it.");
    /// <summary>Algorithm not on the allow-list.</summary>
    public static readonly LtiError AlgNotAllowed = E("alg_not_allowed", "Signature algorithm not allowed",
        "The id_token is signed with an algorithm the tool does not accept. Allowed: RS256, RS384, RS512, ES256.");
    /// <summary>The platform's JWKS could not be fetched and nothing is cached.</summary>
    public static readonly LtiError JwksUnavailable = E("jwks_unavailable", "Platform keys unavailable",
        "The tool could not fetch the platform's public keys (JWKS) and has none cached. Check the JWKS URL of the registration and that the platform is reachable.", 502);
    /// <summary>The kid is not in the platform's JWKS.</summary>
    public static readonly LtiError KeyNotFound = E("key_not_found", "Unknown signing key",
        "The id_token was signed with a key id that is not in the platform's published key set, even after refreshing it. Check the registration's JWKS URL.");
    /// <summary>The JWK cannot verify this algorithm.</summary>
    public static readonly LtiError KeyAlgorithmMismatch = E("key_alg_mismatch", "Key does not fit the algorithm",
        "The platform key named by 'kid' is of a type or algorithm that does not match the id_token's 'alg'.");
    /// <summary>Bad signature.</summary>
    public static readonly LtiError SignatureInvalid = E("signature_invalid", "Invalid signature",
        "The id_token's signature does not verify with the platform's key. The token was altered or signed by someone else.", 401);
    /// <summary>iss does not match.</summary>
    public static readonly LtiError IssuerMismatch = E("issuer_mismatch", "Wrong issuer",
        "The id_token's 'iss' is not the issuer of the platform that started this launch.", 401);
    /// <summary>aud does not contain the client id.</summary>
    public static readonly LtiError AudienceMismatch = E("audience_mismatch", "Wrong audience",
        "The id_token's 'aud' does not contain this tool's client id for the platform.", 401);
    /// <summary>azp missing or wrong when aud has several values.</summary>
    public static readonly LtiError AuthorizedPartyMismatch = E("azp_mismatch", "Wrong authorized party",
        "The id_token has several audiences, and its 'azp' is missing or is not this tool's client id.", 401);
    /// <summary>exp missing.</summary>
    public static readonly LtiError ExpiryMissing = E("exp_missing", "Launch token without expiry",
        "The id_token has no numeric 'exp' claim.", 401);
    /// <summary>iat missing.</summary>
    public static readonly LtiError IssuedAtMissing = E("iat_missing", "Launch token without issue time",
        "The id_token has no numeric 'iat' claim.", 401);
    /// <summary>exp passed.</summary>
    public static readonly LtiError TokenExpired = E("token_expired", "Launch token expired",
        "The id_token expired before it reached the tool. Check that the platform's and the tool's clocks are right, then launch again.", 401);
    /// <summary>iat in the future.</summary>
    public static readonly LtiError TokenIssuedInFuture = E("token_issued_in_future", "Launch token from the future",
        "The id_token's 'iat' lies in the future. The platform's clock or the tool's is wrong.", 401);
    /// <summary>nbf in the future.</summary>
    public static readonly LtiError TokenNotYetValid = E("token_not_yet_valid", "Launch token not yet valid",
        "The id_token's 'nbf' lies in the future. The platform's clock or the tool's is wrong.", 401);
    /// <summary>nonce missing.</summary>
    public static readonly LtiError NonceMissing = E("nonce_missing", "Launch token without nonce",
        "The id_token carries no 'nonce'. The platform must echo the nonce the tool sent.", 401);
    /// <summary>nonce differs from the issued one.</summary>
    public static readonly LtiError NonceMismatch = E("nonce_mismatch", "Launch token replayed",
        "The id_token's 'nonce' is not the one the tool issued for this launch: the token belongs to another launch or is a replay.", 401);
    /// <summary>deployment_id missing.</summary>
    public static readonly LtiError DeploymentMissing = E("deployment_missing", "Launch without deployment",
        "The id_token carries no deployment_id claim.");
    /// <summary>deployment_id not registered.</summary>
    public static readonly LtiError DeploymentUnknown = E("deployment_unknown", "Unknown deployment",
        "The tool does not know this deployment id for the platform. An administrator must add the deployment id to the platform's registration.", 403);
    /// <summary>A new deployment, seen in an otherwise valid launch, waits for an administrator's approval.</summary>
    public static readonly LtiError DeploymentPendingApproval = E("deployment_pending_approval", "Deployment waiting for approval",
        "This is the first launch from this deployment of the tool (Canvas makes one per account or sub-account). It has been put up for approval; an administrator approves it under Admin → Platforms, then launches work.", 403);
    /// <summary>version missing.</summary>
    public static readonly LtiError VersionMissing = E("version_missing", "Launch without LTI version",
        "The id_token carries no LTI version claim.");
    /// <summary>version not 1.3.0.</summary>
    public static readonly LtiError VersionUnsupported = E("version_unsupported", "Unsupported LTI version",
        "The id_token's LTI version is not 1.3.0.");
    /// <summary>message_type missing.</summary>
    public static readonly LtiError MessageTypeMissing = E("message_type_missing", "Launch without message type",
        "The id_token carries no message_type claim.");
    /// <summary>message_type not supported.</summary>
    public static readonly LtiError MessageTypeUnsupported = E("message_type_unsupported", "Unsupported message type",
        "The tool accepts LtiResourceLinkRequest and LtiDeepLinkingRequest launches only. Check the placement's message type on the platform.");
    /// <summary>resource_link.id missing.</summary>
    public static readonly LtiError ResourceLinkMissing = E("resource_link_missing", "Launch without resource link",
        "A resource link launch must carry the resource_link claim with an id.");
    /// <summary>roles claim missing.</summary>
    public static readonly LtiError RolesMissing = E("roles_missing", "Launch without roles",
        "The id_token carries no roles claim (an empty list is allowed, a missing claim is not).");
    /// <summary>sub missing for a non-anonymous launch.</summary>
    public static readonly LtiError SubjectMissing = E("sub_missing", "Launch without user",
        "The id_token carries roles but no 'sub' (user id). Only anonymous launches may omit it.");
    /// <summary>target_link_uri missing.</summary>
    public static readonly LtiError TargetLinkUriMissing = E("target_link_uri_missing", "Launch without target",
        "The id_token carries no target_link_uri claim.");
    /// <summary>deep_linking_settings missing or without a return URL.</summary>
    public static readonly LtiError DeepLinkingSettingsMissing = E("deep_linking_settings_missing", "Deep linking without settings",
        "A deep linking request must carry deep_linking_settings with a deep_link_return_url.");
    /// <summary>A claim has the wrong JSON type.</summary>
    public static readonly LtiError ClaimInvalid = E("claim_invalid", "Malformed claim",
        "A claim of the id_token has the wrong type or shape.");

    // ---- Deep linking response (Deep Linking 2.0 §4.4.1 settings, §4.5 response) ----
    // The tool refuses to sign a response the platform would reject; the user picks again.
    /// <summary>An item's type is not in accept_types.</summary>
    public static readonly LtiError DeepLinkingTypeNotAccepted = E("deep_linking_type_not_accepted", "The platform does not accept this kind of content",
        "The platform asked only for the content types in accept_types, and the selection contains another type. Pick content of an accepted type.", 422);
    /// <summary>Several items, but accept_multiple is false.</summary>
    public static readonly LtiError DeepLinkingMultipleNotAccepted = E("deep_linking_multiple_not_accepted", "The platform accepts one item only",
        "The platform asked for a single item here (accept_multiple is false), and the selection holds several. Pick one.", 422);
    /// <summary>An item carries a line item, but accept_lineitem is false.</summary>
    public static readonly LtiError DeepLinkingLineItemNotAccepted = E("deep_linking_line_item_not_accepted", "The platform does not create gradebook columns here",
        "The platform said it ignores line items in this placement (accept_lineitem is false), and an item asks for a gradebook column. Pick it without grading, or add it from a placement that creates assignments.", 422);
    /// <summary>An item asks for a window or iframe the platform does not offer.</summary>
    public static readonly LtiError DeepLinkingPresentationNotAccepted = E("deep_linking_presentation_not_accepted", "The platform cannot show the content that way",
        "An item asks to open in a window or an iframe, and that target is not in the platform's accept_presentation_document_targets.", 422);
    /// <summary>An item breaks the shape Deep Linking 2.0 §3 gives it.</summary>
    public static readonly LtiError DeepLinkingItemInvalid = E("deep_linking_item_invalid", "Malformed content item",
        "An item is not valid: a URL that is not absolute http(s), a blank title, a line item whose scoreMaximum is not above 0, a size that is not above 0, or a time span that ends before it starts.", 422);

    // ---- Services (OAuth 2 client credentials, Security Framework 1.0 §4.1) ----
    /// <summary>The registration has no token endpoint.</summary>
    public static readonly LtiError TokenEndpointMissing = E("token_endpoint_missing", "No token endpoint",
        "The platform registration has no token endpoint, so the tool cannot call its services (roster, grades). An administrator must add it.", 502);
    /// <summary>The platform refused to issue a token.</summary>
    public static readonly LtiError TokenRefused = E("token_refused", "The platform refused a service token",
        "The platform's token endpoint refused the tool's request. Its answer is shown below; check that the developer key is on, has the scopes, and uses this tool's public JWK URL.", 502);
    /// <summary>The token endpoint could not be reached or answered nonsense.</summary>
    public static readonly LtiError TokenEndpointUnavailable = E("token_endpoint_unavailable", "Token endpoint unavailable",
        "The platform's token endpoint could not be reached or did not answer with a token. The tool will try again.", 503);

    /// <summary>A service (NRPS, AGS) answered with an error status.</summary>
    public static readonly LtiError ServiceCallFailed = E("service_call_failed", "The platform's service failed",
        "A call to the platform's roster or gradebook service failed after retries. The tool keeps what it has and tries again later.", 502);
    /// <summary>A service answered something that is not what the spec says.</summary>
    public static readonly LtiError ServiceResponseInvalid = E("service_response_invalid", "Unexpected answer from the platform",
        "The platform's roster or gradebook service answered with something the tool cannot read. Nothing was changed.", 502);

    // ---- Dynamic Registration (LTI Dynamic Registration 1.0 §3) ----
    /// <summary>The registration link lacks openid_configuration or registration_token.</summary>
    public static readonly LtiError RegistrationRequestInvalid = E("registration_request_invalid", "Incomplete registration link",
        "The registration request must carry the openid_configuration and registration_token parameters the platform adds. Start the registration again from the platform's LTI registration screen.");
    /// <summary>openid_configuration is not an https URL (http only for loopback).</summary>
    public static readonly LtiError RegistrationConfigurationUrlInvalid = E("registration_configuration_url_invalid", "Configuration URL not allowed",
        "The platform's openid_configuration must be an absolute https URL (plain http is allowed for loopback addresses only). Nothing was fetched.");
    /// <summary>The configuration could not be fetched (network, timeout).</summary>
    public static readonly LtiError RegistrationConfigurationUnavailable = E("registration_configuration_unavailable", "Platform configuration unavailable",
        "The tool could not fetch the platform's OpenID configuration: the platform did not answer in time or could not be reached. Try the registration again.", 502);
    /// <summary>The configuration is not what Dynamic Registration 1.0 §3.4 requires.</summary>
    public static readonly LtiError RegistrationConfigurationInvalid = E("registration_configuration_invalid", "Platform configuration not usable",
        "The platform's OpenID configuration is not valid JSON, is too large, or lacks what registration needs (issuer, authorization, token, JWKS and registration endpoints as https URLs, the LTI platform configuration with its product and supported messages). Nothing was registered.");
    /// <summary>The configuration URL is not on the issuer's host (Dynamic Registration 1.0 §3.5.1).</summary>
    public static readonly LtiError RegistrationIssuerMismatch = E("registration_issuer_mismatch", "Configuration not from the issuer",
        "The OpenID configuration was fetched from a host other than its issuer's, so it cannot be trusted to speak for that issuer. Nothing was registered.");
    /// <summary>The platform answered the configuration request or the registration with an error.</summary>
    public static readonly LtiError RegistrationRefused = E("registration_refused", "The platform refused the registration",
        "The platform answered with an error. Its answer is shown below. A registration token is valid for a limited time (Canvas: one hour) and for one registration: start again from the platform's LTI registration screen.");
    /// <summary>The registration endpoint could not be reached.</summary>
    public static readonly LtiError RegistrationEndpointUnavailable = E("registration_endpoint_unavailable", "Registration endpoint unavailable",
        "The platform's registration endpoint did not answer in time or could not be reached; the tool does not repeat a registration on its own. Check in the platform whether the tool was registered before trying again.", 502);
    /// <summary>The platform accepted the registration but its answer has no client id.</summary>
    public static readonly LtiError RegistrationResponseInvalid = E("registration_response_invalid", "Unexpected registration answer",
        "The platform answered the registration without a client_id (or with something that is not JSON), so the tool cannot recognise its launches. Nothing was stored; check the platform's list of LTI registrations.", 502);

    // ---- Session ----
    /// <summary>The launch completed but no session can be found for an API call.</summary>
    public static readonly LtiError SessionInvalid = E("session_invalid", "No valid session",
        "The request carries no valid session token. Launch the tool again from the platform.", 401);

    /// <summary>Every error of the catalogue, for documentation and tests.</summary>
    public static IReadOnlyList<LtiError> All { get; } = typeof(LtiErrors)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(LtiError))
        .Select(f => (LtiError)f.GetValue(null)!)
        .ToArray();
}
