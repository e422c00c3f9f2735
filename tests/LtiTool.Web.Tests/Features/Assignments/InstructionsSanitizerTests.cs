using AngleSharp.Html.Parser;
using LtiTool.Web.Features.Assignments;

namespace LtiTool.Web.Tests.Features.Assignments;

/// <summary>What survives in an activity's instructions: formatting and plain links yes, anything that runs or leaks no.</summary>
public sealed class InstructionsSanitizerTests
{
    private readonly InstructionsSanitizer _sanitizer = new();

    [Theory]
    [InlineData("<p>Read</p><script>alert(1)</script>", "<p>Read</p>")]
    [InlineData("<style>p { color: red }</style><p style=\"color: red\" class=\"x\">Read</p>", "<p>Read</p>")]
    [InlineData("<p onclick=\"steal()\">Read</p>", "<p>Read</p>")]
    [InlineData("<img src=\"https://cdn.example/a.png\" onerror=\"alert(1)\" alt=\"A\">", "<img src=\"https://cdn.example/a.png\" alt=\"A\">")]
    [InlineData("<iframe src=\"https://evil.example\"><p>frame</p></iframe><p>Read</p>", "<p>Read</p>")]
    [InlineData("<form action=\"https://evil.example\"><input name=\"password\"><p>Read</p></form>", "<p>Read</p>")]
    [InlineData("<svg><script>alert(1)</script></svg><template><p>t</p></template><noscript>n</noscript>", "")]
    [InlineData("<object data=\"x\"></object><embed src=\"https://x.example\"><base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0\">", "")]
    public void Sanitize_DangerousMarkup_IsRemoved(string html, string expected) =>
        Assert.Equal(expected, _sanitizer.Sanitize(html));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" JaVaScRiPt:alert(1)")]
    [InlineData("java&#09;script:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("/courses/other")]
    [InlineData("//evil.example/x")]
    public void Sanitize_LinkToAnotherScheme_LosesItsHref(string href)
    {
        var result = _sanitizer.Sanitize($"<a href=\"{href}\">click</a>");

        Assert.Equal("<a>click</a>", result);
    }

    [Theory]
    [InlineData("http://cdn.example/a.png")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("javascript:alert(1)")]
    [InlineData("a.png")]
    public void Sanitize_ImageNotFromHttps_IsRemoved(string src) =>
        Assert.Equal("<p>x</p>", _sanitizer.Sanitize($"<p>x<img src=\"{src}\"></p>"));

    [Fact]
    public void Sanitize_OrdinaryFormatting_IsKept()
    {
        const string html = "<h2>Task</h2><p>Read <strong>all</strong> of <em>chapter 2</em>.<br>Then:</p><ul><li>one</li></ul><ol><li>two</li></ol>"
            + "<h3>Code</h3><pre><code>if (a &lt; b)</code></pre><blockquote>A quote</blockquote><h4>Marks</h4>"
            + "<table><caption>Marks</caption><thead><tr><th scope=\"col\">Part</th></tr></thead><tbody><tr><td colspan=\"2\">1</td></tr></tbody></table>";

        Assert.Equal(html, _sanitizer.Sanitize(html));
    }

    [Fact]
    public void Sanitize_UnknownWrappers_AreDroppedButTheirTextStays()
    {
        var result = _sanitizer.Sanitize("<div><h1>Week 1</h1><p>Read <span class=\"x\">this</span></p></div>");

        Assert.Equal("Week 1<p>Read this</p>", result);
    }

    [Theory]
    [InlineData("https://example.org/reading")]
    [InlineData("http://example.org/reading")]
    [InlineData("mailto:teacher@example.edu")]
    public void Sanitize_Link_KeepsHrefAndOpensWithoutOpenerOrReferrer(string href)
    {
        var result = _sanitizer.Sanitize($"<a href=\"{href}\" rel=\"opener\" target=\"_self\" onmouseover=\"x()\">reading</a>");

        var link = new HtmlParser().ParseDocument(result).QuerySelector("a")!;
        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.False(link.HasAttribute("onmouseover"));
    }

    [Fact]
    public void Sanitize_EscapedTextThatLooksLikeMarkup_StaysText() =>
        Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", _sanitizer.Sanitize("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Sanitize_Blank_IsEmpty(string html) => Assert.Equal("", _sanitizer.Sanitize(html));
}
