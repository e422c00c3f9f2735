using System.Net;
using LtiTool.DemoPlatform;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.Web.Tests.Features.Launch;

public sealed class LoginTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private Dictionary<string, string> CanvasLogin() =>
        new(_app.Platform.PrepareLaunch(new LaunchScenario(LaunchKind.StudentAssignment), LtiToolApp.BaseUrl).Fields);

    [Fact]
    public async Task Login_Post_RedirectsToThePlatformWithStateNonceAndBindingCookie()
    {
        var response = await _app.CreateClient().PostAsync("/lti/login", new FormUrlEncodedContent(CanvasLogin()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("https://localhost/demo/authorize?", location.AbsoluteUri, StringComparison.Ordinal);
        var q = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("https://localhost/lti/launch", q["redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(q["state"]));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(LtiTool.Lti.Login.BrowserBinding.CookiePrefix, StringComparison.Ordinal));
        Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Partitioned", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_Get_WorksLikePost()
    {
        var response = await _app.CreateClient().GetAsync(QueryHelpers.AddQueryString("/lti/login", CanvasLogin()!));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Login_CanvasDeploymentIdName_IsAccepted()
    {
        var fields = CanvasLogin();
        fields["deployment_id"] = fields["lti_deployment_id"];
        fields.Remove("lti_deployment_id");
        var response = await _app.CreateClient().PostAsync("/lti/login", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("iss", "https://unknown.example.edu", "unknown_platform")]
    [InlineData("client_id", "424242", "unknown_platform")]
    [InlineData("target_link_uri", "https://evil.example.com/steal", "target_link_uri_foreign")]
    [InlineData("login_hint", "", "login_parameter_missing")]
    public async Task Login_BadRequest_Answers400PageWithoutRedirect(string field, string value, string code)
    {
        var fields = CanvasLogin();
        fields[field] = value;

        var response = await _app.CreateClient().PostAsync("/lti/login", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(LtiTool.Lti.Login.BrowserBinding.CookiePrefix, StringComparison.Ordinal)));
    }
}
