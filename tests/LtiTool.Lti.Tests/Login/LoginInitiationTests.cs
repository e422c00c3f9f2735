using LtiTool.Lti.Launch;
using LtiTool.Lti.Login;
using LtiTool.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.Lti.Tests.Login;

public sealed class LoginInitiationTests
{
    private readonly ProtocolHarness _h = new();

    private static LoginRequest Canvas(string? iss = ProtocolHarness.Issuer, string? clientId = ProtocolHarness.ClientId, string? target = "https://tool.example.com/lti/launch", string? hint = "aaaa") =>
        new(iss, hint, target, "message-hint", clientId, ProtocolHarness.DeploymentId, "post_message_forwarding", "not_configured", "prod");

    private ValueTask<LoginResult> Initiate(LoginRequest request) =>
        _h.Login.InitiateAsync(request, ProtocolHarness.ToolOrigin, ProtocolHarness.LaunchUri, default);

    [Fact]
    public async Task Initiate_KnownPlatform_RedirectsWithEveryAuthenticationParameter()
    {
        var result = await Initiate(Canvas());
        Assert.True(result.Succeeded);
        var uri = result.AuthorizationRedirect!;
        Assert.StartsWith("https://canvas.example.edu/api/lti/authorize_redirect?", uri.AbsoluteUri, StringComparison.Ordinal);
        var q = QueryHelpers.ParseQuery(uri.Query);
        Assert.Equal("openid", q["scope"]);
        Assert.Equal("id_token", q["response_type"]);
        Assert.Equal("form_post", q["response_mode"]);
        Assert.Equal("none", q["prompt"]);
        Assert.Equal(ProtocolHarness.ClientId, q["client_id"]);
        Assert.Equal(ProtocolHarness.LaunchUri.AbsoluteUri, q["redirect_uri"]);
        Assert.Equal("aaaa", q["login_hint"]);
        Assert.Equal("message-hint", q["lti_message_hint"]);
        Assert.Equal(result.State!.State, q["state"]);
        Assert.Equal(result.State.Nonce, q["nonce"]);
    }

    [Fact]
    public async Task Initiate_StoresStateServerSideWithExpiryAndBindingHash()
    {
        var result = await Initiate(Canvas());
        var stored = _h.States.Find(result.State!.State)!;
        Assert.Equal(TestClock.Start + TimeSpan.FromMinutes(10), stored.ExpiresAt);
        Assert.Equal(BrowserBinding.Hash(result.BindingSecret!), stored.BindingHash);
        Assert.Equal(ProtocolHarness.DeploymentId, stored.DeploymentIdHint);
        Assert.Equal("post_message_forwarding", stored.StorageTarget);
        Assert.Equal("not_configured", stored.CanvasRegion);
        Assert.Equal("prod", stored.CanvasEnvironment);
    }

    [Fact]
    public async Task Initiate_StateAndNonceAreAtLeast128BitsAndDistinct()
    {
        var a = await Initiate(Canvas());
        var b = await Initiate(Canvas());
        foreach (var value in new[] { a.State!.State, a.State.Nonce, a.BindingSecret! })
            Assert.True(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(value).Length >= 16);
        Assert.Equal(4, new[] { a.State!.State, a.State.Nonce, b.State!.State, b.State.Nonce }.Distinct().Count());
    }

    [Fact]
    public async Task Initiate_UnknownIssuer_FailsWithUnknownPlatform() =>
        Assert.Equal(LtiErrors.UnknownPlatform, (await Initiate(Canvas(iss: "https://other.example.edu"))).Error);

    [Fact]
    public async Task Initiate_UnknownClientId_FailsWithUnknownPlatform() =>
        Assert.Equal(LtiErrors.UnknownPlatform, (await Initiate(Canvas(clientId: "999"))).Error);

    [Fact]
    public async Task Initiate_NoClientIdAndOneRegistration_UsesIt() =>
        Assert.True((await Initiate(Canvas(clientId: null))).Succeeded);

    [Fact]
    public async Task Initiate_NoClientIdAndSeveralRegistrations_FailsWithAmbiguousPlatform()
    {
        _h.Platforms.Replace(_h.Registration with { Id = "plt_second", ClientId = "10000000000003" });
        Assert.Equal(LtiErrors.AmbiguousPlatform, (await Initiate(Canvas(clientId: null))).Error);
    }

    [Fact]
    public async Task Initiate_DisabledRegistration_FailsWithPlatformDisabled()
    {
        _h.Platforms.Replace(_h.Registration with { Enabled = false });
        Assert.Equal(LtiErrors.PlatformDisabled, (await Initiate(Canvas())).Error);
    }

    [Theory]
    [InlineData("https://evil.example.com/lti/launch")]
    [InlineData("https://tool.example.com.evil.example/lti/launch")]
    [InlineData("http://tool.example.com/lti/launch")]
    [InlineData("https://tool.example.com:8443/lti/launch")]
    [InlineData("/lti/launch")]
    public async Task Initiate_TargetOutsideTheTool_FailsWithTargetLinkUriForeign(string target) =>
        Assert.Equal(LtiErrors.TargetLinkUriForeign, (await Initiate(Canvas(target: target))).Error);

    [Theory]
    [InlineData(null, "aaaa", "https://tool.example.com/lti/launch")]
    [InlineData(ProtocolHarness.Issuer, null, "https://tool.example.com/lti/launch")]
    [InlineData(ProtocolHarness.Issuer, "aaaa", null)]
    public async Task Initiate_MissingRequiredParameter_FailsWithLoginParameterMissing(string? iss, string? hint, string? target) =>
        Assert.Equal(LtiErrors.LoginParameterMissing, (await Initiate(Canvas(iss: iss, hint: hint, target: target))).Error);

    [Theory]
    [InlineData("lti_deployment_id")]
    [InlineData("deployment_id")]
    public void From_ReadsTheDeploymentUnderEitherName(string name)
    {
        var request = LoginRequest.From(n => n == name ? "7:abc" : null);
        Assert.Equal("7:abc", request.DeploymentId);
    }
}
