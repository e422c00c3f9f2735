using System.Text.Json;
using LtiTool.Lti.Services.Ags;

namespace LtiTool.Lti.Tests.Services;

public sealed class LineItemTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void CanvasShapes_Deserialize()
    {
        var create = JsonSerializer.Deserialize<LineItem>(Fixture("ags-lineitem-create.request.json"))!;
        Assert.Equal(100m, create.ScoreMaximum);
        Assert.Equal("2022-01-31T22:23:11+0000", create.StartDateTime);
        Assert.Equal("external_tool", create.CanvasSubmissionType!.Type);

        var item = JsonSerializer.Deserialize<LineItem>(Fixture("ags-lineitem.json"))!;
        Assert.Equal("https://canvas.example.edu/api/lti/courses/5/line_items/2", item.Id);
        Assert.Equal("8aa641d1-b4d4-4fea-8a9b-e9fedfb62b1e", item.ResourceLinkId);

        var list = JsonSerializer.Deserialize<List<LineItem>>(Fixture("ags-lineitems.json"))!;
        Assert.Equal(2, list.Count);
        Assert.Equal("none", list[1].CanvasSubmissionType!.Type);
    }

    [Theory]
    [InlineData("https://canvas.example.edu/api/lti/courses/3/line_items/7", "https://canvas.example.edu/api/lti/courses/3/line_items/7/scores")]
    [InlineData("https://canvas.example.edu/api/lti/courses/3/line_items/7/", "https://canvas.example.edu/api/lti/courses/3/line_items/7/scores")]
    [InlineData("https://lms.example.edu/lti/lineitem/7?type_id=2", "https://lms.example.edu/lti/lineitem/7/scores?type_id=2")]
    public void ScoresUrl_AppendsToThePathAndKeepsTheQuery(string lineItem, string expected) =>
        Assert.Equal(new Uri(expected), AgsClient.ScoresUrl(new Uri(lineItem)));

    [Fact]
    public void CanvasScore_RoundTripsAndOmitsNulls()
    {
        var score = JsonSerializer.Deserialize<Score>(Fixture("ags-score.json"))!;
        Assert.Equal(83m, score.ScoreGiven);
        Assert.Equal("online_url", score.CanvasSubmission!.SubmissionType);
        var minimal = JsonSerializer.Serialize(new Score("u1", "2026-11-23T12:00:00Z", ScoreProgress.Submitted, ScoreProgress.PendingManual),
            new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
        Assert.DoesNotContain("scoreGiven", minimal, StringComparison.Ordinal);
        Assert.Contains("\"gradingProgress\":\"PendingManual\"", minimal, StringComparison.Ordinal);
    }
}
