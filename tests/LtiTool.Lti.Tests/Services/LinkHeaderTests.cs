using LtiTool.Lti.Services;

namespace LtiTool.Lti.Tests.Services;

public sealed class LinkHeaderTests
{
    private static readonly Uri Base = new("https://canvas.example.edu/api/lti/courses/3/names_and_roles");

    [Theory]
    [InlineData("<https://canvas.example.edu/api/lti/courses/3/names_and_roles?page=2&per_page=50>; rel=\"next\"", "https://canvas.example.edu/api/lti/courses/3/names_and_roles?page=2&per_page=50")]
    [InlineData("<https://x.example/a?p=1>; rel=\"current\",<https://x.example/a?p=2>; rel=\"next\",<https://x.example/a?p=1>; rel=\"first\"", "https://x.example/a?p=2")]
    [InlineData("<https://x.example/a?p=2>; REL=NEXT", "https://x.example/a?p=2")]
    [InlineData("<https://x.example/a?p=2>; rel=\"next last\"", "https://x.example/a?p=2")]
    [InlineData("<https://x.example/a?ids=1,2;3&p=2>; rel=\"next\"", "https://x.example/a?ids=1,2;3&p=2")]
    [InlineData("</api/lti/courses/3/names_and_roles?page=2>; rel=\"next\"", "https://canvas.example.edu/api/lti/courses/3/names_and_roles?page=2")]
    [InlineData("<https://x.example/a?p=9>; title=\"next page\"; rel=\"next\"", "https://x.example/a?p=9")]
    public void Find_Next_InEveryForm(string header, string expected) =>
        Assert.Equal(new Uri(expected), LinkHeader.Find([header], "next", Base));

    [Theory]
    [InlineData("<https://x.example/a?p=1>; rel=\"prev\"")]
    [InlineData("<https://x.example/a?p=1>; rel=\"nextish\"")]
    [InlineData("garbage")]
    [InlineData("")]
    public void Find_NoNext_IsNull(string header) =>
        Assert.Null(LinkHeader.Find([header], "next", Base));

    [Fact]
    public void Find_AcrossSeveralHeaderValues() =>
        Assert.Equal(new Uri("https://x.example/d"), LinkHeader.Find(["<https://x.example/n>; rel=\"next\"", "<https://x.example/d>; rel=\"differences\""], "differences", Base));
}
