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
}
