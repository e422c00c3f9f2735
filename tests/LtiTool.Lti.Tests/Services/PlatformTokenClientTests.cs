using System.Net;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Login;
using LtiTool.Lti.Services;
using LtiTool.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Lti.Tests.Services;

public sealed class PlatformTokenClientTests
{
    private readonly ProtocolHarness _h = new();
    private readonly ToolKeyRing _keys = new(new ToolKeySet([ToolKey.FromPem(TestKeys.ToolPem, default)]));
    private readonly List<Dictionary<string, string>> _requests = [];
    private Func<HttpResponseMessage> _answer;
    private readonly StubHttpHandler _endpoint;

    private static readonly string[] Scopes = [LtiScopes.AgsScore, LtiScopes.NrpsContextMembershipReadOnly];

    public PlatformTokenClientTests()
    {
        _answer = () => StubHttpHandler.Json("""{"access_token":"tok-1","token_type":"Bearer","expires_in":3600,"scope":"a b"}""");
        _endpoint = new StubHttpHandler(request =>
        {
            var form = QueryHelpers.ParseQuery(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            lock (_requests) _requests.Add(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            return _answer();
        });
    }

    private PlatformTokenClient Client(HttpMessageHandler? handler = null) => new(
        new StubHttpClientFactory(handler ?? _endpoint), _keys, new RandomTokenGenerator(), _h.Time,
        Options.Create(new PlatformTokenOptions()), NullLogger<PlatformTokenClient>.Instance);

    [Fact]
    public async Task Get_PostsClientCredentialsWithAValidAssertion()
    {
        var result = await Client().GetAsync(_h.Registration, Scopes, default);

        Assert.True(result.Succeeded);
        Assert.Equal("tok-1", result.Token!.Value);
        var form = Assert.Single(_requests);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(ClientAssertion.Type, form["client_assertion_type"]);
        Assert.Equal(string.Join(' ', Scopes.Order(StringComparer.Ordinal)), form["scope"]);

        // The assertion, checked as Canvas checks it: signed by our published key, sub = client id,
        // aud = the exact token URL, iat now, at most 5 minutes of life, a jti.
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"], new TokenValidationParameters
        {
            IssuerSigningKey = _keys.SigningKey.SecurityKey,
            ValidAudience = _h.Registration.TokenEndpoint!.AbsoluteUri,
            ValidIssuer = ProtocolHarness.ClientId,
            LifetimeValidator = (_, expires, _, _) => expires <= TestClock.Start.UtcDateTime.AddMinutes(5),
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var jwt = (JsonWebToken)validation.SecurityToken;
        Assert.Equal(ProtocolHarness.ClientId, jwt.Subject);
        Assert.Equal(_keys.SigningKey.Kid, jwt.Kid);
        Assert.Equal(TestClock.Start.UtcDateTime, jwt.IssuedAt);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
    }

    [Fact]
    public async Task Get_AfterTheRingRotated_SignsTheAssertionWithTheNewCurrentKey()
    {
        var client = Client();
        await client.GetAsync(_h.Registration, Scopes, default);
        var next = ToolKey.FromPem(TestKeys.ToolNextPem, default);
        _keys.Replace(new ToolKeySet(next, [_keys.SigningKey, next]));
        _h.Time.Advance(TimeSpan.FromHours(2));

        await client.GetAsync(_h.Registration, Scopes, default);

        Assert.Equal(2, _requests.Count);
        Assert.Equal(next.Kid, new JsonWebToken(_requests[1]["client_assertion"]).Kid);
    }

    [Fact]
    public async Task Get_SameScopesInAnyOrder_ReuseTheTokenUntilShortlyBeforeExpiry()
    {
        var client = Client();
        await client.GetAsync(_h.Registration, Scopes, default);
        _h.Time.Advance(TimeSpan.FromMinutes(57));
        await client.GetAsync(_h.Registration, Scopes.Reverse(), default);
        Assert.Single(_requests);

        _h.Time.Advance(TimeSpan.FromMinutes(2)); // inside the 2-minute refresh margin
        await client.GetAsync(_h.Registration, Scopes, default);
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task Get_OtherScopes_GetTheirOwnToken()
    {
        var client = Client();
        await client.GetAsync(_h.Registration, Scopes, default);
        await client.GetAsync(_h.Registration, [LtiScopes.AgsLineItem], default);
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task Get_ConcurrentMisses_ShareOneRequest()
    {
        var gate = new TaskCompletionSource();
        var handler = new StubHttpHandler(_ =>
        {
            gate.Task.Wait(TimeSpan.FromSeconds(5));
            return StubHttpHandler.Json("""{"access_token":"shared","expires_in":3600}""");
        });
        var client = Client(handler);
        var calls = Enumerable.Range(0, 20).Select(_ => client.GetAsync(_h.Registration, Scopes, default).AsTask()).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(calls);
        Assert.All(results, r => Assert.Equal("shared", r.Token!.Value));
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task Invalidate_AfterA401_FetchesAFreshToken()
    {
        var client = Client();
        var first = (await client.GetAsync(_h.Registration, Scopes, default)).Token!;
        _answer = () => StubHttpHandler.Json("""{"access_token":"tok-2","expires_in":3600}""");

        client.Invalidate(_h.Registration, Scopes, first);
        var second = (await client.GetAsync(_h.Registration, Scopes, default)).Token!;

        Assert.Equal("tok-2", second.Value);
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task Get_PlatformRefuses_ReportsItsReasonAndCachesNothing()
    {
        _answer = () => StubHttpHandler.Json("""{"error":"invalid_scope","error_description":"Invalid scope"}""", status: HttpStatusCode.BadRequest);
        var client = Client();

        var result = await client.GetAsync(_h.Registration, Scopes, default);
        await client.GetAsync(_h.Registration, Scopes, default);

        Assert.Equal(LtiErrors.TokenRefused.Code, result.Error!.Code);
        Assert.Contains("invalid_scope", result.Error.Description, StringComparison.Ordinal);
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task Get_NoTokenEndpoint_FailsWithoutCalling()
    {
        var result = await Client().GetAsync(_h.Registration with { TokenEndpoint = null }, Scopes, default);
        Assert.Equal(LtiErrors.TokenEndpointMissing, result.Error);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task Get_AnswerWithoutToken_IsUnavailable()
    {
        _answer = () => StubHttpHandler.Json("<html>maintenance</html>");
        Assert.Equal(LtiErrors.TokenEndpointUnavailable, (await Client().GetAsync(_h.Registration, Scopes, default)).Error);
    }

    [Fact]
    public void AccessToken_ToStringNeverShowsTheToken() =>
        Assert.DoesNotContain("secret-value", new AccessToken("secret-value", TestClock.Start, ["a"]).ToString(), StringComparison.Ordinal);
}
