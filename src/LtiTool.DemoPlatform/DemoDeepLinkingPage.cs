using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace LtiTool.DemoPlatform;

/// <summary>The pages the demo's deep_link_return_url answers with; every value the tool sent is HTML-encoded.</summary>
internal static class DemoDeepLinkingPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IResult Refused(DeepLinkingRefusal refusal, string demoHome) => Page(
        "Deep linking response refused",
        $"""
        <p>The LMS refused the tool's deep linking response. Failed check: <code class="failed-check">{Html.Encode(refusal.Check)}</code></p>
        <p class="reason">{Html.Encode(refusal.Reason)}</p>
        """,
        demoHome, StatusCodes.Status400BadRequest);

    public static IResult Returned(DeepLinkingOutcome outcome, string demoHome)
    {
        var body = new StringBuilder();
        if (outcome.ErrorMessage is not null) body.Append("<p class=\"errormsg\">").Append(Html.Encode(outcome.ErrorMessage)).Append("</p>");
        if (outcome.Message is not null) body.Append("<p class=\"msg\">").Append(Html.Encode(outcome.Message)).Append("</p>");
        if (outcome.Created.Count > 0)
        {
            body.Append("<h2>Assignments created</h2><ul class=\"created\">");
            foreach (var (assignment, scoreMaximum) in outcome.Created)
            {
                body.Append("<li data-assignment=\"").Append(assignment.Id.ToString(CultureInfo.InvariantCulture)).Append("\"><strong class=\"title\">")
                    .Append(Html.Encode(assignment.Title)).Append("</strong> <code class=\"url\">").Append(Html.Encode(assignment.Url ?? "(the tool's launch URL)")).Append("</code>");
                if (scoreMaximum is { } max)
                    body.Append(" <span class=\"column\">gradebook column, ").Append(Html.Encode(max.ToString("0.####", CultureInfo.InvariantCulture))).Append(" points</span>");
                if (assignment.Custom.Count > 0)
                    body.Append(" <span class=\"custom\">custom: ").Append(Html.Encode(string.Join(", ", assignment.Custom.Select(p => $"{p.Key}={p.Value}")))).Append("</span>");
                body.Append("</li>");
            }
            body.Append("</ul>");
        }
        else if (outcome.ErrorMessage is null)
        {
            body.Append("<p class=\"nothing\">The tool returned nothing to add.</p>");
        }
        if (outcome.Skipped.Count > 0)
        {
            body.Append("<h2>Not added</h2><ul class=\"skipped\">");
            foreach (var reason in outcome.Skipped) body.Append("<li>").Append(Html.Encode(reason)).Append("</li>");
            body.Append("</ul>");
        }
        // Canvas passes log and errorlog on for its logs; the demo shows them to the developer trying it out.
        foreach (var (name, value) in new[] { ("log", outcome.Log), ("errorlog", outcome.ErrorLog) })
            if (value is not null) body.Append("<p class=\"log\"><small>").Append(name).Append(": ").Append(Html.Encode(value)).Append("</small></p>");
        return Page("Content from the tool", body.ToString(), demoHome, StatusCodes.Status200OK);
    }

    private static IResult Page(string title, string body, string demoHome, int status) => Results.Content($$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{Html.Encode(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;margin:1rem} code{overflow-wrap:anywhere} .errormsg,.failed-check{color:#b00020} small{color:#6b7780}</style></head>
        <body><h1>{{Html.Encode(title)}}</h1>{{body}}
        <p><a class="back" href="{{Html.Encode(demoHome)}}" target="_top">Back to the course</a></p></body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
