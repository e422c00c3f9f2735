using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin;
using LtiTool.Web.Features.Admin.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin;

/// <summary>Platforms and deployments through the admin API and page, as a bootstrap admin and as an LMS admin.</summary>
public sealed class PlatformsAdminTests : IDisposable
{
    private readonly LtiToolApp _app = new(new Dictionary<string, string?> { ["Lti:Services:RetryBaseDelay"] = "00:00:00.001" });

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> AdminAsync()
    {
        var (_, token) = await BootstrapTests.BootstrapAdminAsync(_app);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static object Platform(string issuer = "https://lms.example.edu", string clientId = "1234", string? jwks = null) => new
    {
        name = "Example LMS", issuer, clientId, authorizationEndpoint = "https://lms.example.edu/auth", jwksUri = jwks ?? "https://lms.example.edu/jwks",
        tokenEndpoint = "https://lms.example.edu/token", deploymentIds = new[] { "dep-1" },
    };

    [Fact]
    public async Task AddCanvas_PrefillsTheHostedEndpointsForTheEnvironment()
    {
        var admin = await AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/admin/platforms/canvas", new { clientId = "10000000000123", environment = "beta", deploymentIds = new[] { "42:abc" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var platform = await QueryAsync(db => db.Platforms.Include(p => p.Deployments).SingleAsync(p => p.ClientId == "10000000000123"));
        Assert.Equal("https://canvas.beta.instructure.com", platform.Issuer);
        Assert.Equal("https://sso.beta.canvaslms.com/api/lti/authorize_redirect", platform.AuthorizationEndpoint);
        Assert.Equal("https://sso.beta.canvaslms.com/api/lti/security/jwks", platform.JwksUri);
        Assert.Equal("https://sso.beta.canvaslms.com/login/oauth2/token", platform.TokenEndpoint);
        Assert.Equal(PlatformSources.Database, platform.Source);
        Assert.Equal("42:abc", Assert.Single(platform.Deployments).DeploymentId);
        var audit = await QueryAsync(db => db.AuditLog.SingleAsync(a => a.Action == "platform.add"));
        Assert.Equal(platform.Id, audit.Target);
        Assert.Equal("bootstrap", audit.ActorName);
        Assert.Contains("10000000000123", audit.AfterJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://lms.example.edu", "1", "issuer")]          // http only for loopback
    [InlineData("https://lms.example.edu", "", "clientId")]
    [InlineData("not a url", "1", "issuer")]
    public async Task Add_BadField_IsNamedAndNothingIsWritten(string issuer, string clientId, string field)
    {
        var admin = await AdminAsync();
        var before = await QueryAsync(db => db.Platforms.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/admin/platforms", Platform(issuer, clientId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("platform_invalid", problem.GetProperty("code").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Equal(before, await QueryAsync(db => db.Platforms.CountAsync()));
    }

    [Fact]
    public async Task Add_SameIssuerAndClientIdTwice_IsRefused_LoopbackHttpIsAllowed()
    {
        var admin = await AdminAsync();

        var first = await admin.PostAsJsonAsync("/api/admin/platforms", Platform(jwks: "http://127.0.0.1:9999/jwks"));
        var second = await admin.PostAsJsonAsync("/api/admin/platforms", Platform());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains((await JsonAsync(second)).GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "clientId");
    }

    [Fact]
    public async Task EditDisableDelete_WorkOnAdminRegistrations_AndTheDemoIsReadOnly()
    {
        var admin = await AdminAsync();
        var id = (await JsonAsync(await admin.PostAsJsonAsync("/api/admin/platforms", Platform()))).GetProperty("id").GetString();
        var demo = await QueryAsync(db => db.Platforms.Where(p => p.Source == PlatformSources.Demo).Select(p => p.Id).SingleAsync());

        var edited = await admin.PutAsJsonAsync($"/api/admin/platforms/{id}", Platform(jwks: "https://lms.example.edu/keys"));
        var disabled = await admin.PostAsJsonAsync($"/api/admin/platforms/{id}/enabled", new { enabled = false });
        var editDemo = await admin.PutAsJsonAsync($"/api/admin/platforms/{demo}", Platform());
        var deleteDemo = await admin.DeleteAsync($"/api/admin/platforms/{demo}");
        var deleted = await admin.DeleteAsync($"/api/admin/platforms/{id}");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.False((await JsonAsync(disabled)).GetProperty("enabled").GetBoolean());
        Assert.Equal("platform_read_only", (await JsonAsync(editDemo)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, deleteDemo.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var actions = await QueryAsync(db => db.AuditLog.Select(a => a.Action).ToListAsync());
        Assert.Contains("platform.edit", actions);
        Assert.Contains("platform.disable", actions);
        Assert.Contains("platform.delete", actions);
    }

    [Fact]
    public async Task Edit_WithoutDeploymentIds_KeepsTheDeployments()
    {
        var admin = await AdminAsync();
        var id = (await JsonAsync(await admin.PostAsJsonAsync("/api/admin/platforms", Platform()))).GetProperty("id").GetString();

        var edited = await admin.PutAsJsonAsync($"/api/admin/platforms/{id}", new
        {
            name = "Renamed LMS", issuer = "https://lms.example.edu", clientId = "1234", authorizationEndpoint = "https://lms.example.edu/auth",
            jwksUri = "https://lms.example.edu/jwks", tokenEndpoint = "https://lms.example.edu/token",
        });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var platform = await QueryAsync(db => db.Platforms.Include(p => p.Deployments).SingleAsync(p => p.Id == id));
        Assert.Equal("Renamed LMS", platform.Name);
        Assert.Equal("dep-1", Assert.Single(platform.Deployments).DeploymentId);
    }

    [Fact]
    public async Task Edit_WithAnEmptyDeploymentList_IsRefusedNamingTheField()
    {
        var admin = await AdminAsync();
        var id = (await JsonAsync(await admin.PostAsJsonAsync("/api/admin/platforms", Platform()))).GetProperty("id").GetString();

        var edited = await admin.PutAsJsonAsync($"/api/admin/platforms/{id}", new
        {
            issuer = "https://lms.example.edu", clientId = "1234", authorizationEndpoint = "https://lms.example.edu/auth",
            jwksUri = "https://lms.example.edu/jwks", deploymentIds = Array.Empty<string>(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Equal("deploymentIds", (await JsonAsync(edited)).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("dep-1", Assert.Single(await QueryAsync(db => db.Platforms.Where(p => p.Id == id).SelectMany(p => p.Deployments).ToListAsync())).DeploymentId);
    }

    [Fact]
    public async Task DisabledPlatform_LaunchesAreRefused()
    {
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var admin = await AdminAsync();
        var demo = await QueryAsync(db => db.Platforms.Where(p => p.Source == PlatformSources.Demo).Select(p => p.Id).SingleAsync());

        await admin.PostAsJsonAsync($"/api/admin/platforms/{demo}/enabled", new { enabled = false });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _app.LaunchAsync(LaunchKind.InstructorCourseNavigation));

        Assert.Contains("Login answered 4", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoRegisterPolicy_NewDeploymentIsQueuedThenApprovedThenLaunches()
    {
        var admin = await AdminAsync();
        var demo = await QueryAsync(db => db.Platforms.Where(p => p.Source == PlatformSources.Demo).Select(p => p.Id).SingleAsync());
        void NewDeployment(LaunchTokenBuilder b) => b.Set(Lti.Claims.LtiClaimTypes.DeploymentId, "77:sub-account");

        var strict = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, NewDeployment);
        Assert.Equal("deployment_unknown", strict.ErrorCode);
        await admin.PutAsJsonAsync($"/api/admin/platforms/{demo}/deployment-policy", new { policy = "AutoRegister" });
        var queued = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, NewDeployment);
        var again = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, NewDeployment);

        Assert.Equal(HttpStatusCode.Forbidden, queued.Status);
        Assert.Equal("deployment_pending_approval", queued.ErrorCode);
        Assert.Equal("deployment_pending_approval", again.ErrorCode);
        Assert.Equal(DeploymentStates.Pending, await QueryAsync(db => db.Deployments.Where(d => d.DeploymentId == "77:sub-account").Select(d => d.Status).SingleAsync()));
        var page = new HtmlParser().ParseDocument(await (await BootstrapTests.BootstrapAdminAsync(_app)).Browser.GetStringAsync("/admin/platforms"));
        Assert.NotNull(page.QuerySelector($"article[data-platform='{demo}'] tr.deployment-pending[data-deployment='77:sub-account'] button.approve"));

        var approve = await admin.PostAsync($"/api/admin/platforms/{demo}/deployments/77:sub-account/approve", null);
        var approved = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, NewDeployment);

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Contains(await QueryAsync(db => db.AuditLog.Select(a => a.Action).ToListAsync()), a => a == "deployment.seen");
    }

    [Fact]
    public async Task RejectedDeployment_StaysRefusedAsUnknown()
    {
        var admin = await AdminAsync();
        var demo = await QueryAsync(db => db.Platforms.Where(p => p.Source == PlatformSources.Demo).Select(p => p.Id).SingleAsync());
        await admin.PutAsJsonAsync($"/api/admin/platforms/{demo}/deployment-policy", new { policy = "AutoRegister" });
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, b => b.Set(Lti.Claims.LtiClaimTypes.DeploymentId, "99:x"));

        await admin.PostAsync($"/api/admin/platforms/{demo}/deployments/99:x/reject", null);
        var launch = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, b => b.Set(Lti.Claims.LtiClaimTypes.DeploymentId, "99:x"));

        Assert.Equal("deployment_unknown", launch.ErrorCode);
    }

    [Fact]
    public async Task ConnectionTest_AgainstTheDemoLms_PassesEveryStep_AndReportsABrokenJwksUrl()
    {
        var admin = await AdminAsync();
        var demo = await QueryAsync(db => db.Platforms.Where(p => p.Source == PlatformSources.Demo).Select(p => p.Id).SingleAsync());
        var broken = (await JsonAsync(await admin.PostAsJsonAsync("/api/admin/platforms",
            Platform(jwks: "https://localhost/demo/no-such-jwks")))).GetProperty("id").GetString();

        var good = await JsonAsync(await admin.PostAsync($"/api/admin/platforms/{demo}/test", null));
        var bad = await JsonAsync(await admin.PostAsync($"/api/admin/platforms/{broken}/test", null));

        Assert.True(good.GetProperty("passed").GetBoolean(), good.ToString());
        Assert.Equal(6, good.GetProperty("steps").GetArrayLength());
        Assert.False(bad.GetProperty("passed").GetBoolean());
        Assert.False(bad.GetProperty("steps")[0].GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task LmsAdministrator_ManagesPlatforms_TeacherAndStudentGet403()
    {
        var administrator = await _app.LaunchAsync(LaunchKind.AdministratorAccountNavigation);
        var teacher = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        HttpClient Bearer(string token)
        {
            var c = _app.CreateClient();
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return c;
        }

        Assert.Equal(HttpStatusCode.OK, (await Bearer(administrator.SessionToken!).GetAsync("/api/admin/platforms")).StatusCode);
        foreach (var (method, path) in new[] { ("GET", "/api/admin/platforms"), ("POST", "/api/admin/platforms"), ("POST", "/api/admin/platforms/canvas"), ("DELETE", "/api/admin/platforms/x") })
        {
            var response = await Bearer(teacher.SessionToken!).SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Command_AddListDisableRemove_LikeThePages()
    {
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation); // starts the host
        var command = _app.Services.GetServices<IAdminCommand>().Single(c => c.Name == "platforms");
        async Task<(int Code, string Output)> RunAsync(params string[] args)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Actor = "cli";
            var output = new StringWriter();
            return (await command.RunAsync(scope.ServiceProvider, args, output, CancellationToken.None), output.ToString());
        }

        var added = await RunAsync("add-canvas", "--client-id", "10000000000777", "--env", "production", "--deployment", "1:abc");
        var id = added.Output.Split(' ')[1];
        var refused = await RunAsync("add", "--issuer", "http://lms.example.edu", "--client-id", "1", "--auth", "https://a", "--jwks", "https://j");
        var list = await RunAsync("list");
        var disabled = await RunAsync("disable", id);
        var removed = await RunAsync("remove", id);
        var usage = await RunAsync("frobnicate");

        Assert.Equal(0, added.Code);
        Assert.Equal(1, refused.Code);
        Assert.Contains("issuer:", refused.Output, StringComparison.Ordinal);
        Assert.Contains("10000000000777", list.Output, StringComparison.Ordinal);
        Assert.Equal((0, 0, 2), (disabled.Code, removed.Code, usage.Code));
        Assert.Equal(0, await QueryAsync(db => db.Platforms.CountAsync(p => p.Id == id)));
        Assert.Equal(3, await QueryAsync(db => db.AuditLog.CountAsync(a => a.ActorName == "cli")));
    }
}
