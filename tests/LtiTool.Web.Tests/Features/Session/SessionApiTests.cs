using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LtiTool.DemoPlatform;

namespace LtiTool.Web.Tests.Features.Session;

public sealed class SessionApiTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private HttpClient WithToken(string? token)
    {
        var client = _app.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Session_NoToken_Is401ProblemWithCode()
    {
        var response = await WithToken(null).GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("session_invalid", problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
    }

    [Fact]
    public async Task Session_ExpiredToken_Is401()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(outcome.SessionToken).GetAsync("/api/session")).StatusCode);

        _app.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(outcome.SessionToken).GetAsync("/api/session")).StatusCode);
    }

    [Fact]
    public async Task Session_TamperedToken_Is401()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);
        var token = outcome.SessionToken!;
        var tampered = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(tampered).GetAsync("/api/session")).StatusCode);
    }

    [Fact]
    public async Task Session_TokenCarriesPointersOnly()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(outcome.SessionToken!.Split('.')[1]);
        Assert.DoesNotContain("Sam", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("@", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("line_items", payload, StringComparison.Ordinal);
        Assert.Contains("\"lid\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_PartitionedCookieAlsoWorksForReads()
    {
        var driver = _app.Driver();
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment, driver: driver);
        Assert.Equal(HttpStatusCode.OK, outcome.Status);

        var response = await driver.Client.GetAsync("/api/session");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sam Student", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_ObserverLaunch_ListsObserverRoleAndNoGradePermissions()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.ObserverCourseNavigation);
        var session = JsonDocument.Parse(await WithToken(outcome.SessionToken).GetStringAsync("/api/session")).RootElement;
        Assert.Equal("Observer", session.GetProperty("roles")[0].GetString());
        Assert.DoesNotContain(session.GetProperty("permissions").EnumerateArray(), p => p.GetString()!.Contains("grade", StringComparison.Ordinal));
    }
}
