using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;
using LtiTool.Testing;

namespace LtiTool.Lti.Tests.Claims;

public sealed class LaunchMessageTests
{
    private readonly ProtocolHarness _h = new();

    private async Task<(LtiTool.Lti.Login.LoginResult Login, DemoPlatform.LaunchTokenBuilder Builder)> FromFixtureAsync(string file)
    {
        var login = await _h.LogInAsync();
        var fixture = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", file)))!.AsObject();
        var builder = _h.NewToken(login);
        foreach (var key in builder.Claims.Select(c => c.Key).ToArray()) builder.Claims.Remove(key);
        foreach (var (key, value) in fixture) builder.Claims[key] = value?.DeepClone();
        // The capture's instance values give way to this harness's registration, clock and login.
        var now = _h.Time.GetUtcNow().ToUnixTimeSeconds();
        builder.Set("iss", ProtocolHarness.Issuer).Set("aud", ProtocolHarness.ClientId).Set("azp", ProtocolHarness.ClientId)
            .Set("iat", now).Set("exp", now + 3600).Set("nonce", login.State!.Nonce).Set(LtiClaimTypes.DeploymentId, ProtocolHarness.DeploymentId);
        return (login, builder);
    }

    [Fact]
    public async Task CanvasTeacherAssignmentLaunch_ReadsEveryClaimTheToolUses()
    {
        var (login, builder) = await FromFixtureAsync("canvas-resource-link-launch.claims.json");

        var result = await _h.ValidateAsync(login, builder.Build());

        Assert.True(result.Succeeded, result.Error?.Code);
        var m = result.Message!;
        Assert.Equal(LtiMessageTypes.ResourceLinkRequest, m.MessageType);
        Assert.Equal("e77934e7-0000-4000-8000-000000000001", m.Subject);
        Assert.Equal("Tessa Teacher", m.Name);
        Assert.Equal("teacher@example.edu", m.Email);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", m.Context!.Id);
        Assert.Equal("EX101", m.Context.Label);
        Assert.Equal("Example Course 101", m.Context.Title);
        Assert.Equal(["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"], m.Context.Types);
        Assert.Equal("8aa641d1-b4d4-4fea-8a9b-e9fedfb62b1e", m.ResourceLink!.Id);
        Assert.Equal("https://canvas.example.edu/api/lti/courses/3/line_items/1", m.Ags!.LineItem);
        Assert.Contains(LtiScopes.AgsScore, m.Ags.Scopes);
        Assert.Equal("https://canvas.example.edu/api/lti/courses/3/names_and_roles", m.Nrps!.ContextMembershipsUrl);
        Assert.Equal("value1", m.Custom["custom1"]);
        Assert.Null(m.CanvasPlacement);
        Assert.Equal(3, m.Roles.Count);
        Assert.Equal("iframe", m.LaunchPresentation!.DocumentTarget);
        Assert.Equal("canvas", m.ToolPlatform!.ProductFamilyCode);
    }

    [Fact]
    public async Task CanvasDeepLinkingRequest_ReadsSettings()
    {
        var (login, builder) = await FromFixtureAsync("canvas-deep-linking-request.claims.json");

        var result = await _h.ValidateAsync(login, builder.Build());

        Assert.True(result.Succeeded, result.Error?.Code);
        var settings = result.Message!.DeepLinkingSettings!;
        Assert.StartsWith("https://canvas.example.edu/courses/6/deep_linking_response?data=", settings.DeepLinkReturnUrl, StringComparison.Ordinal);
        Assert.Equal(["ltiResourceLink"], settings.AcceptTypes);
        Assert.False(settings.AcceptMultiple);
        Assert.Equal("assignment_selection", result.Message.CanvasPlacement);
        Assert.Equal(400, result.Message.LaunchPresentation!.Height);
    }

    [Theory]
    [InlineData("$Canvas.course.id", true)]
    [InlineData("$CourseSection.sourcedId", true)]
    [InlineData("12345", false)]
    [InlineData("$", false)]
    [InlineData(null, false)]
    public void IsUnresolvedVariable_TellsLiteralVariables(string? value, bool expected) =>
        Assert.Equal(expected, LaunchMessage.IsUnresolvedVariable(value));
}
