using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using LtiTool.Web.Data;
using LtiTool.Web.Tests.Features.Grades;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LtiTool.Web.Tests.Features.Admin.Audit.AuditSeed;

namespace LtiTool.Web.Tests.Features.Admin.Audit;

/// <summary>
/// The audit log with two schools: an LMS administrator of one sees that school's entries only — its people's,
/// its courses', those about its registration — in the page, the JSON, the CSV and the access review; the tool's
/// own entries (keys, the bootstrap sign-in) and the other school's are not shown. A tool-wide administrator sees
/// everything and can narrow it to one platform.
/// </summary>
public sealed class AuditScopeTests : IDisposable
{
    private readonly LtiToolApp _app = new(LtiToolApp.ManagedKeys());

    public void Dispose() => _app.Dispose();

    /// <summary>What a school did: the entries it owns (action and target) and those that belong to it.</summary>
    private sealed record School(string PlatformId, string GradeChange, string AdminAction, string ByAJob, IReadOnlyList<Guid> Courses);

    private sealed record World(TwoSchools Schools, School A, School B)
    {
        public School Of(string school) => school == "A" ? A : B;
        public School Other(string school) => school == "A" ? B : A;
    }

    /// <summary>
    /// Real entries for both schools: a teacher's grade change in each school's course, each school's administrator
    /// changing their own registration (A its deployment policy, B its name), the bootstrap administrator adding B,
    /// and the tool's key created at start-up. Plus one entry per school tied to it only by its course, as a
    /// background job writes them (no actor platform).
    /// </summary>
    private async Task<World> SeedAsync()
    {
        var schools = await TwoSchools.CreateAsync(_app);
        var gradeA = await GradeChangeAsync(await GradebookFlowTests.TeacherWithRosterAsync(_app), "Essay A");
        var gradeB = await GradeChangeAsync(await GradebookFlowTests.TeacherWithRosterAsync(_app, await schools.LaunchBAsync(DemoPlatform.LaunchKind.InstructorCourseNavigation)), "Essay B");

        var (_, adminA) = await schools.AdminOfAAsync();
        Assert.Equal(HttpStatusCode.OK, (await adminA.PutAsJsonAsync($"/api/admin/platforms/{schools.PlatformA}/deployment-policy", new { policy = "AutoRegister" })).StatusCode);
        var (_, adminB) = await schools.AdminOfBAsync();
        var b = (await GradebookFlowTests.JsonAsync(await adminB.GetAsync("/api/admin/platforms"))).EnumerateArray().Single(p => p.GetProperty("id").GetString() == schools.PlatformB);
        var renamed = await adminB.PutAsJsonAsync($"/api/admin/platforms/{schools.PlatformB}", Request(b, name: "School B, renamed"));
        Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());

        var coursesA = await CoursesAsync(schools.PlatformA);
        var coursesB = await CoursesAsync(schools.PlatformB);
        await AddAsync(_app,
            Entry(_app.Time.GetUtcNow().UtcDateTime, "grade.job", "scheduler", target: "job-a", contextId: gradeA.Course, platformId: null, roles: null),
            Entry(_app.Time.GetUtcNow().UtcDateTime, "grade.job", "scheduler", target: "job-b", contextId: gradeB.Course, platformId: null, roles: null));
        return new World(schools,
            new School(schools.PlatformA, gradeA.Entry, $"platform.deployment_policy {schools.PlatformA}", "grade.job job-a", coursesA),
            new School(schools.PlatformB, gradeB.Entry, $"platform.edit {schools.PlatformB}", "grade.job job-b", coursesB));
    }

    private static object Request(JsonElement platform, string name) => new
    {
        name, issuer = platform.GetProperty("issuer").GetString(), clientId = platform.GetProperty("clientId").GetString(),
        authorizationEndpoint = platform.GetProperty("authorizationEndpoint").GetString(), jwksUri = platform.GetProperty("jwksUri").GetString(),
        tokenEndpoint = platform.GetProperty("tokenEndpoint").GetString(),
        deploymentIds = platform.GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("deploymentId").GetString()).ToArray(),
    };

    private static async Task<(string Entry, Guid Course)> GradeChangeAsync(GradebookFlowTests.Course course, string column)
    {
        var students = await GradebookFlowTests.StudentsAsync(course);
        var id = await GradebookFlowTests.AddColumnAsync(course, column, 10);
        var saved = await course.Teacher.PutAsJsonAsync($"{course.Api}/line-items/{id}/grades", new { grades = new[] { new { userId = students[0].Id, value = "7" } } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return ($"grade.change {id}/{students[0].Id}", Guid.Parse(course.ContextId));
    }

    private async Task<IReadOnlyList<Guid>> CoursesAsync(string platformId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().Contexts.Where(c => c.PlatformId == platformId).Select(c => c.Id).ToListAsync();
    }

    private static readonly string[] ToolEntries = ["admin.bootstrap_sign_in ", "key.create "];

    private Task<(HttpClient Browser, HttpClient Bearer)> AdminOfAsync(World world, string school) =>
        school == "A" ? world.Schools.AdminOfAAsync() : world.Schools.AdminOfBAsync();

    /// <summary>"action target" of each entry the JSON API returns, after checking each belongs to the platform (when one is given).</summary>
    private static async Task<List<string>> SearchAsync(HttpClient client, string query = "", School? belongingTo = null)
    {
        var found = await GradebookFlowTests.JsonAsync(await client.GetAsync("/api/admin/audit" + query));
        var entries = found.GetProperty("entries").EnumerateArray().ToList();
        Assert.False(found.GetProperty("hasMore").GetBoolean());
        if (belongingTo is not null)
        {
            Assert.All(entries, e => Assert.True(
                e.GetProperty("actor").GetProperty("platformId").GetString() == belongingTo.PlatformId
                || (e.GetProperty("contextId").ValueKind == JsonValueKind.String && belongingTo.Courses.Contains(e.GetProperty("contextId").GetGuid()))
                || e.GetProperty("target").GetString() is { } target && (target == belongingTo.PlatformId || target.StartsWith(belongingTo.PlatformId + "/", StringComparison.Ordinal)),
                e.ToString()));
        }
        return entries.Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("target").GetString()}").ToList();
    }

    private static void AssertOwn(IReadOnlyCollection<string> seen, School own, School other)
    {
        Assert.Contains(own.GradeChange, seen);
        Assert.Contains(own.AdminAction, seen);
        Assert.Contains(own.ByAJob, seen);
        Assert.DoesNotContain(other.GradeChange, seen);
        Assert.DoesNotContain(other.AdminAction, seen);
        Assert.DoesNotContain(other.ByAJob, seen);
        Assert.DoesNotContain(seen, s => ToolEntries.Any(s.StartsWith));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public async Task AuditApi_PlatformAdministrator_SeesOnlyTheirPlatformsEntries(string school)
    {
        var world = await SeedAsync();
        var (_, admin) = await AdminOfAsync(world, school);

        var seen = await SearchAsync(admin, belongingTo: world.Of(school));

        AssertOwn(seen, world.Of(school), world.Other(school));
        // Adding B was the bootstrap administrator's doing, on B: B's administrator sees it, A's does not.
        Assert.Equal(school == "B", seen.Contains($"platform.add {world.B.PlatformId}"));
        // Asking for the other school's entries finds none of them.
        Assert.Empty(await SearchAsync(admin, $"?platform={world.Other(school).PlatformId}&action=grade."));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public async Task AuditPageAndCsv_PlatformAdministrator_ShowOnlyTheirPlatformsEntries(string school)
    {
        var world = await SeedAsync();
        var (browser, _) = await AdminOfAsync(world, school);

        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/admin/audit"));
        var csv = ParseCsv(Encoding.UTF8.GetString((await browser.GetByteArrayAsync("/api/admin/audit.csv"))[3..]));

        var rows = page.QuerySelectorAll("table.audit tbody tr")
            .Select(r => $"{r.QuerySelector(".action")!.TextContent.Trim()} {r.QuerySelector(".target")!.TextContent}").ToList();
        AssertOwn(rows, world.Of(school), world.Other(school));
        var issuer = school == "A" ? _app.Platform.Options.Issuer : TwoSchools.IssuerB;
        Assert.Equal($"Acting for: Platform: {issuer} / {_app.Platform.Options.ClientId}", page.QuerySelector("#admin-scope")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("select[name=platform]"));
        var header = csv[0].ToList();
        var lines = csv.Skip(1).Select(r => $"{r[header.IndexOf("action")]} {r[header.IndexOf("target")]}").ToList();
        Assert.Equal(rows, lines);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public async Task AccessReview_PlatformAdministrator_ListsOnlyAdministrativeUseOnTheirPlatform(string school)
    {
        var world = await SeedAsync();
        var (browser, _) = await AdminOfAsync(world, school);

        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/admin/audit/access-review"));
        var csv = ParseCsv(Encoding.UTF8.GetString((await browser.GetByteArrayAsync("/api/admin/audit/access-review.csv"))[3..]));

        var rows = page.QuerySelectorAll("table.access-review tbody tr")
            .Select(r => string.Join(' ', r.QuerySelectorAll(".distinct-actions .action").Select(a => a.TextContent))).ToList();
        var own = world.Of(school).AdminAction.Split(' ')[0];
        var other = world.Other(school).AdminAction.Split(' ')[0];
        Assert.Contains(rows, r => r.Contains(own, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(other, StringComparison.Ordinal) || r.Contains("key.", StringComparison.Ordinal) || r.Contains("admin.", StringComparison.Ordinal));
        // The bootstrap administrator added B: that use of admin rights on B is B's to review.
        Assert.Equal(school == "B", rows.Contains("platform.add"));
        Assert.Equal(rows.Count, csv.Count - 1);
        Assert.NotNull(page.QuerySelector("#admin-scope"));
    }

    [Fact]
    public async Task Audit_ToolWideAdministrator_SeesBothSchoolsAndTheToolAndFiltersByPlatform()
    {
        var world = await SeedAsync();
        var admin = world.Schools.ToolWideBrowser;

        var all = await SearchAsync(admin);
        var onlyA = await SearchAsync(admin, $"?platform={world.A.PlatformId}", world.A);
        var onlyB = await SearchAsync(admin, $"?platform={world.B.PlatformId}", world.B);

        Assert.Contains(world.A.GradeChange, all);
        Assert.Contains(world.B.GradeChange, all);
        Assert.Contains(all, s => s.StartsWith("key.create ", StringComparison.Ordinal));
        AssertOwn(onlyA, world.A, world.B);
        AssertOwn(onlyB, world.B, world.A);
        Assert.Contains($"platform.add {world.B.PlatformId}", onlyB);

        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync($"/admin/audit?platform={world.B.PlatformId}"));
        Assert.Equal("Acting for: Tool-wide", page.QuerySelector("#admin-scope")!.TextContent.Trim());
        Assert.Equal(new[] { "", world.A.PlatformId, world.B.PlatformId }.Order(), page.QuerySelectorAll("select[name=platform] option").Select(o => o.GetAttribute("value")).Order());
        Assert.Equal(world.B.PlatformId, page.QuerySelector("select[name=platform] option[selected]")!.GetAttribute("value"));
        Assert.Equal($"/api/admin/audit.csv?platform={world.B.PlatformId}", page.QuerySelector("#export")!.GetAttribute("href"));
        var review = new HtmlParser().ParseDocument(await admin.GetStringAsync($"/admin/audit/access-review?platform={world.A.PlatformId}"));
        var actions = review.QuerySelectorAll(".distinct-actions .action").Select(a => a.TextContent).ToList();
        Assert.Contains("platform.deployment_policy", actions);
        Assert.DoesNotContain("platform.edit", actions);
        Assert.DoesNotContain("key.create", actions);
    }
}
