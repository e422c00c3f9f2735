using System.Net;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Launch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Launch;

/// <summary>
/// A repeat launch with nothing new skips the read-and-upsert (LaunchIdentityCache); these pin what must still
/// happen: one record per launch, changed values written, other writers respected, vanished rows recreated.
/// </summary>
public sealed class RepeatLaunchTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    private static Action<LaunchTokenBuilder> CourseTitled(string title) => b => b.Set(LtiClaimTypes.Context, new JsonObject
    {
        ["id"] = DemoData.Course.ContextId, ["label"] = DemoData.Course.Label, ["title"] = title,
        ["type"] = new JsonArray("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"),
    });

    [Fact]
    public async Task RepeatLaunch_SameValues_RecordsEveryLaunchAgainstTheSameRows()
    {
        var first = await _app.LaunchAsync(LaunchKind.StudentAssignment);
        var second = await _app.LaunchAsync(LaunchKind.StudentAssignment);
        var third = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        Assert.All([first, second, third], o => Assert.Equal(HttpStatusCode.OK, o.Status));
        Assert.Equal(first.UserName, third.UserName);
        var records = await QueryAsync(db => db.LaunchRecords.OrderBy(r => r.CreatedAt).ToListAsync());
        Assert.Equal(3, records.Count);
        Assert.Single(records.Select(r => r.UserId).Distinct());
        Assert.Single(records.Select(r => r.ContextId).Distinct());
        Assert.Equal(1, await QueryAsync(db => db.Enrolments.CountAsync()));
    }

    [Fact]
    public async Task RepeatLaunch_CourseRenamedInTheLms_WritesTheNewTitle()
    {
        await _app.LaunchAsync(LaunchKind.StudentAssignment);
        await _app.LaunchAsync(LaunchKind.StudentAssignment);

        var renamed = await _app.LaunchAsync(LaunchKind.StudentAssignment, CourseTitled("Renamed Course"));

        Assert.Contains("Renamed Course", renamed.Page.QuerySelector(".context")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Renamed Course", await QueryAsync(db => db.Contexts.Select(c => c.Title).SingleAsync()));
    }

    [Fact]
    public async Task RepeatLaunch_RoleChanged_UpdatesTheEnrolment()
    {
        await _app.LaunchAsync(LaunchKind.StudentAssignment);
        await _app.LaunchAsync(LaunchKind.StudentAssignment, b => b.Set(LtiClaimTypes.Roles, new JsonArray("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")));

        var enrolment = await QueryAsync(db => db.Enrolments.SingleAsync());
        Assert.Equal("Teacher", enrolment.InternalRoles);
    }

    [Fact]
    public async Task RepeatLaunch_AfterAnotherWriterChangedTheCourse_WritesWhatTheLaunchCarries()
    {
        await _app.LaunchAsync(LaunchKind.StudentAssignment);
        var contextId = await QueryAsync(db => db.Contexts.Select(c => c.Id).SingleAsync());
        // What a roster sync does: rows change under the cache, then the course's entries are dropped.
        await QueryAsync(db => db.Enrolments.ExecuteUpdateAsync(s => s.SetProperty(e => e.InternalRoles, "Observer")));
        _app.Services.GetRequiredService<LaunchIdentityCache>().ForgetContext(contextId);

        await _app.LaunchAsync(LaunchKind.StudentAssignment);

        Assert.Equal("Student", await QueryAsync(db => db.Enrolments.Select(e => e.InternalRoles).SingleAsync()));
    }

    [Fact]
    public async Task RepeatLaunch_CachedRowsDeleted_RecreatesThemAndRecordsTheLaunch()
    {
        await _app.LaunchAsync(LaunchKind.StudentAssignment);
        await QueryAsync(async db =>
        {
            await db.LaunchRecords.ExecuteDeleteAsync();
            await db.Enrolments.ExecuteDeleteAsync();
            return await db.Users.ExecuteDeleteAsync();
        });

        var again = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        var record = await QueryAsync(db => db.LaunchRecords.SingleAsync());
        var user = await QueryAsync(db => db.Users.SingleAsync());
        Assert.Equal(user.Id, record.UserId);
        Assert.Equal(1, await QueryAsync(db => db.Enrolments.CountAsync()));
    }
}
