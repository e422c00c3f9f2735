using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;
using LtiTool.Lti.DeepLinking;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;
using LtiTool.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Lti.Tests.DeepLinking;

public sealed class DeepLinkingResponseBuilderTests
{
    private const string ReturnUrl = "https://canvas.example.edu/courses/6/deep_linking_response?data=eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.sig";

    private static readonly ToolKeyRing Keys = new(new ToolKeySet([ToolKey.FromPem(TestKeys.ToolPem, default)]));

    private static readonly PlatformRegistration Registration = new("plt_test", "Example University", "https://canvas.instructure.com", "10000000000002",
        new Uri("https://sso.canvaslms.com/api/lti/authorize_redirect"), new Uri("https://sso.canvaslms.com/api/lti/security/jwks"),
        new Uri("https://sso.canvaslms.com/login/oauth2/token"), [ProtocolHarness.DeploymentId]);

    /// <summary>Canvas's course_assignments_menu settings, plus accept_lineitem and data as the spec allows.</summary>
    private static readonly DeepLinkingSettingsClaim Settings = new(ReturnUrl, ["ltiResourceLink"], ["iframe", "window"],
        "application/vnd.ims.lti.v1.ltilink", AcceptMultiple: true, AutoCreate: false, AcceptLineItem: true, Title: null, Text: null, Data: "csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53");

    private static readonly LtiResourceLinkItem Quiz = new("Quiz 3", "https://tool.example.com/lti/launch?activity=quiz-3",
        "Short description shown as the assignment description", new Dictionary<string, string> { ["activity_id"] = "quiz-3" },
        new DeepLinkLineItem(10, "Quiz 3", "quiz-3", "quiz"),
        new DeepLinkWindow("_blank"), new DeepLinkIframe(800, 600),
        new DeepLinkTimeSpan(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero)),
        new DeepLinkTimeSpan(null, new DateTimeOffset(2026, 3, 15, 23, 59, 0, TimeSpan.Zero)));

    private readonly FakeTimeProvider _time = TestClock.Create();
    private readonly SequenceTokens _random = new();

    private DeepLinkingResponseBuilder Builder(TimeSpan? lifetime = null) =>
        new(Keys, _time, _random, Options.Create(new DeepLinkingOptions { ResponseLifetime = lifetime ?? TimeSpan.FromMinutes(10) }));

    /// <summary>Verifies the JWT as a platform would: RS256 against the tool's published JWKS, iss, aud and lifetime.</summary>
    private async Task<JsonWebToken> VerifyAsync(string jwt)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(Encoding.UTF8.GetString(Keys.Keys.JwksJson.Span)).Keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidIssuer = Registration.ClientId,
            ValidAudience = Registration.Issuer,
            LifetimeValidator = (_, expires, _, _) => expires > now,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    private static JsonObject Payload(string jwt) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1]))!.AsObject();

    private static JsonObject Fixture() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "deep-linking-response.claims.json")))!.AsObject();

    [Fact]
    public void Build_AfterTheRingRotated_SignsWithTheNewCurrentKey()
    {
        var old = ToolKey.FromPem(TestKeys.ToolPem, default);
        var next = ToolKey.FromPem(TestKeys.ToolNextPem, default);
        var ring = new ToolKeyRing(new ToolKeySet(old, [old, next]));
        var builder = new DeepLinkingResponseBuilder(ring, _time, _random, Options.Create(new DeepLinkingOptions()));
        var before = builder.Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz]).Response!;

        ring.Replace(new ToolKeySet(next, [old, next]));
        var after = builder.Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz]).Response!;

        Assert.Equal(old.Kid, new JsonWebToken(before.Jwt).Kid);
        Assert.Equal(next.Kid, new JsonWebToken(after.Jwt).Kid);
    }

    [Fact]
    public async Task Build_ResourceLink_SignsEveryRequiredClaim()
    {
        var result = Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz], "1 item added", "request 1234");

        Assert.True(result.Succeeded, result.Error?.Code);
        Assert.Equal(ReturnUrl, result.Response!.ReturnUrl);
        var jwt = await VerifyAsync(result.Response.Jwt);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(Keys.SigningKey.Kid, jwt.Kid);
        Assert.Equal("10000000000002", jwt.Issuer);
        Assert.Equal(["https://canvas.instructure.com"], jwt.Audiences);
        var payload = Payload(result.Response.Jwt);
        Assert.Equal(JsonValueKind.String, payload["aud"]!.GetValueKind());
        Assert.Equal(TestClock.Start.ToUnixTimeSeconds(), (long)payload["iat"]!);
        Assert.Equal("token-1", (string?)payload["nonce"]);
        Assert.Equal(LtiMessageTypes.DeepLinkingResponse, (string?)payload[LtiClaimTypes.MessageType]);
        Assert.Equal("1.3.0", (string?)payload[LtiClaimTypes.Version]);
        Assert.Equal(ProtocolHarness.DeploymentId, (string?)payload[LtiClaimTypes.DeploymentId]);
        Assert.Equal("1 item added", (string?)payload[LtiClaimTypes.DeepLinkingMessage]);
        Assert.Equal("request 1234", (string?)payload[LtiClaimTypes.DeepLinkingLog]);
        Assert.Null(payload[LtiClaimTypes.DeepLinkingErrorMessage]);
        Assert.Null(payload[LtiClaimTypes.DeepLinkingErrorLog]);
    }

    [Fact]
    public void Build_ClaimNames_AreTheFixtures()
    {
        var result = Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { Data = null }, [Quiz], "1 item added", "request 1234");

        Assert.Equal(Fixture().Select(c => c.Key).Order(StringComparer.Ordinal), Payload(result.Response!.Jwt).Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_ContentItems_MatchTheFixtureShape()
    {
        var settings = Settings with { AcceptTypes = ["ltiResourceLink", "link"] };
        var reading = new LinkItem("https://www.example.org/reading.html", "Course reading");

        var items = Payload(Builder().Build(Registration, ProtocolHarness.DeploymentId, settings, [Quiz, reading]).Response!.Jwt)[LtiClaimTypes.ContentItems]!.AsArray();

        var expected = Fixture()[LtiClaimTypes.ContentItems]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.True(JsonNode.DeepEquals(expected[0], items[0]), items[0]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected[1], items[1]), items[1]!.ToJsonString());
    }

    [Fact]
    public void Build_MinimalItem_OmitsEveryNull()
    {
        var item = Payload(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings, [new LtiResourceLinkItem("Essay")]).Response!.Jwt)
            [LtiClaimTypes.ContentItems]!.AsArray().Single()!.AsObject();

        Assert.Equal("""{"type":"ltiResourceLink","title":"Essay"}""", item.ToJsonString());
    }

    [Fact]
    public void Build_EveryOptionalField_UsesTheSpecNames()
    {
        var item = new LtiResourceLinkItem("Lab", "https://tool.example.com/lab", LineItem: new DeepLinkLineItem(12.5m, GradesReleased: false),
            Window: new DeepLinkWindow("lab", 1024, 768),
            Available: new DeepLinkTimeSpan(new DateTimeOffset(2026, 3, 1, 10, 0, 0, 500, TimeSpan.FromHours(2)), null));

        var json = Payload(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings, [item]).Response!.Jwt)
            [LtiClaimTypes.ContentItems]!.AsArray().Single()!.AsObject();

        Assert.Equal("""{"scoreMaximum":12.5,"gradesReleased":false}""", json["lineItem"]!.ToJsonString());
        Assert.Equal("""{"targetName":"lab","width":1024,"height":768}""", json["window"]!.ToJsonString());
        Assert.Equal("""{"startDateTime":"2026-03-01T08:00:00.5Z"}""", json["available"]!.ToJsonString());
    }

    [Fact]
    public void Build_Expiry_IsIssuedAtPlusTheLifetime()
    {
        var payload = Payload(Builder(TimeSpan.FromMinutes(30)).Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz]).Response!.Jwt);

        Assert.Equal(TestClock.Start.ToUnixTimeSeconds(), (long)payload["iat"]!);
        Assert.Equal(TestClock.Start.AddMinutes(30).ToUnixTimeSeconds(), (long)payload["exp"]!);
    }

    [Fact]
    public async Task Build_AfterTheLifetime_NoLongerVerifies()
    {
        var jwt = Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz]).Response!.Jwt;
        _time.Advance(TimeSpan.FromMinutes(10));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = Keys.SigningKey.SecurityKey, ValidIssuer = Registration.ClientId, ValidAudience = Registration.Issuer,
            LifetimeValidator = (_, expires, _, _) => expires > _time.GetUtcNow().UtcDateTime,
        });
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Build_TwoResponses_HaveFreshNonces()
    {
        var builder = Builder();
        var first = Payload(builder.Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz]).Response!.Jwt);
        var second = Payload(builder.Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz]).Response!.Jwt);

        Assert.NotEqual((string?)first["nonce"], (string?)second["nonce"]);
    }

    [Fact]
    public void Build_SettingsWithData_EchoesItUnchanged()
    {
        var payload = Payload(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz]).Response!.Jwt);

        Assert.Equal(Settings.Data, (string?)payload[LtiClaimTypes.DeepLinkingData]);
    }

    [Fact]
    public void Build_SettingsWithoutData_OmitsTheClaim()
    {
        var payload = Payload(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { Data = null }, [Quiz]).Response!.Jwt);

        Assert.False(payload.ContainsKey(LtiClaimTypes.DeepLinkingData));
    }

    [Fact]
    public void Build_NoItems_SignsAnEmptySelection()
    {
        var result = Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { AcceptMultiple = false }, []);

        Assert.True(result.Succeeded);
        Assert.Empty(Payload(result.Response!.Jwt)[LtiClaimTypes.ContentItems]!.AsArray());
    }

    [Fact]
    public void Build_TypeNotInAcceptTypes_FailsWithTypeNotAccepted()
    {
        var result = Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings, [new LinkItem("https://www.example.org/")]);

        AssertRefused(result, LtiErrors.DeepLinkingTypeNotAccepted);
        Assert.Contains("accepted: ltiResourceLink", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoItemsWithoutAcceptMultiple_FailsWithMultipleNotAccepted() =>
        AssertRefused(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { AcceptMultiple = false }, [Quiz, Quiz with { Title = "Quiz 4" }]),
            LtiErrors.DeepLinkingMultipleNotAccepted);

    [Fact]
    public void Build_TwoItemsWithAcceptMultiple_Succeeds()
    {
        var result = Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz, Quiz with { Title = "Quiz 4" }]);

        Assert.True(result.Succeeded);
        Assert.Equal(2, Payload(result.Response!.Jwt)[LtiClaimTypes.ContentItems]!.AsArray().Count);
    }

    [Fact]
    public void Build_OneItemWithoutAcceptMultiple_Succeeds() =>
        Assert.True(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { AcceptMultiple = false }, [Quiz]).Succeeded);

    [Fact]
    public void Build_LineItemWhenAcceptLineItemIsFalse_FailsWithLineItemNotAccepted() =>
        AssertRefused(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { AcceptLineItem = false }, [Quiz]),
            LtiErrors.DeepLinkingLineItemNotAccepted);

    [Fact]
    public void Build_LineItemWhenAcceptLineItemIsAbsent_Succeeds() =>
        Assert.True(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { AcceptLineItem = null }, [Quiz]).Succeeded);

    [Fact]
    public void Build_NoLineItemWhenAcceptLineItemIsFalse_Succeeds() =>
        Assert.True(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { AcceptLineItem = false }, [Quiz with { LineItem = null }]).Succeeded);

    [Theory]
    [InlineData("iframe")] // the item opens in a window
    [InlineData("window")] // the item embeds in an iframe
    public void Build_PresentationTargetNotAccepted_FailsWithPresentationNotAccepted(string onlyTarget)
    {
        var item = onlyTarget == "iframe" ? Quiz with { Iframe = null } : Quiz with { Window = null };

        AssertRefused(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { AcceptPresentationDocumentTargets = [onlyTarget] }, [item]),
            LtiErrors.DeepLinkingPresentationNotAccepted);
    }

    [Fact]
    public void Build_NoPresentationAsked_IgnoresTheTargets() =>
        Assert.True(Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings with { AcceptPresentationDocumentTargets = ["embed"] },
            [Quiz with { Window = null, Iframe = null }]).Succeeded);

    public static TheoryData<string, ContentItem> MalformedItems => new()
    {
        { "relative url", Quiz with { Url = "/lti/launch" } },
        { "javascript url", Quiz with { Url = "javascript:alert(1)" } },
        { "blank title", Quiz with { Title = " " } },
        { "zero scoreMaximum", Quiz with { LineItem = new DeepLinkLineItem(0) } },
        { "zero width", Quiz with { Iframe = new DeepLinkIframe(0, 600) } },
        { "negative window height", Quiz with { Window = new DeepLinkWindow(Height: -1) } },
        { "span ending before it starts", Quiz with { Available = new DeepLinkTimeSpan(TestClock.Start, TestClock.Start.AddDays(-1)) } },
        { "empty custom name", Quiz with { Custom = new Dictionary<string, string> { [""] = "x" } } },
        { "a foreign item type", new HtmlItem() },
    };

    [Theory]
    [MemberData(nameof(MalformedItems))]
    public void Build_MalformedItem_FailsWithItemInvalid(string why, ContentItem item)
    {
        var settings = Settings with { AcceptTypes = ["ltiResourceLink", "html"] };

        _ = why; // names the case in the test output
        AssertRefused(Builder().Build(Registration, ProtocolHarness.DeploymentId, settings, [item]), LtiErrors.DeepLinkingItemInvalid);
    }

    [Fact]
    public void Build_SecondItemBreaksARule_NamesIt()
    {
        var result = Builder().Build(Registration, ProtocolHarness.DeploymentId, Settings, [Quiz, new LinkItem("https://www.example.org/", "Reading")]);

        Assert.Contains("item 2: link", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildError_SignsACancelWithTheErrorMessages()
    {
        var response = Builder().BuildError(Registration, ProtocolHarness.DeploymentId, Settings, "Nothing was selected.", "user cancelled");

        Assert.Equal(ReturnUrl, response.ReturnUrl);
        await VerifyAsync(response.Jwt);
        var payload = Payload(response.Jwt);
        Assert.Equal(LtiMessageTypes.DeepLinkingResponse, (string?)payload[LtiClaimTypes.MessageType]);
        Assert.Empty(payload[LtiClaimTypes.ContentItems]!.AsArray());
        Assert.Equal("Nothing was selected.", (string?)payload[LtiClaimTypes.DeepLinkingErrorMessage]);
        Assert.Equal("user cancelled", (string?)payload[LtiClaimTypes.DeepLinkingErrorLog]);
        Assert.Equal(Settings.Data, (string?)payload[LtiClaimTypes.DeepLinkingData]);
        Assert.Null(payload[LtiClaimTypes.DeepLinkingMessage]);
    }

    [Fact]
    public void BuildError_WithoutLog_OmitsErrorLog()
    {
        var payload = Payload(Builder().BuildError(Registration, ProtocolHarness.DeploymentId, Settings with { AcceptTypes = [] }, "Cancelled.").Jwt);

        Assert.False(payload.ContainsKey(LtiClaimTypes.DeepLinkingErrorLog));
    }

    [Theory]
    [InlineData(0, 59, false)]
    [InlineData(1, 0, true)]
    [InlineData(60, 0, true)]
    [InlineData(60, 1, false)]
    public void Options_ResponseLifetime_IsBetweenOneMinuteAndOneHour(int minutes, int seconds, bool valid)
    {
        var options = new DeepLinkingOptions { ResponseLifetime = new TimeSpan(0, minutes, seconds) };

        Assert.Equal(valid, !options.Validate().Any());
        if (!valid)
            Assert.Throws<ArgumentException>(() => new DeepLinkingResponseBuilder(Keys, _time, _random, Options.Create(options)));
    }

    [Fact]
    public void Options_Default_IsTenMinutesAndValid()
    {
        var options = new DeepLinkingOptions();

        Assert.Equal(TimeSpan.FromMinutes(10), options.ResponseLifetime);
        Assert.Empty(options.Validate());
    }

    private static void AssertRefused(DeepLinkingResult result, LtiError expected)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Response);
        Assert.Equal(expected.Code, result.Error!.Code);
    }

    private sealed record HtmlItem() : ContentItem("html");

    private sealed class SequenceTokens : IRandomTokenGenerator
    {
        private int _next;
        public string Next() => "token-" + Interlocked.Increment(ref _next);
    }
}
