using AngleSharp.Dom;
using Ganss.Xss;

namespace LtiTool.Web.Features.Assignments;

/// <summary>
/// Cleans an activity's rich-text instructions before they are stored, so what is stored is safe to render
/// as it is: ordinary formatting, links (http, https, mailto) and https images stay; scripts, styles, event
/// handlers, frames, forms and every other URL go. Unknown wrappers (div, span, h1) are dropped but their text
/// is kept; elements whose content is code or hidden (script, style, template…) go with their content.
/// </summary>
public sealed class InstructionsSanitizer
{
    private static readonly string[] Tags =
    [
        "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "h2", "h3", "h4", "ul", "ol", "li",
        "a", "code", "pre", "blockquote", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "img",
    ];

    private static readonly string[] Attributes = ["href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "scope"];

    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "noembed", "noframes", "iframe", "frame", "frameset", "object", "embed",
        "applet", "textarea", "select", "option", "svg", "math", "title", "xmp", "plaintext",
    };

    private readonly HtmlSanitizer _sanitizer;

    public InstructionsSanitizer()
    {
        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            UriListAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedCssClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        })
        {
            KeepChildNodes = true,
        };
        _sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWithContent.Contains(e.Tag.LocalName)) e.Tag.InnerHtml = "";
        };
        _sanitizer.FilterUrl += (_, e) =>
        {
            if (!IsAllowedUrl(e.Tag.LocalName, e.OriginalUrl)) e.SanitizedUrl = null;
        };
        _sanitizer.PostProcessDom += (_, e) => Finish(e.Document);
    }

    public string Sanitize(string html) => string.IsNullOrWhiteSpace(html) ? "" : _sanitizer.Sanitize(html).Trim();

    // Relative URLs would resolve against the tool inside the LMS frame, so only absolute ones are kept;
    // images must be https (http would be mixed content and a tracking channel).
    private static bool IsAllowedUrl(string tag, string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return false;
        return tag == "img"
            ? uri.Scheme == Uri.UriSchemeHttps
            : uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto;
    }

    private static void Finish(IDocument document)
    {
        foreach (var image in document.QuerySelectorAll("img:not([src])").ToList()) image.Remove();
        // A link leaves the LMS frame in a new tab, without handing the opener or the referrer to the other site.
        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            link.SetAttribute("target", "_blank");
            link.SetAttribute("rel", "noopener noreferrer");
        }
    }
}
