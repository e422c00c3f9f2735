using System.Net;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.AspNetCore;
using LtiTool.Testing;
using LtiTool.Web.Features.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Tests.Features.Session;

/// <summary>
/// Where the browser keeps no cookie of the tool in the LMS frame, the session rides in the tool's page links
/// (<c>?lti_session=</c>): for reads only, only when followed from the tool's own pages, and only pages of such a
/// session ask their links to carry it.
/// </summary>
public sealed class SessionInLinksTests : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>A teacher's launch completed through the platform storage step: no cookie came back.</summary>
    private async Task<(string Token, string PeopleUrl, AngleSharp.Dom.IDocument Page)> CookielessLaunchAsync()
    {
        var client = _app.CreateClient();
        var login = _app.Platform.PrepareLaunch(new LaunchScenario(LaunchKind.InstructorCourseNavigation), LtiToolApp.BaseUrl);
        var response = await client.PostAsync(login.LoginUrl, new FormUrlEncodedContent(login.Fields));
        var secret = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(Lti.Login.BrowserBinding.CookiePrefix, StringComparison.Ordinal)).Split(';')[0].Split('=', 2)[1];
        var (action, fields) = await LaunchDriver.ReadAutoPostFormAsync(await client.GetAsync(response.Headers.Location));
        fields[LtiLaunchDefaults.StorageResultField] = "found";
        fields[LtiLaunchDefaults.StorageBindingField] = Uri.UnescapeDataString(secret);
        using var step = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        step.Headers.Add("Origin", "https://localhost");
        var launched = await _app.CreateClient().SendAsync(step);
        var page = Parser.ParseDocument(await launched.Content.ReadAsStringAsync());
        return (page.QuerySelector("meta[name=lti-session-token]")!.GetAttribute("content")!, page.QuerySelector("#people-link")!.GetAttribute("href")!, page);
    }

    /// <summary>A GET as a browser follows a link, from one of the tool's own pages or from another site.</summary>
    private Task<HttpResponseMessage> FollowAsync(string url, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return _app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task LaunchWithoutCookie_AsksItsLinksToCarryTheSession_AndAPageOpensWithIt()
    {
        var (token, people, launched) = await CookielessLaunchAsync();
        Assert.Equal(token, launched.QuerySelector("meta[name=lti-session-carry]")!.GetAttribute("content"));

        var response = await FollowAsync($"{people}?lti_session={Uri.EscapeDataString(token)}", "same-origin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Ada Instructor", page.QuerySelector("table.people")!.TextContent, StringComparison.Ordinal);
        // Its links keep carrying it.
        Assert.Equal(token, page.QuerySelector("meta[name=lti-session-carry]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task LaunchWithTheCookie_DoesNotPutTheSessionInLinks()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        Assert.Null(outcome.Page.QuerySelector("meta[name=lti-session-carry]"));
    }

    [Fact]
    public async Task SessionInTheQuery_IsForReadsOnly_AWriteNeedsTheHeader()
    {
        var (token, people, _) = await CookielessLaunchAsync();
        var contextId = people.Split('/')[2];

        var sync = await _app.CreateClient().PostAsync($"/api/contexts/{contextId}/roster/sync?lti_session={Uri.EscapeDataString(token)}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, sync.StatusCode);
    }

    [Fact]
    public async Task AForgedSessionInTheQuery_IsRefused()
    {
        var (token, people, _) = await CookielessLaunchAsync();
        var response = await FollowAsync($"{people}?lti_session={Uri.EscapeDataString(token[..^4] + "AAAA")}", "same-origin");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    // Login CSRF through a link: someone sends the victim a link carrying their own session.
    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    [InlineData("none")]
    [InlineData(null)]
    public async Task SessionInALinkFromElsewhere_IsNotASession(string? fetchSite)
    {
        var (token, people, _) = await CookielessLaunchAsync();

        var response = await FollowAsync($"{people}?lti_session={Uri.EscapeDataString(token)}", fetchSite);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // The carry rule itself, on the session scheme's events: a link token is handed on only once it validated.
    [Fact]
    public async Task ALinkTokenIsHandedToLinksOnlyAfterItValidated()
    {
        var options = _app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(SessionDefaults.AuthenticationScheme);
        var scheme = new AuthenticationScheme(SessionDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
        HttpContext LinkRequest()
        {
            var http = new DefaultHttpContext { RequestServices = _app.Services };
            http.Request.Method = "GET";
            http.Request.QueryString = new QueryString("?lti_session=some-token");
            http.Request.Headers["Sec-Fetch-Site"] = "same-origin";
            return http;
        }

        var refused = LinkRequest();
        var received = new MessageReceivedContext(refused, scheme, options);
        await options.Events.MessageReceived(received);
        Assert.Equal("some-token", received.Token);
        Assert.Null(SessionAuthentication.TokenToCarry(refused)); // read, but not validated: nothing to carry

        var validated = LinkRequest();
        await options.Events.MessageReceived(new MessageReceivedContext(validated, scheme, options));
        await options.Events.TokenValidated(new TokenValidatedContext(validated, scheme, options) { Principal = new System.Security.Claims.ClaimsPrincipal() });
        Assert.Equal("some-token", SessionAuthentication.TokenToCarry(validated));
        Assert.Equal("no-store", validated.Response.Headers.CacheControl.ToString());
    }
}
