using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Registration;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin;

/// <summary>LTI Dynamic Registration through HTTP, with the demo LMS as the registering platform.</summary>
public sealed class DynamicRegistrationTests : IDisposable
{
    private const string DemoIssuer = "https://localhost/demo";
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private DemoRegistrationEndpoint Endpoint => _app.Services.GetRequiredService<DemoRegistrationEndpoint>();

    /// <summary>Follows the demo's "Register the tool dynamically" link, or opens the given registration URL.</summary>
    private async Task<(HttpResponseMessage Response, IDocument Page, Uri Url)> OpenAsync(HttpClient client, Uri? url = null)
    {
        if (url is null)
        {
            var start = await client.GetAsync("/demo/register-tool");
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            url = start.Headers.Location!;
        }
        var response = await client.GetAsync(url);
        return (response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()), url);
    }

    private static async Task<(HttpResponseMessage Response, IDocument Page)> ConfirmAsync(HttpClient client, IDocument page, bool withAntiforgery = true)
    {
        var form = page.QuerySelector("form.register")!;
        var fields = form.QuerySelectorAll("input[name]")
            .Where(i => withAntiforgery || i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        return (response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static string TokenOf(Uri url) => QueryHelpers.ParseQuery(url.Query)["registration_token"].ToString();

    private async Task<(List<PlatformEntity> Platforms, List<AuditEntryEntity> Audit)> StoredAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        return (await db.Platforms.AsNoTracking().Include(p => p.Deployments).Where(p => p.Source == PlatformSources.Database).ToListAsync(),
            await db.AuditLog.AsNoTracking().Where(a => a.Action == "platform.register").OrderBy(a => a.At).ToListAsync());
    }

    [Fact]
    public async Task Register_FromTheDemoLms_StoresThePlatformAuditsAndClosesTheFrame()
    {
        var client = _app.CreateClient();

        var (response, confirmation, url) = await OpenAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["course_navigation", "assignment_selection", "link_selection", "account_navigation"],
            confirmation.QuerySelectorAll(".placement").Select(p => p.GetAttribute("data-placement")));
        // Placements as this Canvas-shaped platform advertises them.
        Assert.Contains("https://canvas.instructure.com/lti/course_navigation", confirmation.QuerySelector(".placement[data-placement=course_navigation]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            [LtiScopes.AgsLineItem, LtiScopes.AgsLineItemReadOnly, LtiScopes.AgsScore, LtiScopes.AgsResultReadOnly, LtiScopes.NrpsContextMembershipReadOnly],
            confirmation.QuerySelectorAll(".scope").Select(s => s.GetAttribute("data-scope")));
        Assert.Equal("public", confirmation.QuerySelector(".privacy-level")!.TextContent);
        Assert.Equal(DemoIssuer, confirmation.QuerySelector(".issuer")!.TextContent);
        Assert.Empty(Endpoint.Received);

        var (posted, done) = await ConfirmAsync(client, confirmation);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var received = Assert.Single(Endpoint.Received);
        Assert.Equal("Bearer " + TokenOf(url), received.Authorization);
        var body = received.Body!;
        Assert.Equal("https://localhost/lti/login", body["initiate_login_uri"]!.GetValue<string>());
        Assert.Equal(["https://localhost/lti/launch"], body["redirect_uris"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal("https://localhost/.well-known/jwks.json", body["jwks_uri"]!.GetValue<string>());
        var tool = body[RegistrationKeys.ToolConfiguration]!;
        Assert.Equal("public", tool[RegistrationKeys.CanvasPrivacyLevel]!.GetValue<string>());
        Assert.Contains(tool["messages"]!.AsArray(), m => m!["type"]!.GetValue<string>() == LtiMessageTypes.DeepLinkingRequest
            && m["placements"]![0]!.GetValue<string>() == "https://canvas.instructure.com/lti/assignment_selection");
        Assert.Equal("$Canvas.membership.roles", tool["custom_parameters"]!["canvas_membership_roles"]!.GetValue<string>());

        var (platforms, audit) = await StoredAsync();
        var platform = Assert.Single(platforms);
        Assert.Equal(DemoIssuer, platform.Issuer);
        Assert.Equal(received.ClientId, platform.ClientId);
        Assert.Equal([received.DeploymentId], platform.Deployments.Select(d => d.DeploymentId));
        Assert.Equal("https://localhost/demo/authorize", platform.AuthorizationEndpoint);
        Assert.Equal("https://localhost/demo/jwks", platform.JwksUri);
        Assert.Equal("https://localhost/demo/token", platform.TokenEndpoint);
        Assert.Equal("Demo LMS (canvas)", platform.Name);
        var entry = Assert.Single(audit);
        Assert.Equal(platform.Id, entry.Target);
        Assert.Equal("dynamic-registration", entry.ActorName);
        Assert.True(entry.AdminRights);
        Assert.Null(entry.BeforeJson);
        Assert.Contains(received.ClientId!, entry.AfterJson!, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenOf(url), entry.AfterJson!, StringComparison.Ordinal);

        Assert.Equal(received.ClientId, done.QuerySelector(".client-id")!.TextContent);
        Assert.Equal(received.DeploymentId, done.QuerySelector(".deployment-id")!.TextContent);
        // The close message comes from the tool's own script file (CSP script-src 'self': no inline script).
        Assert.Empty(done.QuerySelectorAll("script:not([src])"));
        var close = done.QuerySelector("script#registration-close")!;
        Assert.Equal("org.imsglobal.lti.close", close.GetAttribute("data-subject"));
        var closeScript = await client.GetStringAsync(close.GetAttribute("src"));
        Assert.Contains("(window.opener || window.parent).postMessage({ subject }, \"*\")", closeScript, StringComparison.Ordinal);
        // The tool knows the platform at once (the registry's snapshot was refreshed).
        var registry = _app.Services.GetRequiredService<EfPlatformStore>();
        Assert.Contains(await registry.FindByIssuerAsync(DemoIssuer, default), r => r.ClientId == received.ClientId);
    }

    [Fact]
    public async Task Register_PageCanBeFramedByThePlatform_AndItsAntiforgeryCookieSurvivesTheFrame()
    {
        var (response, _, _) = await OpenAsync(_app.CreateClient());

        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Contains("frame-ancestors ", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("partitioned", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.CacheControl!.NoStore);

        // A platform the tool does not know yet may frame the page: its configuration URL's origin is added.
        var unknown = await _app.CreateClient().GetAsync("/lti/register?registration_token=t&openid_configuration="
            + Uri.EscapeDataString("https://canvas.example.edu/api/lti/security/openid-configuration"));
        Assert.Contains("frame-ancestors https://canvas.example.edu ", unknown.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ConfigurationNotOnTheIssuersHost_IsRefusedAndNothingIsSent()
    {
        _app.Platform.EditOpenIdConfiguration = c => c["issuer"] = "https://canvas.example.edu";

        var (response, page, _) = await OpenAsync(_app.CreateClient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("registration_issuer_mismatch", page.QuerySelector(".error-code")!.TextContent);
        Assert.NotEmpty(page.QuerySelector(".correlation-id")!.TextContent);
        Assert.Null(page.QuerySelector("form.register"));
        Assert.Empty(Endpoint.Received);
        Assert.Empty((await StoredAsync()).Platforms);
    }

    [Fact]
    public async Task Register_PlainHttpConfigurationUrl_IsRefusedWithoutFetching()
    {
        var url = new Uri("/lti/register?openid_configuration=" + Uri.EscapeDataString("http://canvas.example.edu/api/lti/security/openid-configuration")
            + "&registration_token=" + Endpoint.IssueToken(), UriKind.Relative);

        var response = await _app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("registration_configuration_url_invalid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_PlainHttpOnLoopback_IsAllowedAndRegisters()
    {
        // The demo in Development: tool and platform on http://localhost, the browser on plain http too.
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://127.0.0.1/"), AllowAutoRedirect = false });

        var (response, page, _) = await OpenAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://127.0.0.1/demo", page.QuerySelector(".issuer")!.TextContent);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        // HttpClient's cookie container keeps Secure cookies for https only; a browser keeps them for loopback.
        var antiforgery = cookie.Split(';')[0];
        var form = page.QuerySelector("form.register")!;
        var fields = form.QuerySelectorAll("input[name]").Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        using var post = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", antiforgery);
        var posted = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("http://127.0.0.1/demo", Assert.Single((await StoredAsync()).Platforms).Issuer);
    }

    [Fact]
    public async Task Register_NoRegistrationEndpoint_IsRefusedNamingIt()
    {
        _app.Platform.EditOpenIdConfiguration = c => c.Remove("registration_endpoint");

        var (response, page, _) = await OpenAsync(_app.CreateClient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("registration_configuration_invalid", page.QuerySelector(".error-code")!.TextContent);
        Assert.Contains("registration_endpoint", page.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_MissingParameters_IsRefused()
    {
        var response = await _app.CreateClient().GetAsync("/lti/register?openid_configuration=https%3A%2F%2Flocalhost%2Fdemo%2F.well-known%2Fopenid-configuration");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("registration_request_invalid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_PlatformRefuses_ShowsItsAnswerAndStoresNothing()
    {
        var client = _app.CreateClient();
        var (_, confirmation, url) = await OpenAsync(client);
        _app.Platform.RegistrationRefusal = (422, "{\"errors\":{\"scope\":\"is not allowed\",\"token\":\"" + TokenOf(url) + "\"}}");

        var (response, page) = await ConfirmAsync(client, confirmation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("registration_refused", page.QuerySelector(".error-code")!.TextContent);
        Assert.NotEmpty(page.QuerySelector(".correlation-id")!.TextContent);
        Assert.Equal("422", page.QuerySelector(".answer-status")!.TextContent);
        Assert.Contains("is not allowed", page.QuerySelector(".answer-body")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenOf(url), page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("script:not([src])")); // no close message on a failure
        Assert.Single(Endpoint.Received);
        var (platforms, audit) = await StoredAsync();
        Assert.Empty(platforms);
        Assert.Empty(audit);
    }

    [Fact]
    public async Task Register_AgainForTheSameClient_UpdatesTheRegistration()
    {
        var client = _app.CreateClient();
        var (_, first, _) = await OpenAsync(client);
        await ConfirmAsync(client, first);
        var clientId = Assert.Single(Endpoint.Received).ClientId!;

        // Canvas's update flow: a token for the existing registration, answered with the same client id.
        var token = Endpoint.IssueToken(existingClientId: clientId);
        var again = new Uri("/lti/register?openid_configuration=" + Uri.EscapeDataString($"https://localhost/demo/.well-known/openid-configuration?registration_token={token}")
            + "&registration_token=" + token, UriKind.Relative);
        var (_, confirmation, _) = await OpenAsync(client, again);
        var (response, done) = await ConfirmAsync(client, confirmation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("existing registration was updated", done.QuerySelector(".registered")!.TextContent, StringComparison.Ordinal);
        var (platforms, audit) = await StoredAsync();
        var platform = Assert.Single(platforms);
        Assert.Equal(clientId, platform.ClientId);
        Assert.Single(platform.Deployments);
        Assert.Equal(2, audit.Count);
        Assert.NotNull(audit[1].BeforeJson);
    }

    [Fact]
    public async Task Register_PostWithoutAntiforgeryToken_Is400AndNothingIsSent()
    {
        var client = _app.CreateClient();
        var (_, confirmation, _) = await OpenAsync(client);

        var (response, _) = await ConfirmAsync(client, confirmation, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Endpoint.Received);
        Assert.Empty((await StoredAsync()).Platforms);
    }

    [Fact]
    public async Task DemoHome_LinksTheDynamicRegistration()
    {
        var page = new HtmlParser().ParseDocument(await _app.CreateClient().GetStringAsync("/demo"));

        var link = page.QuerySelector("a.register-tool")!;
        Assert.Equal("/demo/register-tool", link.GetAttribute("href"));
        Assert.Equal("tool", link.GetAttribute("target"));
    }

    [Fact]
    public async Task DemoConfiguration_WithoutALiveToken_Is401()
    {
        var response = await _app.CreateClient().GetAsync("/demo/.well-known/openid-configuration?registration_token=made-up");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errorMessage"]);
    }
}
