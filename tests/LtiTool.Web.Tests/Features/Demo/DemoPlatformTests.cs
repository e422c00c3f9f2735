using System.Net;
using AngleSharp.Html.Parser;

namespace LtiTool.Web.Tests.Features.Demo;

public sealed class DemoPlatformTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task DemoPage_OffersEveryLaunchIntoAFrame()
    {
        var page = new HtmlParser().ParseDocument(await _app.CreateClient().GetStringAsync("/demo"));

        var links = page.QuerySelectorAll("a.launch").Select(a => (Href: a.GetAttribute("href"), Target: a.GetAttribute("target"))).ToArray();
        Assert.Equal(["/demo/start/instructor", "/demo/start/student", "/demo/start/test-student", "/demo/start/observer", "/demo/start/administrator"], links.Select(l => l.Href));
        Assert.All(links, l => Assert.Equal("tool", l.Target));
        Assert.NotNull(page.QuerySelector("iframe[name=tool]"));
    }

    [Fact]
    public async Task DemoPage_WithALaunch_OpensItInTheFrame()
    {
        var page = new HtmlParser().ParseDocument(await _app.CreateClient().GetStringAsync("/demo?launch=student"));
        Assert.Equal("/demo/start/student", page.QuerySelector("iframe[name=tool]")!.GetAttribute("src"));
    }

    [Fact]
    public async Task DemoStart_UnknownKind_Is404()
    {
        var response = await _app.CreateClient().GetAsync("/demo/start/wizard");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DemoPlatform_IsOffOutsideDevelopmentUnlessEnabled()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["DemoPlatform:Enabled"] = null });
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/demo")).StatusCode);
    }

    [Fact]
    public async Task Authorize_UnknownMessageHint_AnswersLaunchNoLongerValid()
    {
        var response = await _app.CreateClient().GetAsync("/demo/authorize?redirect_uri=https://evil.example/steal&state=x&client_id=10000000000001&login_hint=a&lti_message_hint=nope&nonce=n&prompt=none&response_mode=form_post&response_type=id_token&scope=openid");
        Assert.Contains("launch_no_longer_valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
