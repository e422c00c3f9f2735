using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Testing;

namespace LtiTool.Lti.Tests.Launch;

public sealed class LaunchValidatorTests
{
    private readonly ProtocolHarness _h = new();

    private static void AssertFails(LaunchValidationResult result, LtiError expected, LaunchCheck check)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(expected.Code, result.Error!.Code);
        Assert.Equal(check, result.FailedCheck);
    }

    [Fact]
    public async Task Validate_CanvasShapedTeacherLaunch_Succeeds()
    {
        var result = await _h.LaunchAsync();

        Assert.True(result.Succeeded, result.Error?.Code);
        Assert.True(result.BrowserBound);
        Assert.Equal(DemoData.Instructor.Subject, result.Message!.Subject);
        Assert.Equal(DemoData.Course.Title, result.Message.Context!.Title);
        Assert.Equal("plt_test", result.Registration!.Id);
    }

    // ---- 1. State ----
    [Fact]
    public async Task Validate_NoState_FailsWithStateMissing()
    {
        var login = await _h.LogInAsync();
        var result = await _h.Validator.ValidateAsync(new LaunchRequest(_h.NewToken(login).Build(), null, login.BindingSecret), default);
        AssertFails(result, LtiErrors.StateMissing, LaunchCheck.State);
    }

    [Fact]
    public async Task Validate_StateNeverIssued_FailsWithStateUnknown()
    {
        var login = await _h.LogInAsync();
        var result = await _h.Validator.ValidateAsync(new LaunchRequest(_h.NewToken(login).Build(), "forged-state", login.BindingSecret), default);
        AssertFails(result, LtiErrors.StateUnknown, LaunchCheck.State);
    }

    [Fact]
    public async Task Validate_StateOlderThanItsLifetime_FailsWithStateExpired()
    {
        var login = await _h.LogInAsync();
        var token = _h.NewToken(login).Build();
        _h.Time.Advance(_h.Options.Value.StateLifetime + TimeSpan.FromSeconds(1));
        AssertFails(await _h.ValidateAsync(login, token), LtiErrors.StateExpired, LaunchCheck.State);
    }

    [Fact]
    public async Task Validate_SameStateTwice_SecondFailsWithStateAlreadyUsed()
    {
        var login = await _h.LogInAsync();
        var token = _h.NewToken(login).Build();
        Assert.True((await _h.ValidateAsync(login, token)).Succeeded);
        AssertFails(await _h.ValidateAsync(login, token), LtiErrors.StateAlreadyUsed, LaunchCheck.State);
    }

    [Fact]
    public async Task Validate_BadTokenStillBurnsTheState()
    {
        var login = await _h.LogInAsync();
        await _h.ValidateAsync(login, "not-a-jwt");
        AssertFails(await _h.ValidateAsync(login, _h.NewToken(login).Build()), LtiErrors.StateAlreadyUsed, LaunchCheck.State);
    }

    [Fact]
    public async Task Validate_RegistrationDisabledAfterLogin_FailsWithPlatformDisabled()
    {
        var login = await _h.LogInAsync();
        _h.Platforms.Replace(_h.Registration with { Enabled = false });
        AssertFails(await _h.ValidateAsync(login, _h.NewToken(login).Build()), LtiErrors.PlatformDisabled, LaunchCheck.State);
    }

    // ---- 2. Browser binding ----
    [Fact]
    public async Task Validate_BindingCookieOfAnotherBrowser_FailsWithStateBindingMismatch()
    {
        var login = await _h.LogInAsync();
        var result = await _h.Validator.ValidateAsync(new LaunchRequest(_h.NewToken(login).Build(), login.State!.State, "another-browser-secret"), default);
        AssertFails(result, LtiErrors.StateBindingMismatch, LaunchCheck.BrowserBinding);
    }

    [Fact]
    public async Task Validate_PlatformStorageSecretOfAnotherBrowser_FailsWithStateBindingMismatch()
    {
        var login = await _h.LogInAsync();
        var result = await _h.Validator.ValidateAsync(
            new LaunchRequest(_h.NewToken(login).Build(), login.State!.State, "another-browser-secret", BindingTransport.PlatformStorage), default);
        AssertFails(result, LtiErrors.StateBindingMismatch, LaunchCheck.BrowserBinding);
    }

    [Fact]
    public async Task Validate_SecretFromPlatformStorage_SucceedsWithThatTransport()
    {
        var login = await _h.LogInAsync();
        var result = await _h.Validator.ValidateAsync(
            new LaunchRequest(_h.NewToken(login).Build(), login.State!.State, login.BindingSecret, BindingTransport.PlatformStorage), default);
        Assert.True(result.Succeeded, result.Error?.Code);
        Assert.Equal(BindingTransport.PlatformStorage, result.Transport);
    }

    [Fact]
    public async Task Validate_NoBinding_RefusedByDefaultWithBrowserBindingMissing_AndTheStateIsBurnt()
    {
        var login = await _h.LogInAsync();
        var token = _h.NewToken(login).Build();
        AssertFails(await _h.ValidateAsync(login, token, withCookie: false), LtiErrors.BrowserBindingMissing, LaunchCheck.BrowserBinding);
        // Refused, not postponed: the same state cannot be tried again with a cookie.
        AssertFails(await _h.ValidateAsync(login, token), LtiErrors.StateAlreadyUsed, LaunchCheck.State);
    }

    [Fact]
    public async Task Validate_NoBinding_OnARegistrationThatAcceptsServerState_SucceedsWithTransportNone()
    {
        _h.Platforms.Replace(_h.Registration with { UnboundLaunches = Lti.Platforms.UnboundLaunchPolicy.AcceptServerState });
        var login = await _h.LogInAsync();
        var result = await _h.ValidateAsync(login, _h.NewToken(login).Build(), withCookie: false);
        Assert.True(result.Succeeded, result.Error?.Code);
        Assert.False(result.BrowserBound);
        Assert.Equal(BindingTransport.None, result.Transport);
    }

    [Fact]
    public async Task Validate_AcceptServerState_StillChecksASecretThatIsPresent()
    {
        _h.Platforms.Replace(_h.Registration with { UnboundLaunches = Lti.Platforms.UnboundLaunchPolicy.AcceptServerState });
        var login = await _h.LogInAsync();
        var result = await _h.Validator.ValidateAsync(new LaunchRequest(_h.NewToken(login).Build(), login.State!.State, "another-browser-secret"), default);
        AssertFails(result, LtiErrors.StateBindingMismatch, LaunchCheck.BrowserBinding);
    }

    // ---- 3. Shape ----
    [Fact]
    public async Task Validate_NoIdToken_FailsWithTokenMissing()
    {
        var login = await _h.LogInAsync();
        AssertFails(await _h.ValidateAsync(login, ""), LtiErrors.TokenMissing, LaunchCheck.TokenShape);
    }

    [Fact]
    public async Task Validate_TokenOver64KB_FailsWithTokenTooLargeBeforeParsing()
    {
        var login = await _h.LogInAsync();
        AssertFails(await _h.ValidateAsync(login, new string('a', 64 * 1024 + 1)), LtiErrors.TokenTooLarge, LaunchCheck.TokenShape);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b")]
    [InlineData("!!!.@@@.###")]
    public async Task Validate_NotACompactJws_FailsWithTokenMalformed(string token)
    {
        var login = await _h.LogInAsync();
        AssertFails(await _h.ValidateAsync(login, token), LtiErrors.TokenMalformed, LaunchCheck.TokenShape);
    }

    [Fact]
    public async Task Validate_EncryptedToken_FailsWithTokenMalformed()
    {
        // A compact JWE (five parts): the tool accepts signed id_tokens only.
        var login = await _h.LogInAsync();
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"k\"}");
        AssertFails(await _h.ValidateAsync(login, $"{header}.AAAA.AAAA.AAAA.AAAA"), LtiErrors.TokenMalformed, LaunchCheck.TokenShape);
    }

    // ---- 4. Header ----
    [Fact]
    public async Task Validate_NoKid_FailsWithKidMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Signing = TokenSigning.NoKid), LtiErrors.KidMissing, LaunchCheck.Header);

    [Fact]
    public async Task Validate_AlgNone_FailsWithAlgNotAllowed()
    {
        var login = await _h.LogInAsync();
        var builder = _h.NewToken(login);
        builder.Signing = TokenSigning.AlgNone;
        AssertFails(await _h.ValidateAsync(login, builder.Build()), LtiErrors.AlgNotAllowed, LaunchCheck.Header);
    }

    [Fact]
    public async Task Validate_HmacSignedWithThePublicKey_FailsWithAlgNotAllowed() =>
        AssertFails(await _h.LaunchAsync(b => b.Signing = TokenSigning.HmacWithPublicKey), LtiErrors.AlgNotAllowed, LaunchCheck.Header);

    // ---- 5. Signing key ----
    [Fact]
    public async Task Validate_KidNotInJwks_FailsWithKeyNotFound() =>
        AssertFails(await _h.LaunchAsync(b => b.Signing = TokenSigning.UnknownKey), LtiErrors.KeyNotFound, LaunchCheck.SigningKey);

    [Fact]
    public async Task Validate_JwksDownAndNothingCached_FailsWithJwksUnavailable()
    {
        _h.JwksAvailable = false;
        AssertFails(await _h.LaunchAsync(), LtiErrors.JwksUnavailable, LaunchCheck.SigningKey);
    }

    [Fact]
    public async Task Validate_JwkPublishedForAnotherAlgorithm_FailsWithKeyAlgMismatch()
    {
        _h.PublishedKeys.Clear();
        _h.ExtraJwks.Add(new Dictionary<string, string>(_h.PlatformKey.PublicJwk) { ["alg"] = "RS512" });
        AssertFails(await _h.LaunchAsync(), LtiErrors.KeyAlgorithmMismatch, LaunchCheck.SigningKey);
    }

    [Fact]
    public async Task Validate_JwkWithoutAlg_IsAcceptedByKeyType()
    {
        _h.PublishedKeys.Clear();
        var jwk = new Dictionary<string, string>(_h.PlatformKey.PublicJwk);
        jwk.Remove("alg");
        jwk.Remove("use");
        _h.ExtraJwks.Add(jwk);
        Assert.True((await _h.LaunchAsync()).Succeeded);
    }

    // ---- 6. Signature ----
    [Fact]
    public async Task Validate_SignedByAnotherKeyUnderTheSameKid_FailsWithSignatureInvalid() =>
        AssertFails(await _h.LaunchAsync(b => b.Signing = TokenSigning.WrongKeySameKid), LtiErrors.SignatureInvalid, LaunchCheck.Signature);

    [Fact]
    public async Task Validate_PayloadAlteredAfterSigning_FailsWithSignatureInvalid()
    {
        var login = await _h.LogInAsync();
        var parts = _h.NewToken(login).Build().Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("Ada Instructor", "Eve Intruder", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        AssertFails(await _h.ValidateAsync(login, forged), LtiErrors.SignatureInvalid, LaunchCheck.Signature);
    }

    [Fact]
    public async Task Validate_Es256Token_Succeeds()
    {
        using var ec = System.Security.Cryptography.ECDsa.Create();
        ec.ImportFromPem(TestKeys.PlatformEcPem);
        var p = ec.ExportParameters(false);
        _h.ExtraJwks.Add(new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "ec-1", ["use"] = "sig",
            ["x"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(p.Q.X!), ["y"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(p.Q.Y!),
        });
        var login = await _h.LogInAsync();
        var payload = _h.NewToken(login).Claims.ToJsonString();
        var key = new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(ec) { KeyId = "ec-1" };
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler()
            .CreateToken(payload, new Microsoft.IdentityModel.Tokens.SigningCredentials(key, "ES256"));
        var result = await _h.ValidateAsync(login, token);
        Assert.True(result.Succeeded, result.Error?.Code);
    }

    // ---- 7–9. iss, aud/azp, lifetime ----
    [Fact]
    public async Task Validate_OtherIssuer_FailsWithIssuerMismatch() =>
        AssertFails(await _h.LaunchAsync(b => b.Set("iss", "https://evil.example.com")), LtiErrors.IssuerMismatch, LaunchCheck.Issuer);

    [Fact]
    public async Task Validate_OtherAudience_FailsWithAudienceMismatch() =>
        AssertFails(await _h.LaunchAsync(b => b.Set("aud", "99999").Remove("azp")), LtiErrors.AudienceMismatch, LaunchCheck.Audience);

    [Fact]
    public async Task Validate_SeveralAudiencesWithoutAzp_FailsWithAzpMismatch() =>
        AssertFails(await _h.LaunchAsync(b => b.Set("aud", new JsonArray(ProtocolHarness.ClientId, "other")).Remove("azp")),
            LtiErrors.AuthorizedPartyMismatch, LaunchCheck.Audience);

    [Fact]
    public async Task Validate_AzpOfAnotherClient_FailsWithAzpMismatch() =>
        AssertFails(await _h.LaunchAsync(b => b.Set("azp", "other")), LtiErrors.AuthorizedPartyMismatch, LaunchCheck.Audience);

    [Fact]
    public async Task Validate_SeveralAudiencesWithOurAzp_Succeeds() =>
        Assert.True((await _h.LaunchAsync(b => b.Set("aud", new JsonArray("other", ProtocolHarness.ClientId)))).Succeeded);

    [Fact]
    public async Task Validate_ExpiredBeyondLeeway_FailsWithTokenExpired()
    {
        var now = _h.Time.GetUtcNow().ToUnixTimeSeconds();
        AssertFails(await _h.LaunchAsync(b => b.Set("iat", now - 3700).Set("exp", now - 61)), LtiErrors.TokenExpired, LaunchCheck.Lifetime);
    }

    [Fact]
    public async Task Validate_ExpiredWithinLeeway_Succeeds()
    {
        var now = _h.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.True((await _h.LaunchAsync(b => b.Set("iat", now - 3600).Set("exp", now - 30))).Succeeded);
    }

    [Fact]
    public async Task Validate_NoExp_FailsWithExpMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Remove("exp")), LtiErrors.ExpiryMissing, LaunchCheck.Lifetime);

    [Fact]
    public async Task Validate_ExpAsString_FailsWithTokenMalformed() =>
        AssertFails(await _h.LaunchAsync(b => b.Set("exp", "tomorrow")), LtiErrors.TokenMalformed, LaunchCheck.TokenShape);

    [Fact]
    public async Task Validate_NoIat_FailsWithIatMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Remove("iat")), LtiErrors.IssuedAtMissing, LaunchCheck.Lifetime);

    [Fact]
    public async Task Validate_IssuedInTheFuture_FailsWithTokenIssuedInFuture()
    {
        var now = _h.Time.GetUtcNow().ToUnixTimeSeconds();
        AssertFails(await _h.LaunchAsync(b => b.Set("iat", now + 120).Set("exp", now + 3720)), LtiErrors.TokenIssuedInFuture, LaunchCheck.Lifetime);
    }

    [Fact]
    public async Task Validate_NotBeforeInTheFuture_FailsWithTokenNotYetValid()
    {
        var now = _h.Time.GetUtcNow().ToUnixTimeSeconds();
        AssertFails(await _h.LaunchAsync(b => b.Set("nbf", now + 120)), LtiErrors.TokenNotYetValid, LaunchCheck.Lifetime);
    }

    // ---- 10. Nonce ----
    [Fact]
    public async Task Validate_NoNonce_FailsWithNonceMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Remove("nonce")), LtiErrors.NonceMissing, LaunchCheck.Nonce);

    [Fact]
    public async Task Validate_NonceOfAnotherLogin_FailsWithNonceMismatch()
    {
        var first = await _h.LogInAsync();
        var second = await _h.LogInAsync();
        // The id_token issued for the first login, replayed with the second login's state.
        AssertFails(await _h.ValidateAsync(second, _h.NewToken(first).Build()), LtiErrors.NonceMismatch, LaunchCheck.Nonce);
    }

    // ---- 11. Deployment ----
    [Fact]
    public async Task Validate_NoDeploymentId_FailsWithDeploymentMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Remove(LtiClaimTypes.DeploymentId)), LtiErrors.DeploymentMissing, LaunchCheck.Deployment);

    [Fact]
    public async Task Validate_UnregisteredDeployment_FailsWithDeploymentUnknown() =>
        AssertFails(await _h.LaunchAsync(b => b.Set(LtiClaimTypes.DeploymentId, "8:ffff")), LtiErrors.DeploymentUnknown, LaunchCheck.Deployment);

    [Fact]
    public async Task Validate_UnknownDeploymentOfAnAutoRegisteringPlatform_IsPutUpForApprovalAndStillRefused()
    {
        _h.Platforms.Replace(_h.Registration with { AutoRegisterDeployments = true });

        var result = await _h.LaunchAsync(b => b.Set(LtiClaimTypes.DeploymentId, "8:ffff"));

        AssertFails(result, LtiErrors.DeploymentPendingApproval, LaunchCheck.Deployment);
        Assert.Equal("8:ffff", result.PendingDeploymentId);
    }

    [Fact]
    public async Task Validate_UnknownDeploymentOfAnAutoRegisteringPlatform_WithALaterCheckBroken_FailsThatCheckAndQueuesNothing()
    {
        _h.Platforms.Replace(_h.Registration with { AutoRegisterDeployments = true });

        var result = await _h.LaunchAsync(b => b.Set(LtiClaimTypes.DeploymentId, "8:ffff").Remove(LtiClaimTypes.Version));

        AssertFails(result, LtiErrors.VersionMissing, LaunchCheck.Version);
        Assert.Null(result.PendingDeploymentId);
    }

    // ---- 12. Version ----
    [Fact]
    public async Task Validate_NoVersion_FailsWithVersionMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Remove(LtiClaimTypes.Version)), LtiErrors.VersionMissing, LaunchCheck.Version);

    [Theory]
    [InlineData("1.1")]
    [InlineData("1.3")]
    [InlineData("2.0.0")]
    public async Task Validate_WrongVersion_FailsWithVersionUnsupported(string version) =>
        AssertFails(await _h.LaunchAsync(b => b.Set(LtiClaimTypes.Version, version)), LtiErrors.VersionUnsupported, LaunchCheck.Version);

    // ---- 13. Message type ----
    [Fact]
    public async Task Validate_NoMessageType_FailsWithMessageTypeMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Remove(LtiClaimTypes.MessageType)), LtiErrors.MessageTypeMissing, LaunchCheck.MessageType);

    [Theory]
    [InlineData("LtiSubmissionReviewRequest")]
    [InlineData("basic-lti-launch-request")]
    public async Task Validate_UnsupportedMessageType_FailsWithMessageTypeUnsupported(string type) =>
        AssertFails(await _h.LaunchAsync(b => b.Set(LtiClaimTypes.MessageType, type)), LtiErrors.MessageTypeUnsupported, LaunchCheck.MessageType);

    // ---- 14. Required claims ----
    [Fact]
    public async Task Validate_NoRolesClaim_FailsWithRolesMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Remove(LtiClaimTypes.Roles)), LtiErrors.RolesMissing, LaunchCheck.RequiredClaims);

    [Fact]
    public async Task Validate_NoTargetLinkUri_FailsWithTargetLinkUriMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Remove(LtiClaimTypes.TargetLinkUri)), LtiErrors.TargetLinkUriMissing, LaunchCheck.RequiredClaims);

    [Fact]
    public async Task Validate_RolesButNoSub_FailsWithSubMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Remove("sub")), LtiErrors.SubjectMissing, LaunchCheck.RequiredClaims);

    [Fact]
    public async Task Validate_AnonymousLaunchWithoutSub_Succeeds() =>
        Assert.True((await _h.LaunchAsync(b => b.Remove("sub").Set(LtiClaimTypes.Roles, new JsonArray("http://purl.imsglobal.org/vocab/lis/v2/system/person#None")))).Succeeded);

    [Fact]
    public async Task Validate_EmptyRolesList_IsAllowed() =>
        Assert.True((await _h.LaunchAsync(b => b.Set(LtiClaimTypes.Roles, new JsonArray()))).Succeeded);

    [Fact]
    public async Task Validate_ResourceLinkWithoutId_FailsWithResourceLinkMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.Set(LtiClaimTypes.ResourceLink, new JsonObject { ["title"] = "x" })), LtiErrors.ResourceLinkMissing, LaunchCheck.RequiredClaims);

    [Fact]
    public async Task Validate_DeepLinkingWithoutSettings_FailsWithDeepLinkingSettingsMissing() =>
        AssertFails(await _h.LaunchAsync(b => b.DeepLinking("https://canvas.example.edu/courses/6/deep_linking_response", ProtocolHarness.LaunchUri.AbsoluteUri, "assignment_selection")
            .Remove(LtiClaimTypes.DeepLinkingSettings)), LtiErrors.DeepLinkingSettingsMissing, LaunchCheck.RequiredClaims);

    [Fact]
    public async Task Validate_DeepLinkingRequest_Succeeds()
    {
        var result = await _h.LaunchAsync(b => b.DeepLinking("https://canvas.example.edu/courses/6/deep_linking_response?data=x", ProtocolHarness.LaunchUri.AbsoluteUri, "assignment_selection"));
        Assert.True(result.Succeeded, result.Error?.Code);
        Assert.Equal("https://canvas.example.edu/courses/6/deep_linking_response?data=x", result.Message!.DeepLinkingSettings!.DeepLinkReturnUrl);
    }

    // ---- Order ----
    [Fact]
    public async Task Validate_TokenBreakingSeveralChecks_FailsOnTheEarliest()
    {
        var result = await _h.LaunchAsync(b => b.Set("iss", "https://evil.example.com").Remove(LtiClaimTypes.Version).Remove("nonce"));
        AssertFails(result, LtiErrors.IssuerMismatch, LaunchCheck.Issuer);
    }

    [Fact]
    public void Catalogue_CodesAreUniqueSnakeCaseAnd4xx()
    {
        Assert.Equal(LtiErrors.All.Count, LtiErrors.All.Select(e => e.Code).Distinct().Count());
        Assert.All(LtiErrors.All, e =>
        {
            Assert.Matches("^[a-z]+(_[a-z0-9]+)*$", e.Code);
            Assert.InRange(e.StatusCode, 400, 599);
            Assert.False(string.IsNullOrWhiteSpace(e.Description));
        });
    }
}
