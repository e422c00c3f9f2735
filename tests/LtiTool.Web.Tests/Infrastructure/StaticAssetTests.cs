using System.Net;
using LtiTool.DemoPlatform;

namespace LtiTool.Web.Tests.Infrastructure;

public sealed class StaticAssetTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/js/people.js", "text/javascript")]
    [InlineData("/js/activities.js", "text/javascript")]
    [InlineData("/js/keys.js", "text/javascript")]
    [InlineData("/js/frame.js", "text/javascript")]
    public async Task Asset_LinkedFromPages_IsServedWithItsContent_AlsoToBrowsersAskingForCompression(string path, string mediaType)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task LaunchedPage_LinksTheStylesheetThatIsServed()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        var href = outcome.Page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href");
        Assert.Equal("/css/site.css", href);
        Assert.NotNull(outcome.Page.QuerySelector("script[src='/js/frame.js']")); // lti.frameResize and lti.scrollToTop
    }
}
