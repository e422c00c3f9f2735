using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin;

/// <summary>
/// Platforms with two schools: an LMS administrator manages their own registration, its deployments and approval
/// queue; another school's registration answers 404 like an id that does not exist; adding, deleting, enabling
/// and disabling registrations are tool-wide only (403).
/// </summary>
public sealed class PlatformScopeTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.True(response.StatusCode == status, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(code, (await JsonAsync(response)).GetProperty("code").GetString());
    }

    private static object Registration(string issuer, string clientId, string name = "School B") => new
    {
        name, issuer, clientId, authorizationEndpoint = "https://localhost/demo/authorize", jwksUri = "https://localhost/demo/jwks",
        tokenEndpoint = "https://localhost/demo/token", deploymentIds = new[] { "1:d3m0d3pl0ym3nt000000000000000000000000a1" },
    };

    /// <summary>Both schools with an AutoRegister policy and a deployment waiting for approval in each.</summary>
    private async Task<TwoSchools> WithPendingDeploymentsAsync()
    {
        var schools = await TwoSchools.CreateAsync(_app);
        foreach (var id in new[] { schools.PlatformA, schools.PlatformB })
            Assert.Equal(HttpStatusCode.OK, (await schools.ToolWide.PutAsJsonAsync($"/api/admin/platforms/{id}/deployment-policy", new { policy = "AutoRegister" })).StatusCode);
        static void NewDeployment(LaunchTokenBuilder b) => b.Set(Lti.Claims.LtiClaimTypes.DeploymentId, "77:sub-account");
        Assert.Equal("deployment_pending_approval", (await schools.LaunchAAsync(LaunchKind.InstructorCourseNavigation, customize: NewDeployment)).ErrorCode);
        Assert.Equal("deployment_pending_approval", (await schools.LaunchBAsync(LaunchKind.InstructorCourseNavigation, customize: NewDeployment)).ErrorCode);
        return schools;
    }

    [Fact]
    public async Task PlatformAdministrator_AnotherSchoolsRegistration_IsNotFoundAndNothingChanges()
    {
        var schools = await WithPendingDeploymentsAsync();
        var (_, adminA) = await schools.AdminOfAAsync();
        var b = schools.PlatformB;
        var before = await QueryAsync(db => db.Platforms.AsNoTracking().Include(p => p.Deployments).SingleAsync(p => p.Id == b));

        var attempts = new (string Method, string Path, object? Body)[]
        {
            ("PUT", $"/api/admin/platforms/{b}", Registration(TwoSchools.IssuerB, _app.Platform.Options.ClientId, "Taken over")),
            ("PUT", $"/api/admin/platforms/{b}/deployment-policy", new { policy = "Strict" }),
            ("POST", $"/api/admin/platforms/{b}/deployments", new { deploymentId = "88:mine" }),
            ("POST", $"/api/admin/platforms/{b}/deployments/77:sub-account/approve", null),
            ("POST", $"/api/admin/platforms/{b}/deployments/77:sub-account/reject", null),
            ("DELETE", $"/api/admin/platforms/{b}/deployments/77:sub-account", null),
            ("POST", $"/api/admin/platforms/{b}/test", null),
        };
        foreach (var (method, path, body) in attempts)
        {
            var response = await adminA.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) });
            await AssertProblemAsync(response, HttpStatusCode.NotFound, "platform_not_found");
            // The same answer as for an id that does not exist: B's id is not confirmed to A.
            var unknown = await adminA.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace(b, "plt_doesnotexist00", StringComparison.Ordinal))
                { Content = body is null ? null : JsonContent.Create(body) });
            await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "platform_not_found");
        }

        var list = await JsonAsync(await adminA.GetAsync("/api/admin/platforms"));
        Assert.Equal([schools.PlatformA], list.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var after = await QueryAsync(db => db.Platforms.AsNoTracking().Include(p => p.Deployments).SingleAsync(p => p.Id == b));
        Assert.Equal((before.Name, before.DeploymentPolicy, before.UpdatedAt), (after.Name, after.DeploymentPolicy, after.UpdatedAt));
        Assert.Equal(DeploymentStates.Pending, after.Deployments.Single(d => d.DeploymentId == "77:sub-account").Status);
        Assert.False(await QueryAsync(db => db.AuditLog.AnyAsync(a => a.Action == "platform.test")));
    }

    [Fact]
    public async Task PlatformAdministrator_AddingDeletingOrSwitchingRegistrations_IsToolWideOnly()
    {
        var schools = await TwoSchools.CreateAsync(_app);
        var (_, adminB) = await schools.AdminOfBAsync();
        var count = await QueryAsync(db => db.Platforms.CountAsync());

        await AssertProblemAsync(await adminB.PostAsJsonAsync("/api/admin/platforms", Registration("https://school-c.example.edu", "3")), HttpStatusCode.Forbidden, "tool_wide_only");
        await AssertProblemAsync(await adminB.PostAsJsonAsync("/api/admin/platforms/canvas", new { clientId = "10000000000999", environment = "production" }),
            HttpStatusCode.Forbidden, "tool_wide_only");
        await AssertProblemAsync(await adminB.DeleteAsync($"/api/admin/platforms/{schools.PlatformB}"), HttpStatusCode.Forbidden, "tool_wide_only");
        await AssertProblemAsync(await adminB.DeleteAsync($"/api/admin/platforms/{schools.PlatformA}"), HttpStatusCode.Forbidden, "tool_wide_only");
        await AssertProblemAsync(await adminB.PostAsJsonAsync($"/api/admin/platforms/{schools.PlatformB}/enabled", new { enabled = false }),
            HttpStatusCode.Forbidden, "tool_wide_only");
        // Its issuer and client id decide which launches land in the registration: changing them is tool-wide too.
        await AssertProblemAsync(await adminB.PutAsJsonAsync($"/api/admin/platforms/{schools.PlatformB}", Registration("https://school-c.example.edu", "3")),
            HttpStatusCode.Forbidden, "tool_wide_only");

        Assert.Equal(count, await QueryAsync(db => db.Platforms.CountAsync()));
        var b = await QueryAsync(db => db.Platforms.AsNoTracking().SingleAsync(p => p.Id == schools.PlatformB));
        Assert.Equal((TwoSchools.IssuerB, true), (b.Issuer, b.Enabled));
        // The tool-wide administrator may do all of it.
        Assert.Equal(HttpStatusCode.OK, (await schools.ToolWide.PostAsJsonAsync($"/api/admin/platforms/{schools.PlatformB}/enabled", new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await schools.ToolWide.PostAsJsonAsync("/api/admin/platforms", Registration("https://school-c.example.edu", "3"))).StatusCode);
    }

    [Fact]
    public async Task PlatformAdministrator_ManagesTheirOwnRegistrationDeploymentsAndConnectionTest()
    {
        var schools = await WithPendingDeploymentsAsync();
        var (_, adminB) = await schools.AdminOfBAsync();
        var b = schools.PlatformB;

        var edited = await adminB.PutAsJsonAsync($"/api/admin/platforms/{b}", Registration(TwoSchools.IssuerB, _app.Platform.Options.ClientId, "School B, renamed"));
        var approved = await adminB.PostAsync($"/api/admin/platforms/{b}/deployments/77:sub-account/approve", null);
        var policy = await adminB.PutAsJsonAsync($"/api/admin/platforms/{b}/deployment-policy", new { policy = "Strict" });
        var test = await adminB.PostAsync($"/api/admin/platforms/{b}/test", null);

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.True((await JsonAsync(test)).GetProperty("passed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await schools.LaunchBAsync(LaunchKind.InstructorCourseNavigation, customize: x => x.Set(Lti.Claims.LtiClaimTypes.DeploymentId, "77:sub-account"))).Status);
        // A's deployment is still waiting: approving B's did not touch it.
        Assert.Equal(DeploymentStates.Pending, await QueryAsync(db => db.Deployments.Where(d => d.PlatformId == schools.PlatformA && d.DeploymentId == "77:sub-account")
            .Select(d => d.Status).SingleAsync()));
        Assert.Equal("School B, renamed", await QueryAsync(db => db.Platforms.Where(p => p.Id == b).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task PlatformAdministrator_CannotMoveTheAuthorizationEndpoint_ItsOriginMayFrameTheToolForEverySchool()
    {
        var schools = await WithPendingDeploymentsAsync();
        var (_, adminB) = await schools.AdminOfBAsync();
        var body = new
        {
            name = "School B", issuer = TwoSchools.IssuerB, clientId = _app.Platform.Options.ClientId,
            authorizationEndpoint = "https://evil.example/authorize", jwksUri = "https://localhost/demo/jwks", tokenEndpoint = "https://localhost/demo/token",
        };

        var response = await adminB.PutAsJsonAsync($"/api/admin/platforms/{schools.PlatformB}", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("tool_wide_only", problem.GetProperty("code").GetString());
        Assert.Equal("authorizationEndpoint", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("https://localhost/demo/authorize", await QueryAsync(db => db.Platforms.Where(p => p.Id == schools.PlatformB).Select(p => p.AuthorizationEndpoint).SingleAsync()));
    }

    [Fact]
    public async Task PlatformsPage_PlatformAdministrator_ShowsOnlyTheirRegistrationAndQueue_ToolWideShowsBoth()
    {
        var schools = await WithPendingDeploymentsAsync();
        var (browserA, _) = await schools.AdminOfAAsync();

        var page = new HtmlParser().ParseDocument(await browserA.GetStringAsync("/admin/platforms"));
        var toolWide = new HtmlParser().ParseDocument(await schools.ToolWideBrowser.GetStringAsync("/admin/platforms"));

        var article = Assert.Single(page.QuerySelectorAll("article.platform"));
        Assert.Equal(schools.PlatformA, article.GetAttribute("data-platform"));
        Assert.NotNull(article.QuerySelector("tr.deployment-pending[data-deployment='77:sub-account'] button.approve"));
        Assert.NotNull(article.QuerySelector("button.test"));
        Assert.Null(article.QuerySelector("button.toggle"));
        Assert.Null(page.QuerySelector("#add-canvas"));
        Assert.Null(page.QuerySelector("#add-platform"));
        Assert.DoesNotContain(TwoSchools.IssuerB, page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal($"Acting for: Platform: {_app.Platform.Options.Issuer} / {_app.Platform.Options.ClientId}", page.QuerySelector("#admin-scope")!.TextContent.Trim());

        Assert.Equal(new[] { schools.PlatformA, schools.PlatformB }.Order(), toolWide.QuerySelectorAll("article.platform").Select(a => a.GetAttribute("data-platform")!).Order());
        Assert.NotNull(toolWide.QuerySelector("#add-canvas"));
        Assert.NotNull(toolWide.QuerySelector($"article[data-platform='{schools.PlatformB}'] button.delete"));
        Assert.Equal("Acting for: Tool-wide", toolWide.QuerySelector("#admin-scope")!.TextContent.Trim());
    }
}
