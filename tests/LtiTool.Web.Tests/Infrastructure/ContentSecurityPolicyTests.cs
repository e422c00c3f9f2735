using System.Text.RegularExpressions;

namespace LtiTool.Web.Tests.Infrastructure;

/// <summary>
/// The tool's pages run under <c>script-src 'self'</c>: a script block or an event-handler attribute written into
/// a page would silently not run in the browser (the People filter's onchange did, found by a browser test).
/// </summary>
public sealed partial class ContentSecurityPolicyTests
{
    private static string SourceFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LtiTool.slnx"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "src", "LtiTool.Web");
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [Fact]
    public void Pages_HaveNoInlineScriptsOrEventHandlers()
    {
        var offenders = new List<string>();
        var pages = Directory.EnumerateFiles(SourceFolder(), "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var text = File.ReadAllText(page);
            foreach (Match m in InlineScript().Matches(text)) offenders.Add($"{Path.GetFileName(page)}: {m.Value}");
            foreach (Match m in EventHandlerAttribute().Matches(text)) offenders.Add($"{Path.GetFileName(page)}: {m.Value}");
        }
        Assert.True(offenders.Count == 0, "Inline script under CSP script-src 'self': " + string.Join("; ", offenders));
    }
}
