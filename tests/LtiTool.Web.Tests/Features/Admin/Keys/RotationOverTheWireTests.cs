using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Services;
using LtiTool.Web.Features.Admin.Keys;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Web.Tests.Features.Admin.Keys;

/// <summary>What platforms see of a rotation: the tool signs with the Current key, and a cached JWKS always knows it.</summary>
public sealed class RotationOverTheWireTests : IDisposable
{
    private readonly List<string> _assertions = [];
    private readonly LtiToolApp _app;

    public RotationOverTheWireTests() =>
        _app = new LtiToolApp(LtiToolApp.ManagedKeys(ToolKeyRotationTests.DailyRotation),
            services => services.AddHttpClient(LtiHttpClients.Services).AddHttpMessageHandler(() => new AssertionRecorder(_assertions)));

    public void Dispose() => _app.Dispose();

    private ToolKeyRing Ring => _app.Services.GetRequiredService<ToolKeyRing>();

    /// <summary>A platform that reads the tool's JWKS and keeps it for the Cache-Control max-age, as Canvas may.</summary>
    private sealed class CachingPlatform(HttpClient client, TimeProvider time)
    {
        private IList<JsonWebKey> _keys = [];
        private DateTimeOffset _expires = DateTimeOffset.MinValue;

        public int Fetches { get; private set; }

        public async Task<TokenValidationResult> VerifyAsync(string jwt)
        {
            if (time.GetUtcNow() >= _expires)
            {
                using var response = await client.GetAsync("/.well-known/jwks.json");
                _keys = new JsonWebKeySet(await response.Content.ReadAsStringAsync()).Keys;
                _expires = time.GetUtcNow() + response.Headers.CacheControl!.MaxAge!.Value;
                Fetches++;
            }
            return await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
            {
                IssuerSigningKeys = _keys, ValidateAudience = false, ValidateIssuer = false, ValidateLifetime = false,
            });
        }
    }

    private sealed class AssertionRecorder(List<string> assertions) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is FormUrlEncodedContent form
                && QueryHelpers.ParseQuery(await form.ReadAsStringAsync(cancellationToken)).TryGetValue("client_assertion", out var assertion))
            {
                lock (assertions) assertions.Add(assertion.ToString());
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task ScheduledRotation_PlatformsCachingTheJwks_NeverMeetAnUnknownKid()
    {
        // Five platforms whose caches expire a minute apart; the clock moves a minute at a time through a
        // whole period: next key published, promoted, old key retired and removed.
        var platforms = new List<CachingPlatform>();
        var scheduler = _app.Services.GetRequiredService<ToolKeyScheduler>();
        var registration = new Uri("https://localhost/demo/token");
        var signers = new HashSet<string>();
        for (var minute = 0; minute < 27 * 60; minute++)
        {
            if (platforms.Count < 5) platforms.Add(new CachingPlatform(_app.CreateClient(), _app.Time));
            await scheduler.RunOnceAsync(default);
            var assertion = ClientAssertion.Create(Ring.SigningKey, "10000000000001", registration, _app.Time.GetUtcNow(), $"jti-{minute}", TimeSpan.FromMinutes(5));
            signers.Add(new JsonWebToken(assertion).Kid);
            foreach (var platform in platforms)
            {
                var result = await platform.VerifyAsync(assertion);
                Assert.True(result.IsValid, $"minute {minute}: {result.Exception?.GetType().Name} {result.Exception?.Message}");
            }
            _app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal(2, signers.Count);
        Assert.All(platforms, p => Assert.True(p.Fetches > 300));
        var published = JsonDocument.Parse(await _app.CreateClient().GetStringAsync("/.well-known/jwks.json")).RootElement.GetProperty("keys");
        Assert.Equal(Ring.SigningKey.Kid, Assert.Single(published.EnumerateArray()).GetProperty("kid").GetString());
    }

    [Fact]
    public async Task RotateNowWithoutANextKey_AJwksSnapshotFromBefore_DoesNotKnowTheNewKid()
    {
        // Why the command warns: a platform that cached the JWKS just before an immediate rotation misses the new kid.
        var platform = new CachingPlatform(_app.CreateClient(), _app.Time);
        var before = ClientAssertion.Create(Ring.SigningKey, "c", new Uri("https://localhost/t"), _app.Time.GetUtcNow(), "1", TimeSpan.FromMinutes(5));
        Assert.True((await platform.VerifyAsync(before)).IsValid);

        await using var scope = _app.Services.CreateAsyncScope();
        var rotated = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RotateToolKey.Command());
        var after = ClientAssertion.Create(Ring.SigningKey, "c", new Uri("https://localhost/t"), _app.Time.GetUtcNow(), "2", TimeSpan.FromMinutes(5));

        Assert.NotNull(rotated.Warning);
        Assert.False((await platform.VerifyAsync(after)).IsValid);
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await platform.VerifyAsync(after)).IsValid);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AfterRevokingTheCurrentKey_ServiceCallsAndDeepLinkingAnswers_AreSignedByAKidInTheJwks(bool withANextKey)
    {
        var teacher = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", teacher.SessionToken);
        var contextId = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement.GetProperty("context").GetProperty("id").GetString();
        var compromised = Ring.SigningKey.Kid;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            if (withANextKey) await mediator.Send(new PublishNextToolKey.Command());
            Assert.Null((await mediator.Send(new RevokeToolKey.Command(compromised, compromised))).Error);
        }

        var jwks = new JsonWebKeySet(await _app.CreateClient().GetStringAsync("/.well-known/jwks.json"));
        Assert.DoesNotContain(jwks.Keys, k => k.Kid == compromised);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/contexts/{contextId}/roster/sync", null)).StatusCode);
        var linking = await _app.LaunchAsync(LaunchKind.InstructorDeepLinking);
        var picker = _app.CreateClient();
        picker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", linking.SessionToken);
        var answer = JsonDocument.Parse(await (await picker.PostAsJsonAsync("/api/deep-linking/response", new { cancel = true })).Content.ReadAsStringAsync()).RootElement;

        var signed = new[] { Assert.Single(_assertions), answer.GetProperty("jwt").GetString()! };
        foreach (var jwt in signed)
        {
            Assert.NotEqual(compromised, new JsonWebToken(jwt).Kid);
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
            {
                IssuerSigningKeys = jwks.Keys, ValidateAudience = false, ValidateIssuer = false, ValidateLifetime = false,
            });
            Assert.True(result.IsValid, result.Exception?.Message);
        }
    }

    [Fact]
    public async Task AfterARotation_ServiceCallsAndDeepLinkingAnswers_AreSignedByTheNewCurrentKey()
    {
        var teacher = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", teacher.SessionToken);
        var contextId = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement.GetProperty("context").GetProperty("id").GetString();
        var first = Ring.SigningKey.Kid;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/contexts/{contextId}/roster/sync", null)).StatusCode);

        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RotateToolKey.Command());
        _app.Time.Advance(TimeSpan.FromHours(1)); // the demo's service token has expired: the tool asks for a new one
        var second = Ring.SigningKey.Kid;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/contexts/{contextId}/roster/sync", null)).StatusCode);

        Assert.NotEqual(first, second);
        Assert.Equal([first, second], _assertions.Select(a => new JsonWebToken(a).Kid));
        var linking = await _app.LaunchAsync(LaunchKind.InstructorDeepLinking);
        var picker = _app.CreateClient();
        picker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", linking.SessionToken);
        var answer = JsonDocument.Parse(await (await picker.PostAsJsonAsync("/api/deep-linking/response", new { cancel = true })).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(second, new JsonWebToken(answer.GetProperty("jwt").GetString()).Kid);
    }
}
