using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Services;
using LtiTool.Lti.Services.Ags;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Demo;

/// <summary>
/// The demo LMS's gradebook over raw HTTP (no retrying client in between): the result service, grades a teacher
/// changes in the LMS, the AGS outage switch, scripted score failures and the gradebook on the demo page.
/// </summary>
public sealed class DemoGradebookTests : IDisposable
{
    private const string LineItems = "https://localhost/demo/api/lti/courses/DEMO101/line_items";
    private const string Essay = LineItems + "/1";
    private static readonly string[] AllAgsScopes = [LtiScopes.AgsLineItem, LtiScopes.AgsScore, LtiScopes.AgsResultReadOnly];

    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private DemoGradebook Book => _app.Services.GetRequiredService<DemoGradebook>();

    private const string Learner = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";

    /// <summary>Students a score may be posted for: Sam, then generated ones (never the Student View user).</summary>
    private static IEnumerable<string> Students(int count) =>
        DemoRoster.Members(200).Where(m => m.Roles.Contains(Learner) && m != DemoData.TestStudent).Select(m => m.Subject).Take(count);

    /// <summary>A client carrying a demo LMS token for the scopes, obtained the way the tool obtains one.</summary>
    private async Task<HttpClient> ClientAsync(params string[] scopes)
    {
        _ = _app.Server;
        var registration = (await _app.Services.GetRequiredService<IPlatformStore>().FindByIssuerAsync(_app.Platform.Options.Issuer, default)).Single();
        var token = await _app.Services.GetRequiredService<PlatformTokenClient>().GetAsync(registration, scopes, default);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token!.Value);
        return client;
    }

    private static Task<HttpResponseMessage> PostScoreAsync(HttpClient client, string userId, decimal? given = 8.5m, decimal? maximum = 10m,
        string lineItem = Essay, string grading = ScoreProgress.FullyGraded, string? comment = null)
    {
        var body = new JsonObject
        {
            ["userId"] = userId, ["timestamp"] = "2026-11-23T12:00:00.000+00:00", ["activityProgress"] = "Completed", ["gradingProgress"] = grading,
            ["scoreGiven"] = given, ["scoreMaximum"] = maximum, ["comment"] = comment,
        };
        return client.PostAsync(lineItem + "/scores", new StringContent(body.ToJsonString(), Encoding.UTF8, LtiMediaTypes.Score));
    }

    private static async Task<JsonArray> ResultsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LtiMediaTypes.ResultContainer, response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    [Fact]
    public async Task Results_AfterAScore_AnswerACanvasShapedResult()
    {
        var client = await ClientAsync(AllAgsScopes);
        var posted = await PostScoreAsync(client, DemoData.Student.Subject, comment: "Clear argument.");
        var resultUrl = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("resultUrl").GetString();

        var result = Assert.Single(await ResultsAsync(await client.GetAsync(Essay + "/results")))!.AsObject();

        Assert.Equal(["id", "userId", "resultScore", "resultMaximum", "comment", "scoreOf"], result.Select(p => p.Key));
        Assert.Equal(resultUrl, (string?)result["id"]);
        Assert.StartsWith(Essay + "/results/", resultUrl, StringComparison.Ordinal);
        Assert.Equal(Essay, (string?)result["scoreOf"]);
        Assert.Equal(DemoData.Student.Subject, (string?)result["userId"]);
        Assert.Equal(8.5m, (decimal?)result["resultScore"]);
        Assert.Equal(10m, (decimal?)result["resultMaximum"]);
        Assert.Equal("Clear argument.", (string?)result["comment"]);
    }

    [Fact]
    public async Task Results_ScoreNotYetGraded_HasANullScoreOutOfTheColumnsMaximum()
    {
        var client = await ClientAsync(AllAgsScopes);
        Assert.Equal(HttpStatusCode.OK, (await PostScoreAsync(client, DemoData.Student.Subject, given: null, maximum: null, grading: ScoreProgress.Pending)).StatusCode);

        var result = Assert.Single(await ResultsAsync(await client.GetAsync(Essay + "/results")))!.AsObject();

        Assert.True(result.ContainsKey("resultScore"));
        Assert.Null(result["resultScore"]);
        Assert.Equal(10m, (decimal?)result["resultMaximum"]);
        Assert.Null(result["comment"]);
    }

    [Fact]
    public async Task Results_25Students_ComeInPagesOf10LinkedByNext()
    {
        var client = await ClientAsync(AllAgsScopes);
        foreach (var student in Students(25)) Assert.Equal(HttpStatusCode.OK, (await PostScoreAsync(client, student)).StatusCode);

        var sizes = new List<int>();
        var users = new List<string>();
        Uri? next = new(Essay + "/results");
        while (next is not null)
        {
            var response = await client.GetAsync(next);
            var page = await ResultsAsync(response);
            sizes.Add(page.Count);
            users.AddRange(page.Select(r => (string)r!["userId"]!));
            next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Find(links, "next", next) : null;
        }

        Assert.Equal([10, 10, 5], sizes);
        Assert.Equal(Students(25), users);
    }

    [Fact]
    public async Task Results_UserIdFilter_AnswersThatUsersResultOnlyAndKeepsItInTheNextLink()
    {
        var client = await ClientAsync(AllAgsScopes);
        foreach (var student in Students(3)) await PostScoreAsync(client, student);
        var second = Students(3).ElementAt(1);

        var response = await client.GetAsync($"{Essay}/results?user_id={second}&limit=1");

        Assert.Equal(second, (string?)Assert.Single(await ResultsAsync(response))!["userId"]);
        Assert.False(response.Headers.Contains("Link"));
        Assert.Empty(await ResultsAsync(await client.GetAsync($"{Essay}/results?user_id={DemoData.Instructor.Subject}")));
        var paged = await client.GetAsync($"{Essay}/results?limit=2");
        Assert.Equal(2, (await ResultsAsync(paged)).Count);
        Assert.Contains("page=2", paged.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_TokenWithoutTheResultScope_Is401()
    {
        var client = await ClientAsync(LtiScopes.AgsLineItem, LtiScopes.AgsScore);
        Assert.Equal(HttpStatusCode.OK, (await PostScoreAsync(client, DemoData.Student.Subject)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Essay + "/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync(Essay + "/results")).StatusCode);
    }

    [Fact]
    public async Task Results_UnknownLineItem_Is404()
    {
        var client = await ClientAsync(AllAgsScopes);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(LineItems + "/99/results")).StatusCode);
    }

    [Fact]
    public async Task Results_LineItemDeleted_Is404AndItsColumnLeavesTheGradebook()
    {
        var client = await ClientAsync(AllAgsScopes);
        var created = await client.PostAsync(LineItems, new StringContent("""{"label":"Quiz","scoreMaximum":5}""", Encoding.UTF8, LtiMediaTypes.LineItem));
        var quiz = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        await PostScoreAsync(client, DemoData.Student.Subject, 4, 5, quiz);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(quiz)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(quiz + "/results")).StatusCode);
        Assert.Equal([1], Book.Columns().Select(c => c.LineItem));
    }

    [Fact]
    public async Task SetGradeInLms_ChangesWhatResultsAnswer_NotWhatTheLmsReceived()
    {
        var client = await ClientAsync(AllAgsScopes);
        await PostScoreAsync(client, DemoData.Student.Subject, comment: "From the tool");
        var before = Assert.Single(await ResultsAsync(await client.GetAsync(Essay + "/results")))!;

        Book.SetGradeInLms(1, DemoData.Student.Subject, 9.25m, 10m, "Regraded by hand");

        var after = Assert.Single(await ResultsAsync(await client.GetAsync(Essay + "/results")))!;
        Assert.Equal((string?)before["id"], (string?)after["id"]);
        Assert.Equal(9.25m, (decimal?)after["resultScore"]);
        Assert.Equal("Regraded by hand", (string?)after["comment"]);
        var (_, received) = Assert.Single(Book.Received);
        Assert.Equal(8.5m, (decimal?)received["scoreGiven"]);
    }

    [Fact]
    public async Task SetGradeInLms_WithoutAToolScore_CreatesTheResult()
    {
        var client = await ClientAsync(AllAgsScopes);

        Book.SetGradeInLms(1, DemoData.Student.Subject, 7, 10, null);

        var result = Assert.Single(await ResultsAsync(await client.GetAsync(Essay + "/results")))!;
        Assert.Equal(7m, (decimal?)result["resultScore"]);
        Assert.Empty(Book.Received);
        Assert.Throws<ArgumentException>(() => Book.SetGradeInLms(99, DemoData.Student.Subject, 7, 10, null));
        Assert.Throws<ArgumentException>(() => Book.SetGradeInLms(1, DemoData.Instructor.Subject, 7, 10, null));
    }

    public static TheoryData<string, string, string?> AgsEndpoints => new()
    {
        { "GET", LineItems, null },
        { "POST", LineItems, """{"label":"Quiz","scoreMaximum":5}""" },
        { "GET", Essay, null },
        { "PUT", Essay, """{"label":"Essay","scoreMaximum":10}""" },
        { "DELETE", Essay, null },
        { "POST", Essay + "/scores", $$"""{"userId":"{{DemoData.Student.Subject}}","timestamp":"2026-11-23T12:00:00Z","activityProgress":"Completed","gradingProgress":"FullyGraded","scoreGiven":1,"scoreMaximum":10}""" },
        { "GET", Essay + "/results", null },
    };

    [Theory]
    [MemberData(nameof(AgsEndpoints))]
    public async Task AgsUnavailable_EveryEndpointIs503WithRetryAfterOneSecond(string method, string url, string? body)
    {
        var client = await ClientAsync(AllAgsScopes);
        _app.Platform.AgsAvailable = false;
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter!.Delta);
        Assert.Equal(1, Book.Count);
        Assert.Empty(Book.Received);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/demo")).StatusCode);
    }

    [Fact]
    public async Task AgsAvailableAgain_ScoresAreAccepted()
    {
        var client = await ClientAsync(AllAgsScopes);
        _app.Platform.AgsAvailable = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostScoreAsync(client, DemoData.Student.Subject)).StatusCode);

        _app.Platform.AgsAvailable = true;

        Assert.Equal(HttpStatusCode.OK, (await PostScoreAsync(client, DemoData.Student.Subject)).StatusCode);
        Assert.Single(Book.Received);
    }

    [Fact]
    public async Task FailNextScores_TheNextTwoAre500ThenScoresAreAcceptedAgain()
    {
        var client = await ClientAsync(AllAgsScopes);
        Book.FailNextScores(2, 500);

        Assert.Equal(HttpStatusCode.InternalServerError, (await PostScoreAsync(client, DemoData.Student.Subject)).StatusCode);
        Assert.Equal(1, Book.PendingScoreFailures);
        Assert.Equal(HttpStatusCode.InternalServerError, (await PostScoreAsync(client, DemoData.Student.Subject)).StatusCode);
        Assert.Empty(Book.Received);
        Assert.Empty(await ResultsAsync(await client.GetAsync(Essay + "/results")));

        Assert.Equal(HttpStatusCode.OK, (await PostScoreAsync(client, DemoData.Student.Subject)).StatusCode);
        Assert.Equal(0, Book.PendingScoreFailures);
        Assert.Single(Book.Received);
    }

    [Fact]
    public async Task FailNextScores_429_CarriesRetryAfter_AndAnUnauthorizedPostDoesNotUseItUp()
    {
        var client = await ClientAsync(AllAgsScopes);
        Book.FailNextScores(1, 429, retryAfterSeconds: 2);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostScoreAsync(_app.CreateClient(), DemoData.Student.Subject)).StatusCode);
        var response = await PostScoreAsync(client, DemoData.Student.Subject);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
        Assert.Throws<ArgumentOutOfRangeException>(() => Book.FailNextScores(1, 200));
    }

    [Fact]
    public async Task DemoPage_ShowsEveryAcceptedScoreInTheGradebookTable()
    {
        var client = await ClientAsync(AllAgsScopes);
        var created = await client.PostAsync(LineItems, new StringContent("""{"label":"Quiz <1> & \"friends\"","scoreMaximum":5}""", Encoding.UTF8, LtiMediaTypes.LineItem));
        var quiz = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        await PostScoreAsync(client, DemoData.Student.Subject);
        await PostScoreAsync(client, DemoData.Student.Subject, 3, 5, quiz);
        await PostScoreAsync(client, Students(2).Last(), given: null, maximum: null, grading: ScoreProgress.PendingManual);

        var html = await _app.CreateClient().GetStringAsync("/demo");
        var section = new HtmlParser().ParseDocument(html).QuerySelector("section.gradebook")!;

        Assert.Equal("Demo gradebook (what the LMS holds)", section.QuerySelector("h2")!.TextContent);
        Assert.Equal(["Student", DemoData.Course.AssignmentTitle + " (10)", "Quiz <1> & \"friends\" (5)"], section.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var rows = section.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray());
        Assert.Equal(2, rows.Count);
        Assert.Equal(["8.5/10", "3/5"], rows["Sam Student"]);
        Assert.Equal(["–/10", ""], rows.Single(r => r.Key != "Sam Student").Value);
        Assert.DoesNotContain("Quiz <1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoPage_BeforeAnyScore_SaysSo()
    {
        var section = new HtmlParser().ParseDocument(await _app.CreateClient().GetStringAsync("/demo")).QuerySelector("section.gradebook")!;

        Assert.Empty(section.QuerySelectorAll("tbody tr"));
        Assert.Contains("No grades yet", section.TextContent, StringComparison.Ordinal);
    }
}
