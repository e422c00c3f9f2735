using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;
using LtiTool.Testing;
using LtiTool.Web.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Launch;

/// <summary>
/// The browser binding over HTTP: when the login page steps in (inside a frame, cookies unproven), the cookie
/// check, the platform storage step of the launch and who may post it, the unbound-launch policy, the transport
/// recorded. The browser tests run the same pages' scripts in Chromium.
/// </summary>
public sealed class BrowserBindingTests : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    private async Task SetRegistrationAsync(UnboundLaunchPolicy unbound, PlatformStorageMode storage = PlatformStorageMode.WhenOffered)
    {
        await QueryAsync(db => db.Platforms.ExecuteUpdateAsync(p => p
            .SetProperty(x => x.UnboundLaunchPolicy, unbound.ToString()).SetProperty(x => x.PlatformStorage, storage.ToString())));
        _app.Services.GetRequiredService<EfPlatformStore>().Invalidate();
    }

    private static async Task<IDocument> PageAsync(HttpResponseMessage response) => Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The login as a browser inside the LMS frame posts it.</summary>
    private static async Task<HttpResponseMessage> FramedLoginAsync(HttpClient client, LoginInitiationForm login, Action<Dictionary<string, string>>? change = null)
    {
        var fields = new Dictionary<string, string>(login.Fields);
        change?.Invoke(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, login.LoginUrl) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Sec-Fetch-Dest", "iframe");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        return await client.SendAsync(request);
    }

    private LoginInitiationForm Prepare(LaunchKind kind = LaunchKind.StudentAssignment) =>
        _app.Platform.PrepareLaunch(new LaunchScenario(kind), LtiToolApp.BaseUrl);

    /// <summary>Login (in a cookie-keeping client), authorize; returns the launch form the platform posts.</summary>
    private async Task<(Uri Action, Dictionary<string, string> Fields, string BindingSecret)> LaunchFormAsync(LaunchKind kind = LaunchKind.StudentAssignment)
    {
        var client = _app.CreateClient();
        var login = await FramedLoginAsync(client, Prepare(kind));
        var step = (await PageAsync(login)).QuerySelector("#platform-storage")!;
        var (action, fields) = await LaunchDriver.ReadAutoPostFormAsync(await client.GetAsync(step.GetAttribute("data-next")));
        return (action, fields, step.GetAttribute("data-value")!);
    }

    private async Task<HttpResponseMessage> PostStorageStepAsync(Uri action, IReadOnlyDictionary<string, string> fields, string result, string? secret, string? origin, string? fetchSite = "same-origin")
    {
        var form = new Dictionary<string, string>
        {
            ["id_token"] = fields["id_token"], ["state"] = fields["state"],
            [LtiLaunchDefaults.StorageResultField] = result, [LtiLaunchDefaults.StorageBindingField] = secret ?? "",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(form) };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return await _app.CreateClient().SendAsync(request); // a client without the binding cookie
    }

    private static string? ErrorCode(IDocument page) => page.QuerySelector(".error-code")?.TextContent;

    // ---- The login ----

    [Fact]
    public async Task Login_InAFrameWithStorageTarget_RendersTheBindingStep_WithTheCookieSetToo()
    {
        var login = Prepare();
        var response = await FramedLoginAsync(_app.CreateClient(), login);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(BrowserBinding.CookiePrefix, StringComparison.Ordinal));
        // __Host-: only this host sets it (Secure, Path=/, no Domain), so a sibling subdomain cannot plant a binding.
        Assert.StartsWith("__Host-lti_bind_", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/;", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        var page = await PageAsync(response);
        var step = page.QuerySelector("#platform-storage")!;
        Assert.Equal("put", step.GetAttribute("data-mode"));
        Assert.Equal("on", step.GetAttribute("data-storage"));
        Assert.Equal(DemoPlatformStorage.FrameName, step.GetAttribute("data-frame"));
        Assert.Equal("https://localhost", step.GetAttribute("data-origin")); // the authorization endpoint's origin
        var next = new Uri(step.GetAttribute("data-next")!);
        Assert.Equal("/demo/authorize", next.AbsolutePath);
        var state = QueryHelpers.ParseQuery(next.Query)["state"].ToString();
        Assert.Equal(BrowserBinding.StorageKey(state), step.GetAttribute("data-key"));
        // The value stored in the platform's window is the secret the cookie carries.
        Assert.Contains($"={step.GetAttribute("data-value")};", cookie, StringComparison.Ordinal);
        Assert.Equal(QueryHelpers.AddQueryString(LtiTool.Web.Features.Launch.LaunchFeature.BindingCheckPath, "state", state), step.GetAttribute("data-check"));
        Assert.Equal("false", step.GetAttribute("data-accept-unbound"));
        Assert.Equal("/js/platform-storage.js", page.QuerySelector("script[src$='platform-storage.js']")!.GetAttribute("src"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));

        // "Open in a new window" is this same login, without the storage target, its message hint still unused.
        var newWindow = new Uri(page.QuerySelector("#binding-fallback .open-new-window")!.GetAttribute("href")!);
        var query = QueryHelpers.ParseQuery(newWindow.Query);
        Assert.Equal("/lti/login", newWindow.AbsolutePath);
        Assert.Equal(login.Fields["lti_message_hint"], query["lti_message_hint"].ToString());
        Assert.Equal(login.Fields["login_hint"], query["login_hint"].ToString());
        Assert.Equal(login.Fields["iss"], query["iss"].ToString());
        Assert.Equal(login.Fields["client_id"], query["client_id"].ToString());
        Assert.Equal(login.Fields["target_link_uri"], query["target_link_uri"].ToString());
        Assert.Equal(login.Fields["lti_deployment_id"], query["lti_deployment_id"].ToString());
        Assert.False(query.ContainsKey("lti_storage_target"));
        Assert.True(page.QuerySelector("#binding-fallback")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task Login_NewWindowUrl_StartsTheSameLaunchTopLevel()
    {
        var client = _app.CreateClient();
        var page = await PageAsync(await FramedLoginAsync(client, Prepare()));
        var newWindow = page.QuerySelector("#binding-fallback .open-new-window")!.GetAttribute("href")!;

        var driver = _app.Driver();
        var login = await driver.Client.GetAsync(newWindow); // top level: no Sec-Fetch-Dest iframe
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var (action, fields) = await LaunchDriver.ReadAutoPostFormAsync(await driver.Client.GetAsync(login.Headers.Location));
        var outcome = await driver.PostLaunchAsync(action, fields);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal("Sam Student", outcome.UserName);
        Assert.Equal("cookie", (await QueryAsync(db => db.LaunchRecords.SingleAsync())).Transport);
    }

    [Fact]
    public async Task Login_TopLevelOrWithoutFetchMetadata_RedirectsStraightToThePlatform()
    {
        var response = await _app.CreateClient().PostAsync(Prepare().LoginUrl, new FormUrlEncodedContent(Prepare().Fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Login_InAFrameWhereTheSessionCookieCameBack_RedirectsStraightToThePlatform()
    {
        var client = _app.CreateClient();
        await _app.LaunchAsync(LaunchKind.StudentAssignment, driver: new LaunchDriver(client)); // leaves the partitioned session cookie

        var response = await FramedLoginAsync(client, Prepare());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Login_InAFrameWithoutStorageTarget_RefusingRegistration_ChecksTheCookieWithoutPlatformStorage()
    {
        var response = await FramedLoginAsync(_app.CreateClient(), Prepare(), f => f.Remove("lti_storage_target"));

        var step = (await PageAsync(response)).QuerySelector("#platform-storage")!;
        Assert.Equal("off", step.GetAttribute("data-storage"));
        Assert.Equal("", step.GetAttribute("data-value"));
    }

    [Fact]
    public async Task Login_InAFrameWithoutStorageTarget_RegistrationAcceptingUnboundLaunches_Redirects()
    {
        await SetRegistrationAsync(UnboundLaunchPolicy.AcceptServerState);
        var response = await FramedLoginAsync(_app.CreateClient(), Prepare(), f => f.Remove("lti_storage_target"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Login_ProbingRegistration_UsesPlatformStorageWithoutATargetFrame_AndStorageOffNeverDoes()
    {
        await SetRegistrationAsync(UnboundLaunchPolicy.Refuse, PlatformStorageMode.Probe);
        var probe = (await PageAsync(await FramedLoginAsync(_app.CreateClient(), Prepare(), f => f.Remove("lti_storage_target")))).QuerySelector("#platform-storage")!;
        Assert.Equal("on", probe.GetAttribute("data-storage"));
        Assert.Equal("", probe.GetAttribute("data-frame")); // the script asks lti.capabilities

        await SetRegistrationAsync(UnboundLaunchPolicy.Refuse, PlatformStorageMode.Off);
        var off = (await PageAsync(await FramedLoginAsync(_app.CreateClient(), Prepare()))).QuerySelector("#platform-storage")!;
        Assert.Equal("off", off.GetAttribute("data-storage"));
    }

    [Fact]
    public async Task BindingCheck_AnswersWhetherTheCookieCameBack()
    {
        var client = _app.CreateClient();
        var next = new Uri((await PageAsync(await FramedLoginAsync(client, Prepare()))).QuerySelector("#platform-storage")!.GetAttribute("data-next")!);
        var state = QueryHelpers.ParseQuery(next.Query)["state"].ToString();
        var check = QueryHelpers.AddQueryString(LtiTool.Web.Features.Launch.LaunchFeature.BindingCheckPath, "state", state);

        var kept = await client.GetAsync(check);
        Assert.Equal("no-store", kept.Headers.CacheControl!.ToString());
        Assert.True((await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cookie").GetBoolean());
        var dropped = await _app.CreateClient().GetFromJsonAsync<JsonElement>(check);
        Assert.False(dropped.GetProperty("cookie").GetBoolean());
    }

    // ---- The launch ----

    [Fact]
    public async Task Launch_NoCookieAfterAStorageLogin_RendersTheStorageStep_AndUsesNothingYet()
    {
        var (action, fields, _) = await LaunchFormAsync();

        var response = await _app.CreateClient().PostAsync(action, new FormUrlEncodedContent(fields)); // no cookie

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        // Not no-referrer: that makes browsers post "Origin: null", and the step's post would be refused.
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var page = await PageAsync(response);
        var step = page.QuerySelector("#platform-storage")!;
        Assert.Equal("get", step.GetAttribute("data-mode"));
        Assert.Equal(BrowserBinding.StorageKey(fields["state"]), step.GetAttribute("data-key"));
        Assert.Equal(DemoPlatformStorage.FrameName, step.GetAttribute("data-frame"));
        Assert.Equal("https://localhost", step.GetAttribute("data-origin"));
        var form = page.QuerySelector("#platform-storage-form")!;
        Assert.Equal("/lti/launch", form.GetAttribute("action"));
        Assert.Equal(fields["id_token"], form.QuerySelector("input[name=id_token]")!.GetAttribute("value"));
        Assert.Equal("absent", form.QuerySelector($"input[name={LtiLaunchDefaults.StorageResultField}]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("meta[name=lti-session-token]"));
        Assert.Equal(0, await QueryAsync(db => db.LaunchRecords.CountAsync()));
        await using var scope = _app.Services.CreateAsyncScope();
        var states = scope.ServiceProvider.GetRequiredService<ILaunchStateStore>();
        Assert.NotNull(await states.PeekAsync(fields["state"], _app.Time.GetUtcNow(), default)); // still unused
    }

    [Fact]
    public async Task Launch_StorageStepWithTheSecret_FromTheToolsPage_Launches_WithTransportPlatformStorage()
    {
        var (action, fields, secret) = await LaunchFormAsync();

        var response = await PostStorageStepAsync(action, fields, "found", secret, origin: "https://localhost");

        var page = await PageAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sam Student", page.QuerySelector(".user-name")!.TextContent);
        Assert.Equal("platform_storage", (await QueryAsync(db => db.LaunchRecords.SingleAsync())).Transport);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-lti_session=", StringComparison.Ordinal));
        Assert.Contains("path=/;", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://attacker.example", "cross-site")]
    [InlineData(null, null)]
    [InlineData("https://localhost", "cross-site")]
    [InlineData("null", null)]
    public async Task Launch_StorageStepPostedByAnotherSite_FailsWithBindingCrossOrigin_AndUsesNothing(string? origin, string? fetchSite)
    {
        var (action, fields, secret) = await LaunchFormAsync();

        var response = await PostStorageStepAsync(action, fields, "found", secret, origin, fetchSite);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("binding_cross_origin", ErrorCode(await PageAsync(response)));
        Assert.Equal(0, await QueryAsync(db => db.LaunchRecords.CountAsync()));
    }

    [Fact]
    public async Task Launch_StorageStepWithAnotherSecret_FailsWithStateBindingMismatch()
    {
        var (action, fields, _) = await LaunchFormAsync();

        var response = await PostStorageStepAsync(action, fields, "found", "someone-elses-secret", origin: "https://localhost");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("state_binding_mismatch", ErrorCode(await PageAsync(response)));
    }

    [Fact]
    public async Task Launch_StorageStepFindingNothing_RefusedWithBrowserBindingMissing_AndTheStateIsBurnt()
    {
        var (action, fields, secret) = await LaunchFormAsync();

        var response = await PostStorageStepAsync(action, fields, "absent", null, origin: "https://localhost");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("browser_binding_missing", ErrorCode(await PageAsync(response)));
        var again = await PostStorageStepAsync(action, fields, "found", secret, origin: "https://localhost");
        Assert.Equal("state_already_used", ErrorCode(await PageAsync(again)));
    }

    [Fact]
    public async Task Launch_WithoutCookieOrStorage_RefusedWithBrowserBindingMissing()
    {
        var client = _app.CreateClient();
        var login = await client.PostAsync(Prepare().LoginUrl, new FormUrlEncodedContent(Prepare().Fields.Where(f => f.Key != "lti_storage_target")));
        var (action, fields) = await LaunchDriver.ReadAutoPostFormAsync(await client.GetAsync(login.Headers.Location));
        fields.Remove("lti_storage_target");

        var outcome = await _app.Driver().PostLaunchAsync(action, fields); // another client: the cookie is not sent

        Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
        Assert.Equal("browser_binding_missing", outcome.ErrorCode);
        Assert.Equal(0, await QueryAsync(db => db.LaunchRecords.CountAsync()));
    }

    [Fact]
    public async Task Launch_WithoutCookieOrStorage_RegistrationAcceptingServerState_LaunchesWithTransportNone()
    {
        await SetRegistrationAsync(UnboundLaunchPolicy.AcceptServerState, PlatformStorageMode.Off);
        var client = _app.CreateClient();
        var login = await client.PostAsync(Prepare().LoginUrl, new FormUrlEncodedContent(Prepare().Fields));
        var (action, fields) = await LaunchDriver.ReadAutoPostFormAsync(await client.GetAsync(login.Headers.Location));

        var outcome = await _app.Driver().PostLaunchAsync(action, fields);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal("none", (await QueryAsync(db => db.LaunchRecords.SingleAsync())).Transport);
    }

    // ---- What the pages may run ----

    [Fact]
    public async Task ToolPages_AllowScriptsFromTheToolOnly()
    {
        var response = await _app.CreateClient().GetAsync("/lti/config.json");
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoLms_OffersPlatformStorageLikeCanvas()
    {
        var login = Prepare();
        Assert.Equal(DemoPlatformStorage.FrameName, login.Fields["lti_storage_target"]);
        var (_, fields, _) = await LaunchFormAsync();
        Assert.Equal(DemoPlatformStorage.FrameName, fields["lti_storage_target"]);

        var client = _app.CreateClient();
        Assert.Contains("forwarded_id", await client.GetStringAsync("/demo/post_message_forwarding"), StringComparison.Ordinal);
        var script = await client.GetStringAsync("/demo/lms-platform-storage.js");
        Assert.Contains("\"https://localhost\"", script, StringComparison.Ordinal);
        Assert.Contains("lti|platform_storage|", script, StringComparison.Ordinal);
        var home = await client.GetStringAsync("/demo");
        Assert.Contains("name=\"post_message_forwarding\"", home, StringComparison.Ordinal);
    }
}
