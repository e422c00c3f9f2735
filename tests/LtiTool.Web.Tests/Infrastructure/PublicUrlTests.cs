using System.Net;
using LtiTool.DemoPlatform;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.Web.Tests.Infrastructure;

public sealed class PublicUrlTests
{
    private static async Task<HttpResponseMessage> LoginAsync(LtiToolApp app, string target, Action<HttpRequestMessage>? headers = null)
    {
        var fields = new Dictionary<string, string>(app.Platform.PrepareLaunch(new LaunchScenario(LaunchKind.StudentAssignment), LtiToolApp.BaseUrl).Fields)
        {
            ["target_link_uri"] = target,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/lti/login") { Content = new FormUrlEncodedContent(fields) };
        headers?.Invoke(request);
        return await app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task Login_ConfiguredPublicBaseUrl_BuildsTheRedirectUriFromIt()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Lti:PublicBaseUrl"] = "https://lti.example.edu/" });
        var response = await LoginAsync(app, "https://lti.example.edu/lti/launch");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://lti.example.edu/lti/launch", QueryHelpers.ParseQuery(response.Headers.Location!.Query)["redirect_uri"]);
    }

    [Fact]
    public async Task Login_BehindATrustedProxy_UsesTheForwardedSchemeAndHost()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Lti:PublicBaseUrl"] = "" });
        var response = await LoginAsync(app, "https://lti.school.example/lti/launch", r =>
        {
            r.Headers.Add("X-Forwarded-Proto", "https");
            r.Headers.Add("X-Forwarded-Host", "lti.school.example");
            r.Headers.Add("X-Forwarded-For", "203.0.113.7");
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://lti.school.example/lti/launch", QueryHelpers.ParseQuery(response.Headers.Location!.Query)["redirect_uri"]);
    }
}
