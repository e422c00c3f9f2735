using System.Text;
using System.Text.Encodings.Web;
using LtiTool.Lti.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.DemoPlatform;

/// <summary>Maps the demo LMS: its home page, launch starters, authorization endpoint, deep link return, services and JWKS.</summary>
public static class DemoPlatformEndpoints
{
    /// <summary>Maps the endpoints under <see cref="DemoPlatformOptions.PathBase"/>.</summary>
    public static RouteGroupBuilder MapDemoPlatform(this IEndpointRouteBuilder app, string pathBase)
    {
        var group = app.MapGroup(pathBase).ExcludeFromDescription();
        group.MapGet("/", (HttpContext http, DemoLms lms, DemoGradebook book, string? launch) =>
            Html(HomePage(lms, book.Columns(), http.Request.PathBase + pathBase, launch is not null && LaunchScenario.ParseKind(launch) is not null ? launch : null)));
        group.MapGet("/start/{kind}", (string kind, HttpContext http, DemoLms lms) =>
        {
            if (LaunchScenario.ParseKind(kind) is not { } launchKind) return Results.NotFound();
            var form = lms.PrepareLaunch(new LaunchScenario(launchKind), ToolBase(http.Request));
            return Html(AutoPostPage("Launching the tool…", form.LoginUrl, form.Fields));
        });
        group.MapGet("/start/assignment/{id:int}/{who}", (int id, string who, HttpContext http, DemoLms lms) =>
        {
            if (lms.FindAssignment(id) is null || who is not ("student" or "test-student")) return Results.NotFound();
            var form = lms.PrepareLaunch(LaunchScenario.IntoAssignment(id, asTestStudent: who == "test-student"), ToolBase(http.Request));
            return Html(AutoPostPage("Launching the tool…", form.LoginUrl, form.Fields));
        });
        group.MapPost("/courses/{course}/deep_linking_response", (string course, HttpContext http, DemoDeepLinkingEndpoint deepLinking) =>
            course == DemoData.Course.Label
                ? deepLinking.HandleAsync(http.Request, ToolBase(http.Request), http.Request.PathBase + pathBase)
                : Task.FromResult(Results.NotFound())).DisableAntiforgery();
        group.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http, DemoLms lms) =>
        {
            var query = http.Request.HasFormContentType ? new QueryCollection((await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value)) : http.Request.Query;
            var platformBase = new Uri(ToolBase(http.Request), pathBase.TrimStart('/') + "/");
            var response = lms.Authorize(query, platformBase);
            return response is null
                ? Results.Text("Invalid redirect_uri", "text/plain", statusCode: StatusCodes.Status400BadRequest)
                : Html(AutoPostPage("Signing in to the tool…", response.RedirectUri, response.Fields));
        });
        group.MapPost("/token", (HttpContext http, DemoTokenEndpoint tokens) =>
        {
            var toolBase = ToolBase(http.Request);
            return tokens.HandleAsync(http.Request, new Uri(toolBase, pathBase.TrimStart('/') + "/token"), new Uri(toolBase, LtiLaunchDefaults.JwksPath.TrimStart('/')));
        }).DisableAntiforgery();
        group.MapGet("/api/lti/courses/{course}/names_and_roles", (HttpContext http, DemoLms lms, DemoTokenEndpoint tokens) =>
            DemoNrpsEndpoint.Handle(http.Request, lms, tokens));
        var lineItems = group.MapGroup("/api/lti/courses/{course}/line_items").DisableAntiforgery().AddEndpointFilter(WhenAgsAvailable);
        lineItems.MapGet("/", (HttpContext http, DemoGradebook book, DemoTokenEndpoint tokens) => book.List(http.Request, tokens));
        lineItems.MapPost("/", (HttpContext http, DemoGradebook book, DemoTokenEndpoint tokens) => book.CreateAsync(http.Request, tokens));
        lineItems.MapGet("/{id:int}", (int id, HttpContext http, DemoGradebook book, DemoTokenEndpoint tokens) => book.Get(http.Request, id, tokens));
        lineItems.MapPut("/{id:int}", (int id, HttpContext http, DemoGradebook book, DemoTokenEndpoint tokens) => book.UpdateAsync(http.Request, id, tokens));
        lineItems.MapPost("/{id:int}/scores", (int id, HttpContext http, DemoGradebook book, DemoTokenEndpoint tokens) => book.PostScoreAsync(http.Request, id, tokens));
        lineItems.MapGet("/{id:int}/results", (int id, HttpContext http, DemoGradebook book, DemoTokenEndpoint tokens) => book.ListResults(http.Request, id, tokens));
        lineItems.MapDelete("/{id:int}", (int id, HttpContext http, DemoGradebook book, DemoTokenEndpoint tokens) => book.Delete(http.Request, id, tokens));
        // Dynamic Registration: the link an administrator follows, the configuration and the registration endpoint.
        group.MapGet("/register-tool", (HttpContext http, DemoRegistrationEndpoint registration) =>
            Results.Redirect(registration.StartUrl(ToolBase(http.Request), PlatformBase(http.Request, pathBase)).AbsoluteUri));
        group.MapGet("/.well-known/openid-configuration", (HttpContext http, DemoRegistrationEndpoint registration) =>
            registration.Configuration(http.Request, PlatformBase(http.Request, pathBase)));
        group.MapPost("/register", (HttpContext http, DemoRegistrationEndpoint registration) => registration.RegisterAsync(http.Request)).DisableAntiforgery();
        // Platform storage: the forwarding frame and the LMS page's handler.
        group.MapGet("/" + DemoPlatformStorage.FrameName, () => Html(DemoPlatformStorage.ForwarderPage()));
        group.MapGet("/lms-platform-storage.js", (HttpContext http) => Results.Text(
            DemoPlatformStorage.LmsScript(PlatformBase(http.Request, pathBase).GetLeftPart(UriPartial.Authority)), "text/javascript; charset=utf-8"));
        group.MapGet("/jwks", (HttpContext http, DemoLms lms) =>
        {
            if (!lms.JwksAvailable) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            http.Response.Headers.CacheControl = "max-age=300";
            return Results.Text(lms.JwksJson(), "application/json");
        });
        return group;
    }

    /// <summary>The tool's base URL as the browser sees it (the demo LMS and the tool share an origin).</summary>
    public static Uri ToolBase(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    /// <summary>The demo LMS's own base URL (its endpoints hang off it).</summary>
    public static Uri PlatformBase(HttpRequest request, string pathBase) => new(ToolBase(request), pathBase.Trim('/') + "/");

    // An outage answers before anything looks at the token, as a load balancer in front of the LMS would.
    private static async ValueTask<object?> WhenAgsAvailable(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<DemoLms>().AgsAvailable) return await next(context);
        http.Response.Headers.RetryAfter = "1";
        return Results.Json(new { errors = new { type = "service_unavailable", message = "The gradebook is down for maintenance" } },
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Html(string body) => Results.Content(body, "text/html; charset=utf-8");

    private static string AutoPostPage(string title, Uri action, IReadOnlyDictionary<string, string> fields)
    {
        var html = HtmlEncoder.Default;
        var inputs = new StringBuilder();
        foreach (var (name, value) in fields)
            inputs.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode(value)).Append("\">");
        return $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{html.Encode(title)}}</title></head>
            <body><form method="post" action="{{html.Encode(action.AbsoluteUri)}}">{{inputs}}<noscript><button type="submit">Continue</button></noscript></form>
            <script>document.forms[0].submit();</script></body></html>
            """;
    }

    private static string HomePage(DemoLms lms, IReadOnlyList<DemoGradebookColumn> gradebook, string pathBase, string? launch)
    {
        var html = HtmlEncoder.Default;
        var course = DemoData.Course;
        string Button(string kind, string label, string who) =>
            $"""<li><a class="launch" href="{html.Encode(pathBase)}/start/{kind}" target="tool">{html.Encode(label)}</a> <span>{html.Encode(who)}</span></li>""";
        return $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{html.Encode(lms.Options.Name)}}</title>
            <style>
              body{font-family:system-ui,sans-serif;margin:0;display:grid;grid-template-columns:18rem 1fr;min-height:100vh}
              nav{background:#2d3b45;color:#fff;padding:1rem} nav h1{font-size:1.1rem} nav ul{list-style:none;padding:0}
              nav li{margin:.6rem 0} nav a{color:#fff;background:#0374b5;display:block;padding:.5rem;border-radius:4px;text-decoration:none}
              nav span{font-size:.8rem;color:#c7cdd1} nav h2{font-size:1rem;margin-top:1.5rem} nav p{font-size:.85rem}
              .assignments li{margin:.6rem 0} .assignments a{margin-top:.3rem;font-size:.85rem} main{padding:1rem} iframe{width:100%;height:80vh;border:1px solid #c7cdd1}
              dl{font-size:.75rem;color:#c7cdd1;overflow-wrap:anywhere} dt{font-weight:bold} dd{margin:0 0 .4rem}
              .gradebook h2{font-size:1rem} .gradebook table{border-collapse:collapse} .gradebook th,.gradebook td{border:1px solid #c7cdd1;padding:.3rem .6rem;text-align:left}
              .gradebook td{font-variant-numeric:tabular-nums}
            </style></head>
            <body><nav><h1>{{html.Encode(lms.Options.Name)}}</h1><p>{{html.Encode(course.Title)}}</p>
            <ul>
            {{Button("instructor", "Course navigation: open the tool", "as Ada Instructor (Teacher)")}}
            {{Button("student", "Assignment: " + course.AssignmentTitle, "as Sam Student (Student)")}}
            {{Button("test-student", "Student View", "as the Test Student")}}
            {{Button("observer", "Course navigation as observer", "as Olive Observer (Observer)")}}
            {{Button("administrator", "Account navigation: administer the tool", "as Irene Administrator (Enterprise)")}}
            </ul>
            {{AssignmentsSection(lms.Assignments, pathBase)}}
            <h2>Administration</h2>
            <a class="register-tool" href="{{html.Encode(pathBase)}}/register-tool" target="tool">Register the tool dynamically</a> <span>LTI Dynamic Registration, as Canvas's "Install a New App"</span>
            <dl><dt>Issuer</dt><dd>{{html.Encode(lms.Options.Issuer)}}</dd><dt>Client id</dt><dd>{{html.Encode(lms.Options.ClientId)}}</dd>
            <dt>Deployment</dt><dd>{{html.Encode(lms.Options.DeploymentId)}}</dd></dl></nav>
            <main><iframe name="tool" title="LTI tool" {{(launch is null
                ? "srcdoc=\"<p style='font-family:system-ui,sans-serif;color:#6b7780'>Pick a launch on the left: the tool opens here, inside the LMS, through a real signed LTI 1.3 launch.</p>\""
                : $"src=\"{html.Encode(pathBase)}/start/{launch}\"")}}></iframe>
            {{(lms.Options.PlatformStorage
                ? $"<iframe name=\"{DemoPlatformStorage.FrameName}\" title=\"Platform storage\" src=\"{html.Encode(pathBase)}/{DemoPlatformStorage.FrameName}\" hidden></iframe><script src=\"{html.Encode(pathBase)}/lms-platform-storage.js\"></script>"
                : "")}}
            {{GradebookSection(lms, gradebook)}}</main></body></html>
            """;
    }

    /// <summary>Adding assignments through deep linking, and launching into those the tool returned.</summary>
    private static string AssignmentsSection(IReadOnlyList<DemoAssignment> assignments, string pathBase)
    {
        var html = HtmlEncoder.Default;
        var home = html.Encode(pathBase);
        var list = new StringBuilder("<ul class=\"assignments\">");
        foreach (var assignment in assignments)
        {
            var id = assignment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            list.Append("<li data-assignment=\"").Append(id).Append("\"><span class=\"assignment-title\">").Append(html.Encode(assignment.Title)).Append("</span>")
                .Append("<a class=\"assignment-launch\" href=\"").Append(home).Append("/start/assignment/").Append(id).Append("/student\" target=\"tool\">Launch as student</a>")
                .Append("<a class=\"assignment-launch\" href=\"").Append(home).Append("/start/assignment/").Append(id).Append("/test-student\" target=\"tool\">Launch as Student View</a></li>");
        }
        list.Append("</ul>");
        var empty = assignments.Count == 0 ? "<p>None yet: add one from the tool.</p>" : "";
        return $"""
            <h2>Assignments</h2>
            <a class="add-assignment" href="{home}/start/deep-linking" target="tool">Add assignment from tool</a> <span>as Ada Instructor (deep linking)</span>
            {list}{empty}
            """;
    }

    /// <summary>The gradebook as the LMS holds it: a row per student with a result, a column per line item, score/maximum.</summary>
    private static string GradebookSection(DemoLms lms, IReadOnlyList<DemoGradebookColumn> columns)
    {
        var html = HtmlEncoder.Default;
        var graded = columns.SelectMany(c => c.Results).Select(r => r.UserId).ToHashSet(StringComparer.Ordinal);
        var names = DemoRoster.Members(lms.Options.GeneratedStudents).Where(m => graded.Contains(m.Subject)).ToDictionary(m => m.Subject, m => m.Name, StringComparer.Ordinal);
        var students = graded.Select(id => (Id: id, Name: names.GetValueOrDefault(id) ?? id)).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal);
        var table = new StringBuilder("<table><thead><tr><th scope=\"col\">Student</th>");
        foreach (var column in columns)
            table.Append("<th scope=\"col\">").Append(html.Encode(column.Label)).Append(" (").Append(html.Encode(Points(column.ScoreMaximum))).Append(")</th>");
        table.Append("</tr></thead><tbody>");
        foreach (var (id, name) in students)
        {
            table.Append("<tr><th scope=\"row\">").Append(html.Encode(name)).Append("</th>");
            foreach (var column in columns)
            {
                var result = column.Results.FirstOrDefault(r => r.UserId == id);
                var cell = result is null ? "" : (result.Score is { } score ? Points(score) : "–") + "/" + Points(result.Maximum);
                table.Append("<td>").Append(html.Encode(cell)).Append("</td>");
            }
            table.Append("</tr>");
        }
        table.Append("</tbody></table>");
        var empty = graded.Count == 0 ? "<p>No grades yet: the scores the tool sends appear here.</p>" : "";
        return $"""<section class="gradebook"><h2>Demo gradebook (what the LMS holds)</h2>{table}{empty}</section>""";
    }

    private static string Points(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
