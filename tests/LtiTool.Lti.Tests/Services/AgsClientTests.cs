using System.Net;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Login;
using LtiTool.Lti.Services;
using LtiTool.Lti.Services.Ags;
using LtiTool.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LtiTool.Lti.Tests.Services;

/// <summary>The AGS result service client against a scripted platform: token endpoint plus pages keyed by URL.</summary>
public sealed class AgsClientTests
{
    private const string LineItem = "https://canvas.example.edu/api/lti/courses/5/line_items/2";
    private const string ResultsPage1 = LineItem + "/results";
    private const string ResultsPage2 = LineItem + "/results?page=2&per_page=1";
    private const string ResultsPage3 = LineItem + "/results?page=3&per_page=1";

    private readonly ProtocolHarness _h = new();
    private readonly Dictionary<string, Func<HttpResponseMessage>> _pages = new(StringComparer.Ordinal);
    private readonly List<string> _tokenScopes = [];
    private readonly List<HttpRequestMessage> _serviceCalls = [];
    private readonly AgsClient _client;

    public AgsClientTests()
    {
        var handler = new StubHttpHandler(request =>
        {
            if (request.RequestUri == _h.Registration.TokenEndpoint)
            {
                var form = QueryHelpers.ParseQuery(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
                _tokenScopes.Add(form["scope"].ToString());
                return StubHttpHandler.Json("""{"access_token":"tok-1","token_type":"Bearer","expires_in":3600}""");
            }
            _serviceCalls.Add(request);
            return _pages.TryGetValue(request.RequestUri!.AbsoluteUri, out var page) ? page() : new HttpResponseMessage(HttpStatusCode.NotFound);
        });
        var factory = new StubHttpClientFactory(handler);
        var tokens = new PlatformTokenClient(factory, new ToolKeyRing(new ToolKeySet([ToolKey.FromPem(TestKeys.ToolPem, default)])), new RandomTokenGenerator(), _h.Time,
            Options.Create(new PlatformTokenOptions()), NullLogger<PlatformTokenClient>.Instance);
        _client = new AgsClient(new PlatformServiceClient(factory, tokens, NullLogger<PlatformServiceClient>.Instance));
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static HttpResponseMessage Page(string json, string? next = null)
    {
        var response = StubHttpHandler.Json(json);
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(LtiMediaTypes.ResultContainer);
        if (next is not null) response.Headers.Add("Link", $"<{LineItem}/results>; rel=\"first\", <{next}>; rel=\"next\"");
        return response;
    }

    private async Task<List<Result>> AllAsync(string lineItem = LineItem, string? userId = null)
    {
        var results = new List<Result>();
        await foreach (var result in _client.ListResultsAsync(_h.Registration, new Uri(lineItem), userId, default)) results.Add(result);
        return results;
    }

    [Fact]
    public async Task ListResults_ThreePages_FollowsNextUntilItIsGone()
    {
        _pages[ResultsPage1] = () => Page(Fixture("ags-results.json"), ResultsPage2);
        _pages[ResultsPage2] = () => Page("""[{"id":"https://canvas.example.edu/api/lti/courses/5/line_items/2/results/2","userId":"u2","resultScore":null,"resultMaximum":50,"comment":null,"scoreOf":"https://canvas.example.edu/api/lti/courses/5/line_items/2"}]""", ResultsPage3);
        _pages[ResultsPage3] = () => Page("""[{"id":"https://canvas.example.edu/api/lti/courses/5/line_items/2/results/3","userId":"u3","resultScore":12.5,"resultMaximum":50,"comment":"Late, but good."}]""");

        var results = await AllAsync();

        Assert.Equal([ResultsPage1, ResultsPage2, ResultsPage3], _serviceCalls.Select(c => c.RequestUri!.AbsoluteUri));
        Assert.Equal(["e77934e7-0000-4000-8000-000000000011", "u2", "u3"], results.Select(r => r.UserId));
        var first = results[0];
        Assert.Equal("https://canvas.example.edu/api/lti/courses/5/line_items/2/results/1", first.Id);
        Assert.Equal(LineItem, first.ScoreOf);
        Assert.Equal(45m, first.ResultScore);
        Assert.Equal(50m, first.ResultMaximum);
        Assert.Null(first.Comment);
        Assert.Null(first.Timestamp);
        Assert.Null(results[1].ResultScore); // Canvas lists an ungraded user with a null score
        Assert.Equal(12.5m, results[2].ResultScore);
        Assert.Equal("Late, but good.", results[2].Comment);
        Assert.Single(_tokenScopes);
    }

    [Fact]
    public async Task ListResults_SendsTheResultContainerMediaTypeAndTheResultReadOnlyScope()
    {
        _pages[ResultsPage1] = () => Page("[]");

        Assert.Empty(await AllAsync());

        var call = Assert.Single(_serviceCalls);
        Assert.Equal(HttpMethod.Get, call.Method);
        Assert.Equal([LtiMediaTypes.ResultContainer], call.Headers.Accept.Select(a => a.MediaType));
        Assert.Equal("Bearer tok-1", call.Headers.Authorization!.ToString());
        Assert.Equal(LtiScopes.AgsResultReadOnly, Assert.Single(_tokenScopes));
    }

    [Fact]
    public async Task ListResults_WithUserId_AsksForThatUserOnly()
    {
        _pages[ResultsPage1 + "?user_id=e77934e7-0000-4000-8000-000000000011"] = () => Page(Fixture("ags-results.json"));

        var result = Assert.Single(await AllAsync(userId: "e77934e7-0000-4000-8000-000000000011"));

        Assert.Equal("e77934e7-0000-4000-8000-000000000011", result.UserId);
    }

    [Fact]
    public async Task ListResults_LineItemWithQuery_KeepsItAndAddsTheUserFilter()
    {
        _pages["https://lms.example.edu/lti/lineitem/7/results?type_id=2&user_id=u%2B1"] = () => Page("[]");

        Assert.Empty(await AllAsync("https://lms.example.edu/lti/lineitem/7?type_id=2", "u+1"));

        Assert.Single(_serviceCalls);
    }

    [Theory]
    [InlineData("https://canvas.example.edu/api/lti/courses/3/line_items/7", "https://canvas.example.edu/api/lti/courses/3/line_items/7/results")]
    [InlineData("https://canvas.example.edu/api/lti/courses/3/line_items/7/", "https://canvas.example.edu/api/lti/courses/3/line_items/7/results")]
    [InlineData("https://lms.example.edu/lti/lineitem/7?type_id=2", "https://lms.example.edu/lti/lineitem/7/results?type_id=2")]
    public void ResultsUrl_AppendsToThePathAndKeepsTheQuery(string lineItem, string expected) =>
        Assert.Equal(new Uri(expected), AgsClient.ResultsUrl(new Uri(lineItem)));

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"results":[]}""")]
    [InlineData("null")]
    [InlineData("[null]")]
    [InlineData("""[{"userId":"u1","resultScore":"high"}]""")]
    public async Task ListResults_BodyIsNotAResultContainer_FailsWithServiceResponseInvalid(string body)
    {
        _pages[ResultsPage1] = () => Page(body);

        var e = await Assert.ThrowsAsync<LtiServiceException>(() => AllAsync());

        Assert.Equal(LtiErrors.ServiceResponseInvalid.Code, e.Error.Code);
    }

    [Fact]
    public async Task ListResults_NextLinksLoop_FailsWithServiceResponseInvalid()
    {
        _pages[ResultsPage1] = () => Page(Fixture("ags-results.json"), ResultsPage2);
        _pages[ResultsPage2] = () => Page("[]", ResultsPage1);

        var e = await Assert.ThrowsAsync<LtiServiceException>(() => AllAsync());

        Assert.Equal(LtiErrors.ServiceResponseInvalid.Code, e.Error.Code);
        Assert.Contains("loop", e.Error.Description, StringComparison.Ordinal);
        Assert.Equal(2, _serviceCalls.Count);
    }

    [Fact]
    public async Task ListResults_UnknownLineItem_FailsWithThePlatformsStatus()
    {
        var e = await Assert.ThrowsAsync<LtiServiceException>(() => AllAsync());

        Assert.Equal(LtiErrors.ServiceCallFailed.Code, e.Error.Code);
        Assert.Equal(404, e.PlatformStatus);
    }
}
