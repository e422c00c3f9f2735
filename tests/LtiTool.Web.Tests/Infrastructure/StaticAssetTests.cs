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
    public async Task Asset_LinkedFromPages_IsServed(string path, string mediaType)
    {
        var response = await _app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task LaunchedPage_LinksTheStylesheetThatIsServed()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        var href = outcome.Page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href");
        Assert.Equal("/css/site.css", href);
    }
}
