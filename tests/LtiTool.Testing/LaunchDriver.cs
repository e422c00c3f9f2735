using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;

namespace LtiTool.Testing;

/// <summary>What a launch ended with: the page, and the pieces tests assert on.</summary>
public sealed record LaunchOutcome(HttpStatusCode Status, IDocument Page, HttpResponseMessage Response, IReadOnlyDictionary<string, string> LaunchForm, Uri LaunchAction)
{
    public string? SessionToken => Page.QuerySelector("meta[name=lti-session-token]")?.GetAttribute("content");
    public string? ErrorCode => Page.QuerySelector(".error-code")?.TextContent;
    public string? CorrelationId => Page.QuerySelector(".correlation-id")?.TextContent;
    public string? UserName => Page.QuerySelector(".user-name")?.TextContent;
    public IReadOnlyList<string> Roles => Page.QuerySelectorAll(".role").Select(e => e.TextContent.Trim()).ToArray();
}

/// <summary>
/// Follows an LTI launch through HTTP the way a browser does: post the login initiation, follow the redirect
/// to the platform's authorize endpoint, read the auto-posting form, post it to the tool's launch URL.
/// </summary>
public sealed class LaunchDriver(HttpClient client)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client => client;

    public async Task<LaunchOutcome> LaunchAsync(LoginInitiationForm login, Action<Dictionary<string, string>>? tamperLaunchForm = null)
    {
        using var loginResponse = await PostFormAsync(login.LoginUrl, login.Fields);
        if (loginResponse.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login answered {(int)loginResponse.StatusCode}: {await loginResponse.Content.ReadAsStringAsync()}");
        var (action, fields) = await ReadAutoPostFormAsync(await client.GetAsync(loginResponse.Headers.Location));
        tamperLaunchForm?.Invoke(fields);
        return await PostLaunchAsync(action, fields);
    }

    public async Task<LaunchOutcome> PostLaunchAsync(Uri action, IReadOnlyDictionary<string, string> fields)
    {
        var response = await PostFormAsync(action, fields);
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        return new LaunchOutcome(response.StatusCode, page, response, fields, action);
    }

    public Task<HttpResponseMessage> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields));

    public static async Task<(Uri Action, Dictionary<string, string> Fields)> ReadAutoPostFormAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Expected an auto-post form, got {(int)response.StatusCode}: {html}");
        var form = Parser.ParseDocument(html).QuerySelector("form") ?? throw new InvalidOperationException("No form in: " + html);
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        return (new Uri(form.GetAttribute("action")!), fields);
    }
}
