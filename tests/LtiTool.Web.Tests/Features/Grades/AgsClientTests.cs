using LtiTool.DemoPlatform;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Services;
using LtiTool.Lti.Services.Ags;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Grades;

/// <summary>The AGS line item client against the demo gradebook: real tokens, real paging.</summary>
public sealed class AgsClientTests : IDisposable
{
    private static readonly Uri LineItems = new("https://localhost/demo/api/lti/courses/DEMO101/line_items");
    private readonly LtiToolApp _app = new(new Dictionary<string, string?> { ["Lti:Services:RetryBaseDelay"] = "00:00:00.010" });

    public void Dispose() => _app.Dispose();

    private async Task<(AgsClient Client, PlatformRegistration Registration)> ClientAsync()
    {
        _ = _app.Server;
        var registration = (await _app.Services.GetRequiredService<IPlatformStore>().FindByIssuerAsync(_app.Platform.Options.Issuer, default)).Single();
        return (_app.Services.GetRequiredService<AgsClient>(), registration);
    }

    private static async Task<List<LineItem>> AllAsync(AgsClient client, PlatformRegistration registration, LineItemQuery query)
    {
        var items = new List<LineItem>();
        await foreach (var item in client.ListAsync(registration, LineItems, query, default)) items.Add(item);
        return items;
    }

    [Fact]
    public async Task List_TheAssignmentsColumn()
    {
        var (client, registration) = await ClientAsync();
        var item = Assert.Single(await AllAsync(client, registration, new LineItemQuery()));
        Assert.Equal(LineItems.AbsoluteUri + "/1", item.Id);
        Assert.Equal(10m, item.ScoreMaximum);
        Assert.Equal(DemoData.Course.AssignmentResourceLinkId, item.ResourceLinkId);
    }

    [Fact]
    public async Task CreateThenList_FollowsEveryPageAndFilters()
    {
        var (client, registration) = await ClientAsync();
        for (var i = 1; i <= 24; i++)
        {
            var created = await client.CreateAsync(registration, LineItems,
                new LineItem(null, 20, $"Quiz {i}", ResourceId: $"quiz-{i}", Tag: i % 2 == 0 ? "quiz" : "lab", CanvasSubmissionType: new CanvasSubmissionType("none")), default);
            Assert.StartsWith(LineItems.AbsoluteUri + "/", created.Id, StringComparison.Ordinal);
        }

        var all = await AllAsync(client, registration, new LineItemQuery());
        var quizzes = await AllAsync(client, registration, new LineItemQuery(Tag: "quiz", Limit: 5));

        Assert.Equal(25, all.Count); // three pages of 10
        Assert.Equal(25, all.Select(i => i.Id).Distinct().Count());
        Assert.Equal(12, quizzes.Count);
        Assert.All(quizzes, q => Assert.Equal("quiz", q.Tag));
        Assert.Equal(1, _app.Services.GetRequiredService<DemoTokenEndpoint>().Issued);
    }

    [Fact]
    public async Task UpdateAndDelete_ThenTheColumnIsGoneWith404()
    {
        var (client, registration) = await ClientAsync();
        var created = await client.CreateAsync(registration, LineItems, new LineItem(null, 5, "Participation"), default);

        var renamed = await client.UpdateAsync(registration, created with { Label = "Participation (week 1)" }, default);
        Assert.Equal("Participation (week 1)", (await client.GetAsync(registration, new Uri(created.Id!), default)).Label);
        Assert.Equal(created.Id, renamed.Id);

        await client.DeleteAsync(registration, new Uri(created.Id!), default);
        var e = await Assert.ThrowsAsync<LtiServiceException>(() => client.GetAsync(registration, new Uri(created.Id!), default));
        Assert.Equal(404, e.PlatformStatus);
        Assert.Equal("service_call_failed", e.Error.Code);
    }

    [Fact]
    public async Task Create_WithoutLabel_IsRefusedWithThePlatformsMessage()
    {
        var (client, registration) = await ClientAsync();
        var e = await Assert.ThrowsAsync<LtiServiceException>(() => client.CreateAsync(registration, LineItems, new LineItem(null, 5, " "), default));
        Assert.Equal(400, e.PlatformStatus);
        Assert.Contains("label", e.Error.Description, StringComparison.Ordinal);
        Assert.Equal(1, _app.Services.GetRequiredService<DemoGradebook>().Count);
    }

    private static readonly Uri EssayColumn = new("https://localhost/demo/api/lti/courses/DEMO101/line_items/1");

    [Fact]
    public async Task PostScore_ThePlatformReceivesExactlyThatScore()
    {
        var (client, registration) = await ClientAsync();
        var score = new Score(DemoData.Student.Subject, "2026-11-23T12:00:00.000+00:00", ScoreProgress.Completed, ScoreProgress.FullyGraded,
            8.5m, 10m, "Clear argument, cite your sources.", new ScoreSubmission("2026-11-22T09:30:00.000+00:00"),
            new CanvasScoreSubmission(NewSubmission: true, SubmissionType: "online_text_entry", SubmissionData: "My essay"));

        var response = await client.PostScoreAsync(registration, EssayColumn, score, default);

        Assert.NotNull(response.ResultUrl);
        var (lineItem, received) = Assert.Single(_app.Services.GetRequiredService<DemoGradebook>().Received);
        Assert.Equal(1, lineItem);
        Assert.Equal(DemoData.Student.Subject, (string?)received["userId"]);
        Assert.Equal(8.5m, (decimal?)received["scoreGiven"]);
        Assert.Equal(10m, (decimal?)received["scoreMaximum"]);
        Assert.Equal("FullyGraded", (string?)received["gradingProgress"]);
        Assert.Equal("Completed", (string?)received["activityProgress"]);
        Assert.Equal("2026-11-23T12:00:00.000+00:00", (string?)received["timestamp"]);
        Assert.Equal("Clear argument, cite your sources.", (string?)received["comment"]);
        Assert.Equal("2026-11-22T09:30:00.000+00:00", (string?)received["submission"]!["submittedAt"]);
        Assert.Equal("online_text_entry", (string?)received["https://canvas.instructure.com/lti/submission"]!["submission_type"]);
        Assert.Null(received["https://canvas.instructure.com/lti/submission"]!["preserve_score"]);
    }

    [Fact]
    public async Task PostScore_StudentViewUser_Is422FromThePlatform()
    {
        var (client, registration) = await ClientAsync();
        var e = await Assert.ThrowsAsync<LtiServiceException>(() => client.PostScoreAsync(registration, EssayColumn,
            new Score(DemoData.TestStudent.Subject, "2026-11-23T12:00:00Z", ScoreProgress.Completed, ScoreProgress.FullyGraded, 5, 10), default));
        Assert.Equal(422, e.PlatformStatus);
        Assert.Contains("not a student", e.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostScore_EarlierTimestampThanTheStoredResult_Is400()
    {
        var (client, registration) = await ClientAsync();
        await client.PostScoreAsync(registration, EssayColumn, new Score(DemoData.Student.Subject, "2026-11-23T12:00:00Z", ScoreProgress.Completed, ScoreProgress.FullyGraded, 5, 10), default);
        var e = await Assert.ThrowsAsync<LtiServiceException>(() => client.PostScoreAsync(registration, EssayColumn,
            new Score(DemoData.Student.Subject, "2026-11-23T11:59:59Z", ScoreProgress.Completed, ScoreProgress.FullyGraded, 6, 10), default));
        Assert.Equal(400, e.PlatformStatus);
    }

    [Fact]
    public async Task PostScore_ScoreGivenWithoutMaximum_Is422()
    {
        var (client, registration) = await ClientAsync();
        var e = await Assert.ThrowsAsync<LtiServiceException>(() => client.PostScoreAsync(registration, EssayColumn,
            new Score(DemoData.Student.Subject, "2026-11-23T12:00:00Z", ScoreProgress.Completed, ScoreProgress.FullyGraded, 5), default));
        Assert.Equal(422, e.PlatformStatus);
    }

    [Fact]
    public async Task ListResults_ReadsBackEveryScoreOverPages_AndAGradeChangedInTheLms()
    {
        var (client, registration) = await ClientAsync();
        var students = DemoRoster.Members(200).Where(m => m.Roles.Contains("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner") && m != DemoData.TestStudent)
            .Select(m => m.Subject).Take(12).ToArray();
        var resultUrls = new List<string?>();
        foreach (var (student, i) in students.Select((s, i) => (s, i)))
            resultUrls.Add((await client.PostScoreAsync(registration, EssayColumn,
                new Score(student, "2026-11-23T12:00:00Z", ScoreProgress.Completed, ScoreProgress.FullyGraded, i % 11, 10), default)).ResultUrl);
        _app.Services.GetRequiredService<DemoGradebook>().SetGradeInLms(1, students[3], 9.5m, 10m, "Changed in the gradebook");

        var results = new List<Result>();
        await foreach (var result in client.ListResultsAsync(registration, EssayColumn, null, default)) results.Add(result);
        var mine = new List<Result>();
        await foreach (var result in client.ListResultsAsync(registration, EssayColumn, students[3], default)) mine.Add(result);

        Assert.Equal(students, results.Select(r => r.UserId)); // two pages of 10 and 2
        Assert.Equal(resultUrls, results.Select(r => r.Id));
        Assert.All(results, r => Assert.Equal(EssayColumn.AbsoluteUri, r.ScoreOf));
        Assert.Equal(7m, results[7].ResultScore);
        var changed = Assert.Single(mine);
        Assert.Equal(9.5m, changed.ResultScore);
        Assert.Equal(10m, changed.ResultMaximum);
        Assert.Equal("Changed in the gradebook", changed.Comment);
    }
}
