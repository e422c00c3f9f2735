namespace LtiTool.Web.Features.Assignments;

/// <summary>Sanitises an activity's rich-text instructions before they are stored (placeholder until the activity editor lands).</summary>
public sealed class InstructionsSanitizer
{
    public string Sanitize(string html) => System.Net.WebUtility.HtmlEncode(html);
}
