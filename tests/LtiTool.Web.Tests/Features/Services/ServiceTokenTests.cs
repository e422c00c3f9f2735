using System.Net;
using System.Text.Json;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Services;
using LtiTool.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Services;

/// <summary>The tool's service tokens against the demo platform, whose token endpoint checks assertions like Canvas.</summary>
public sealed class ServiceTokenTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<PlatformRegistration> DemoRegistrationAsync()
    {
        _ = _app.Server;
        var store = _app.Services.GetRequiredService<IPlatformStore>();
        return (await store.FindByIssuerAsync(_app.Platform.Options.Issuer, default)).Single();
    }

    [Fact]
    public async Task Token_ToolAssertionVerifiedAgainstItsPublishedJwks_IsIssued()
    {
        var registration = await DemoRegistrationAsync();
        var client = _app.Services.GetRequiredService<PlatformTokenClient>();

        var result = await client.GetAsync(registration, [LtiScopes.NrpsContextMembershipReadOnly, LtiScopes.AgsScore], default);

        Assert.True(result.Succeeded, result.Error?.Description);
        var tokens = _app.Services.GetRequiredService<DemoTokenEndpoint>();
        Assert.True(tokens.Authorizes("Bearer " + result.Token!.Value, LtiScopes.NrpsContextMembershipReadOnly));
        Assert.False(tokens.Authorizes("Bearer " + result.Token.Value, LtiScopes.AgsLineItem));
        Assert.Equal(TestClock.Start.AddHours(1), result.Token.ExpiresAt);
    }

    [Fact]
    public async Task Token_ScopeTheKeyDoesNotHave_IsRefusedWithThePlatformsReason()
    {
        var registration = await DemoRegistrationAsync();
        var result = await _app.Services.GetRequiredService<PlatformTokenClient>().GetAsync(registration, ["https://example.com/scope/everything"], default);
        Assert.Equal("token_refused", result.Error!.Code);
        Assert.Contains("invalid_scope", result.Error.Description, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadAssertions => new()
    {
        { "aud is the issuer, not the token URL", "invalid_client" },
        { "signed by a key the tool never published", "invalid_client" },
        { "issued ten minutes ago", "invalid_client" },
        { "sub is another client", "invalid_client" },
        { "wrong assertion type", "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(BadAssertions))]
    public async Task Token_BadAssertion_IsRefused(string what, string error)
    {
        var registration = await DemoRegistrationAsync();
        var key = ToolKey.FromPem(what.StartsWith("signed by", StringComparison.Ordinal) ? TestKeys.ToolNextPem : TestKeys.ToolPem, default);
        var now = _app.Time.GetUtcNow() - (what.StartsWith("issued", StringComparison.Ordinal) ? TimeSpan.FromMinutes(10) : TimeSpan.Zero);
        var audience = what.StartsWith("aud", StringComparison.Ordinal) ? new Uri(registration.Issuer) : registration.TokenEndpoint!;
        var clientId = what.StartsWith("sub", StringComparison.Ordinal) ? "99999" : registration.ClientId;
        var assertion = ClientAssertion.Create(key, clientId, audience, now, Guid.NewGuid().ToString("N"), TimeSpan.FromMinutes(20));

        var response = await _app.CreateClient().PostAsync(registration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = what.StartsWith("wrong assertion", StringComparison.Ordinal) ? "urn:other" : ClientAssertion.Type,
            ["client_assertion"] = assertion,
            ["scope"] = LtiScopes.AgsScore,
        }));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
        Assert.Equal(error, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(0, _app.Services.GetRequiredService<DemoTokenEndpoint>().Issued);
    }
}
