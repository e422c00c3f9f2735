using System.Net;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin;

/// <summary>The first-setup sign-in with the bootstrap credential.</summary>
public sealed class BootstrapTests
{
    internal static async Task<HttpResponseMessage> SignInAsync(LtiToolApp app, HttpClient browser, string credential)
    {
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/admin/sign-in"));
        var antiforgery = page.QuerySelector("#sign-in input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await browser.PostAsync("/admin/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Credential"] = credential, ["__RequestVerificationToken"] = antiforgery,
        }));
    }

    /// <summary>A browser signed in with the bootstrap credential, and the bearer token its admin pages carry.</summary>
    internal static async Task<(HttpClient Browser, string Token)> BootstrapAdminAsync(LtiToolApp app)
    {
        var browser = app.CreateClient();
        var response = await SignInAsync(app, browser, LtiToolApp.BootstrapCredential);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var platforms = new HtmlParser().ParseDocument(await browser.GetStringAsync("/admin/platforms"));
        return (browser, platforms.QuerySelector("meta[name=lti-session-token]")!.GetAttribute("content")!);
    }

    [Fact]
    public async Task SignIn_WithTheCredential_OpensTheAdminPagesAndIsAudited()
    {
        using var app = new LtiToolApp();
        var browser = app.CreateClient();

        var response = await SignInAsync(app, browser, LtiToolApp.BootstrapCredential);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        var home = new HtmlParser().ParseDocument(await browser.GetStringAsync("/admin"));
        Assert.NotNull(home.QuerySelector("#bootstrap-session"));
        Assert.NotNull(home.QuerySelector("#platforms-link"));
        await using var scope = app.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().AuditLog.SingleAsync(a => a.Action == "admin.bootstrap_sign_in");
        Assert.Equal("bootstrap", entry.ActorName);
        Assert.True(entry.AdminRights);
    }

    [Fact]
    public async Task SignIn_WrongCredential_IsRefusedAndAudited()
    {
        using var app = new LtiToolApp();
        var browser = app.CreateClient();

        var response = await SignInAsync(app, browser, "not-the-credential-at-all-no");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/admin/platforms")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().AuditLog.AnyAsync(a => a.Action == "admin.bootstrap_refused"));
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRefusedEvenWithTheRightCredential()
    {
        using var app = new LtiToolApp();
        var browser = app.CreateClient();
        await browser.GetStringAsync("/admin/sign-in"); // the antiforgery cookie, but no token in the form

        var response = await browser.PostAsync("/admin/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["Credential"] = LtiToolApp.BootstrapCredential }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/admin/platforms")).StatusCode);
    }

    [Fact]
    public async Task SignIn_GuessingRepeatedly_IsRateLimited()
    {
        using var app = new LtiToolApp();
        var browser = app.CreateClient();
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/admin/sign-in"));
        var antiforgery = page.QuerySelector("#sign-in input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        FormUrlEncodedContent Attempt(string credential) =>
            new(new Dictionary<string, string> { ["Credential"] = credential, ["__RequestVerificationToken"] = antiforgery });
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/admin/sign-in", Attempt($"guess-number-{i}-of-the-credential"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/sign-in")).StatusCode); // showing the form does not count

        var eleventh = await browser.PostAsync("/admin/sign-in", Attempt(LtiToolApp.BootstrapCredential));

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
    }

    [Fact]
    public async Task Disabled_SignInIsClosedAndEarlierBootstrapSessionsStopWorking()
    {
        using var enabled = new LtiToolApp();
        var (_, token) = await BootstrapAdminAsync(enabled);
        using var disabled = new LtiToolApp(new Dictionary<string, string?> { ["Admin:Bootstrap:Enabled"] = "false" });
        var client = disabled.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.Forbidden, (await disabled.CreateClient().GetAsync("/admin/sign-in")).StatusCode);
        // Same session key in both apps: the token is genuine, but the bootstrap sign-in is off.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/platforms")).StatusCode);
    }

    [Fact]
    public async Task FirstStart_WithoutAConfiguredCredential_KeepsOnlyAHashWithOwnerOnlyAccess()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Admin:Bootstrap:Credential"] = "" });
        await app.LaunchAsync(LaunchKind.InstructorCourseNavigation); // starts the host
        var folder = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Lti:DataPath"]!;

        var file = Path.Combine(folder, "admin-bootstrap.sha256");

        Assert.True(File.Exists(file));
        Assert.Matches("^[0-9A-F]{64}$", File.ReadAllText(file).Trim());
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task AdminHome_WithoutAdministrativePermission_Is403()
    {
        using var app = new LtiToolApp();
        var driver = app.Driver();
        await app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: driver);

        var response = await driver.Client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await driver.Client.GetAsync("/admin/platforms")).StatusCode);
    }
}
