using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Launch;

public sealed class LaunchFlowTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    [Fact]
    public async Task Launch_Instructor_RoundTripsToTheLaunchedPageAndSession()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal("Ada Instructor", outcome.UserName);
        Assert.Contains(DemoData.Course.Title, outcome.Page.QuerySelector(".context")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Teacher"], outcome.Roles);
        Assert.NotNull(outcome.SessionToken);

        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.Equal("Ada Instructor", session.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(DemoData.Instructor.Email, session.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(DemoData.Course.Title, session.GetProperty("context").GetProperty("title").GetString());
        Assert.Equal("Teacher", session.GetProperty("roles")[0].GetString());
        Assert.Contains(session.GetProperty("permissions").EnumerateArray(), p => p.GetString() == "view_roster");
        Assert.Equal(_app.Platform.Options.Issuer, session.GetProperty("issuer").GetString());
        Assert.Equal(_app.Platform.Options.DeploymentId, session.GetProperty("deploymentId").GetString());
        Assert.Equal(LtiMessageTypes.ResourceLinkRequest, session.GetProperty("messageType").GetString());
        Assert.True(Guid.TryParse(session.GetProperty("launchId").GetString(), out _));
    }

    [Fact]
    public async Task Launch_Student_RecordsLaunchUserContextAndEnrolment()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal(["Student"], outcome.Roles);
        var record = await QueryAsync(db => db.LaunchRecords.SingleAsync());
        Assert.Equal(DemoData.Course.AssignmentResourceLinkId, record.ResourceLinkId);
        Assert.EndsWith("/line_items/1", record.AgsLineItemUrl, StringComparison.Ordinal);
        Assert.EndsWith("/line_items", record.AgsLineItemsUrl, StringComparison.Ordinal);
        Assert.Contains(LtiScopes.AgsScore, record.AgsScopes, StringComparison.Ordinal);
        Assert.EndsWith("/names_and_roles", record.NrpsMembershipsUrl, StringComparison.Ordinal);
        Assert.Contains("iframe", record.PresentationJson, StringComparison.Ordinal);
        Assert.Equal("cookie", record.Transport);
        Assert.Equal("prod", record.CanvasEnvironment);
        Assert.Equal("not_configured", record.CanvasRegion);
        var user = await QueryAsync(db => db.Users.SingleAsync());
        Assert.Equal(DemoData.Student.Subject, user.Subject);
        var enrolment = await QueryAsync(db => db.Enrolments.SingleAsync());
        Assert.Equal("Student", enrolment.InternalRoles);
        Assert.Contains("membership#Learner", enrolment.Roles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_Twice_KeepsOneRecordPerLaunchAndOneUser()
    {
        await _app.LaunchAsync(LaunchKind.StudentAssignment);
        await _app.LaunchAsync(LaunchKind.StudentAssignment);
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);

        Assert.Equal(3, await QueryAsync(db => db.LaunchRecords.CountAsync()));
        Assert.Equal(2, await QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal(1, await QueryAsync(db => db.Contexts.CountAsync()));
        Assert.Equal(2, await QueryAsync(db => db.Enrolments.CountAsync()));
    }

    [Theory]
    [InlineData(LaunchKind.TestStudentAssignment, "TestStudent")]
    [InlineData(LaunchKind.ObserverCourseNavigation, "Observer")]
    public async Task Launch_OtherDemoUsers_GetTheirRole(LaunchKind kind, string role)
    {
        var outcome = await _app.LaunchAsync(kind);
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal([role], outcome.Roles);
    }

    [Fact]
    public async Task Launch_DeepLinkingRequest_IsAccepted()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorDeepLinking);
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        var record = await QueryAsync(db => db.LaunchRecords.SingleAsync());
        Assert.Equal(LtiMessageTypes.DeepLinkingRequest, record.MessageType);
        Assert.Contains("deep_link_return_url", record.DeepLinkingSettingsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_ScriptInTheName_IsEscapedOnThePage()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment, b => b.Set("name", "<script>alert('x')</script>"));

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal("<script>alert('x')</script>", outcome.UserName);
        Assert.Empty(outcome.Page.QuerySelectorAll("script:not([src])")); // only the layout's own script files
        var html = await outcome.Response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_SameIdTokenPostedAgain_IsRefusedAsStateAlreadyUsed()
    {
        var driver = _app.Driver();
        var first = await _app.LaunchAsync(LaunchKind.StudentAssignment, driver: driver);
        Assert.Equal(HttpStatusCode.OK, first.Status);

        var replay = await driver.PostLaunchAsync(first.LaunchAction, first.LaunchForm);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("state_already_used", replay.ErrorCode);
        Assert.Equal(1, await QueryAsync(db => db.LaunchRecords.CountAsync()));
    }

    [Fact]
    public async Task Launch_WithTheDatabaseStateStore_RoundTripsAndRefusesReplay()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Lti:StateStore:Kind"] = "Database" });
        var driver = app.Driver();
        var first = await app.LaunchAsync(LaunchKind.StudentAssignment, driver: driver);
        var replay = await driver.PostLaunchAsync(first.LaunchAction, first.LaunchForm);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("state_already_used", replay.ErrorCode);
    }

    [Fact]
    public async Task Launch_IdTokenReplayedWithAFreshState_IsRefusedAsNonceMismatch()
    {
        var driver = _app.Driver();
        var first = await _app.LaunchAsync(LaunchKind.StudentAssignment, driver: driver);
        var second = await driver.LaunchAsync(_app.Platform.PrepareLaunch(new LaunchScenario(LaunchKind.StudentAssignment), LtiToolApp.BaseUrl),
            form => form["id_token"] = first.LaunchForm["id_token"]);

        Assert.Equal("nonce_mismatch", second.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.Status);
    }

    [Fact]
    public async Task Launch_BindingCookieFromAnotherBrowser_IsRefused()
    {
        var victim = _app.Driver();
        var attacker = _app.Driver();
        // The attacker starts a login in their browser, then gets the victim's browser to post the answer.
        using var login = await attacker.PostFormAsync(new Uri(LtiToolApp.BaseUrl, "lti/login"),
            _app.Platform.PrepareLaunch(new LaunchScenario(LaunchKind.StudentAssignment), LtiToolApp.BaseUrl).Fields);
        var (action, fields) = await LtiTool.Testing.LaunchDriver.ReadAutoPostFormAsync(await attacker.Client.GetAsync(login.Headers.Location));
        // The victim has a cookie of the same name from an unrelated launch attempt.
        var cookieName = LtiTool.Lti.Login.BrowserBinding.CookieName(fields["state"]);
        victim.Client.DefaultRequestHeaders.Add("Cookie", $"{cookieName}=not-the-attackers-secret");

        var outcome = await victim.PostLaunchAsync(action, fields);

        Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
        Assert.Equal("state_binding_mismatch", outcome.ErrorCode);
    }

    [Fact]
    public async Task Launch_FailurePage_ShowsCodeAndCorrelationIdButNoStackTraceAndPersistsNothing()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment, b => b.Set(LtiClaimTypes.Version, "1.1"));

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("version_unsupported", outcome.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(outcome.CorrelationId));
        Assert.Equal(outcome.CorrelationId, outcome.Response.Headers.GetValues("X-Correlation-Id").Single());
        var html = await outcome.Response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Null(outcome.SessionToken);
        Assert.Equal(0, await QueryAsync(db => db.LaunchRecords.CountAsync()));
        Assert.Equal(0, await QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Launch_PlatformAnswersWithAnError_ShowsTheirReason()
    {
        var driver = _app.Driver();
        var outcome = await driver.PostLaunchAsync(new Uri(LtiToolApp.BaseUrl, "lti/launch"), new Dictionary<string, string>
        {
            ["error"] = "login_required", ["error_description"] = "Must have an active user session", ["state"] = "x",
        });
        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("platform_error", outcome.ErrorCode);
        Assert.Contains("Must have an active user session", outcome.Page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_Get_Answers405WithAnExplanation()
    {
        var response = await _app.CreateClient().GetAsync("/lti/launch");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("launch_not_posted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_JsonBody_IsRefusedAsTokenMissingNot500()
    {
        var response = await _app.CreateClient().PostAsync("/lti/launch", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("token_missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_PageHeaders_AllowFramingByThePlatformOnly()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);
        var csp = outcome.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("https://demo-lms.ltitool.invalid", csp, StringComparison.Ordinal);
        Assert.False(outcome.Response.Headers.Contains("X-Frame-Options"));
        Assert.Equal("nosniff", outcome.Response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(outcome.Response.Headers.Contains("Referrer-Policy"));
        Assert.Equal("no-store", outcome.Response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Launch_ConfiguredFrameAncestors_AreAdded()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Lti:FrameAncestors:0"] = "https://*.instructure.com" });
        var response = await app.CreateClient().GetAsync("/");
        Assert.Contains("https://*.instructure.com", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
