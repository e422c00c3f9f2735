using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Platforms;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin;
using LtiTool.Web.Features.Admin.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin;

/// <summary>The per-registration browser-binding settings: API, page, command line; and that a launch obeys them.</summary>
public sealed class BrowserBindingPolicyTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    private HttpClient Bearer(string token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpClient> ToolWideAsync() => Bearer((await BootstrapTests.BootstrapAdminAsync(_app)).Token);

    private Task<string> DemoIdAsync() => QueryAsync(db => db.Platforms.Where(p => p.Source == PlatformSources.Demo).Select(p => p.Id).SingleAsync());

    private Task<(string Unbound, string Storage)> SettingsAsync(string id) =>
        QueryAsync(async db => await db.Platforms.Where(p => p.Id == id).Select(p => new ValueTuple<string, string>(p.UnboundLaunchPolicy, p.PlatformStorage)).SingleAsync());

    [Fact]
    public async Task Put_ChangesThePolicy_Audits_AndTheNextLaunchObeysIt()
    {
        var admin = await ToolWideAsync();
        var id = await DemoIdAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/platforms/{id}/browser-binding", new { unboundLaunches = "AcceptServerState", platformStorage = "Off" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("AcceptServerState", body.GetProperty("unboundLaunches").GetString());
        Assert.Equal("Off", body.GetProperty("platformStorage").GetString());
        var entry = await QueryAsync(db => db.AuditLog.SingleAsync(a => a.Action == "platform.browser_binding"));
        Assert.Equal(id, entry.Target);
        Assert.Contains("Refuse", entry.BeforeJson, StringComparison.Ordinal);
        Assert.Contains("AcceptServerState", entry.AfterJson, StringComparison.Ordinal);

        // A launch whose cookie does not come back is now accepted on the server-side state, recorded as such.
        var client = _app.CreateClient();
        var login = _app.Platform.PrepareLaunch(new LaunchScenario(LaunchKind.StudentAssignment), LtiToolApp.BaseUrl);
        var redirect = await client.PostAsync(login.LoginUrl, new FormUrlEncodedContent(login.Fields));
        var (action, fields) = await LtiTool.Testing.LaunchDriver.ReadAutoPostFormAsync(await client.GetAsync(redirect.Headers.Location));
        var outcome = await _app.Driver().PostLaunchAsync(action, fields);
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal("none", await QueryAsync(db => db.LaunchRecords.Select(l => l.Transport).SingleAsync()));
    }

    [Theory]
    [InlineData("{\"unboundLaunches\":\"Allow\"}", "unboundLaunches")]
    [InlineData("{\"platformStorage\":\"always\"}", "platformStorage")]
    [InlineData("{}", "unboundLaunches")]
    public async Task Put_BadValue_NamesTheField_AndChangesNothing(string json, string field)
    {
        var admin = await ToolWideAsync();
        var id = await DemoIdAsync();

        var response = await admin.PutAsync($"/api/admin/platforms/{id}/browser-binding", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(field, errors[0].GetProperty("field").GetString());
        Assert.Equal(("Refuse", "WhenOffered"), await SettingsAsync(id));
        Assert.False(await QueryAsync(db => db.AuditLog.AnyAsync(a => a.Action == "platform.browser_binding")));
    }

    [Fact]
    public async Task Put_PlatformAdministrator_OwnRegistrationOnly_TeacherForbidden()
    {
        var id = await DemoIdAsync();
        var administrator = await _app.LaunchAsync(LaunchKind.AdministratorAccountNavigation);
        var teacher = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);

        var own = await Bearer(administrator.SessionToken!).PutAsJsonAsync($"/api/admin/platforms/{id}/browser-binding", new { platformStorage = "Probe" });
        var other = await Bearer(administrator.SessionToken!).PutAsJsonAsync("/api/admin/platforms/plt_someone_else/browser-binding", new { platformStorage = "Probe" });
        var forbidden = await Bearer(teacher.SessionToken!).PutAsJsonAsync($"/api/admin/platforms/{id}/browser-binding", new { unboundLaunches = "AcceptServerState" });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(("Refuse", "Probe"), await SettingsAsync(id));
    }

    [Fact]
    public async Task Page_ShowsBothSettingsWithTheCurrentChoices()
    {
        var id = await DemoIdAsync();
        var (browser, _) = await BootstrapTests.BootstrapAdminAsync(_app);

        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/admin/platforms"));

        var article = page.QuerySelector($"article[data-platform='{id}']")!;
        Assert.Equal("Refuse", article.QuerySelector("select.unbound-launches option[selected]")!.GetAttribute("value"));
        Assert.Equal("WhenOffered", article.QuerySelector("select.platform-storage option[selected]")!.GetAttribute("value"));
        Assert.Equal(["Refuse", "AcceptServerState"], article.QuerySelectorAll("select.unbound-launches option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["WhenOffered", "Probe", "Off"], article.QuerySelectorAll("select.platform-storage option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public async Task Command_Binding_SetsListsAndRefusesBadValues()
    {
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation); // starts the host
        var id = await DemoIdAsync();
        var command = _app.Services.GetServices<IAdminCommand>().Single(c => c.Name == "platforms");
        async Task<(int Code, string Output)> RunAsync(params string[] args)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Actor = "cli";
            var output = new StringWriter();
            return (await command.RunAsync(scope.ServiceProvider, args, output, CancellationToken.None), output.ToString());
        }

        var set = await RunAsync("binding", id, "--unbound-launches", "AcceptServerState");
        var bad = await RunAsync("binding", id, "--platform-storage", "sometimes");
        var unknown = await RunAsync("binding", "plt_nope", "--platform-storage", "Off");
        var list = await RunAsync("list");

        Assert.Equal(0, set.Code);
        Assert.Contains("unbound launches AcceptServerState, platform storage WhenOffered", set.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.Code);
        Assert.Contains("platformStorage:", bad.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("AcceptServerState/WhenOffered", list.Output, StringComparison.Ordinal);
        Assert.Equal(("AcceptServerState", "WhenOffered"), await SettingsAsync(id));
        Assert.Equal(1, await QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == "platform.browser_binding" && a.ActorName == "cli")));
    }

    [Fact]
    public void Registration_DefaultsRefuseAndWhenOffered()
    {
        var registration = new PlatformRegistration("p", "n", "https://i", "c", new Uri("https://sso.example/auth"), new Uri("https://j"), null, []);
        Assert.Equal(UnboundLaunchPolicy.Refuse, registration.UnboundLaunches);
        Assert.True(registration.UsesPlatformStorage("post_message_forwarding"));
        Assert.False(registration.UsesPlatformStorage(null));
        Assert.True((registration with { PlatformStorage = PlatformStorageMode.Probe }).UsesPlatformStorage(null));
        Assert.False((registration with { PlatformStorage = PlatformStorageMode.Off }).UsesPlatformStorage("post_message_forwarding"));
        Assert.Equal("https://sso.example", registration.StorageOrigin);
    }
}
