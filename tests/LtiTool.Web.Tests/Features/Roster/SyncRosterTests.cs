using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LtiTool.DemoPlatform;
using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Roster;

public sealed class SyncRosterTests : IDisposable
{
    private readonly LtiToolApp _app = new(new Dictionary<string, string?> { ["Lti:Services:RetryBaseDelay"] = "00:00:00.010" });

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Client, string ContextId)> TeacherAsync(LaunchKind kind = LaunchKind.InstructorCourseNavigation)
    {
        var outcome = await _app.LaunchAsync(kind);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var session = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement;
        return (client, session.GetProperty("context").GetProperty("id").GetString()!);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    [Fact]
    public async Task Sync_ReadsEveryPageIntoUsersAndEnrolments()
    {
        var (teacher, contextId) = await TeacherAsync();

        var response = await teacher.PostAsync($"/api/contexts/{contextId}/roster/sync", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await JsonAsync(response);
        Assert.Equal(204, result.GetProperty("members").GetInt32());
        Assert.Equal(203, result.GetProperty("added").GetInt32()); // the teacher was known from the launch
        var members = await JsonAsync(await teacher.GetAsync($"/api/contexts/{contextId}/members"));
        Assert.Equal(204, members.GetArrayLength());
        var testStudent = members.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Test Student");
        Assert.Equal("TestStudent", testStudent.GetProperty("roles")[0].GetString());
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("email").GetString() == "student0042@demo.example.edu");
        Assert.NotNull(await QueryAsync(db => db.Contexts.Select(c => c.RosterSyncedAt).SingleAsync()));
    }

    [Fact]
    public async Task Sync_MembersWhoLeft_AreMarkedNotDeleted()
    {
        var (teacher, contextId) = await TeacherAsync();
        await teacher.PostAsync($"/api/contexts/{contextId}/roster/sync", null);
        _app.Platform.Options.GeneratedStudents = 150;

        var result = await JsonAsync(await teacher.PostAsync($"/api/contexts/{contextId}/roster/sync", null));

        Assert.Equal(0, result.GetProperty("added").GetInt32());
        Assert.Equal(50, result.GetProperty("left").GetInt32());
        var members = await JsonAsync(await teacher.GetAsync($"/api/contexts/{contextId}/members"));
        Assert.Equal(204, members.GetArrayLength());
        Assert.Equal(50, members.EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Left"));
    }

    [Fact]
    public async Task Sync_PlatformDown_ReportsTheErrorAndMarksNobodyLeft()
    {
        var (teacher, contextId) = await TeacherAsync();
        await teacher.PostAsync($"/api/contexts/{contextId}/roster/sync", null);
        var syncedAt = await QueryAsync(db => db.Contexts.Select(c => c.RosterSyncedAt).SingleAsync());
        _app.Platform.NrpsAvailable = false;
        _app.Time.Advance(TimeSpan.FromMinutes(5));

        var response = await teacher.PostAsync($"/api/contexts/{contextId}/roster/sync", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("service_call_failed", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, await QueryAsync(db => db.Enrolments.CountAsync(e => e.Status == "Left")));
        Assert.Equal(syncedAt, await QueryAsync(db => db.Contexts.Select(c => c.RosterSyncedAt).SingleAsync()));
        Assert.StartsWith("service_call_failed", await QueryAsync(db => db.Contexts.Select(c => c.RosterSyncError).SingleAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_Student_Is403AndCallsNothing()
    {
        var (student, contextId) = await TeacherAsync(LaunchKind.StudentAssignment);
        var response = await student.PostAsync($"/api/contexts/{contextId}/roster/sync", null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _app.Services.GetRequiredService<DemoTokenEndpoint>().Issued);
    }

    [Fact]
    public async Task Sync_WithOnlyTheSessionCookie_Is401()
    {
        var driver = _app.Driver();
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: driver);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var contextId = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement.GetProperty("context").GetProperty("id").GetString();

        var response = await driver.Client.PostAsync($"/api/contexts/{contextId}/roster/sync", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ScheduledRefresh_SyncsCoursesWhoseRosterIsDue_AndStatusShowsWhen()
    {
        var (teacher, contextId) = await TeacherAsync();
        var refresh = _app.Services.GetRequiredService<LtiTool.Web.Features.Roster.RosterRefreshService>();

        Assert.Equal(1, await refresh.RunOnceAsync(default));   // never read: due
        Assert.Equal(0, await refresh.RunOnceAsync(default));   // fresh: not due
        // Older than the interval: due again. Moving the clock also fires the service's own timer, so either
        // that run or this one reads it; what counts is that it was read at the new time.
        _app.Time.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        await refresh.RunOnceAsync(default);

        (teacher, _) = await TeacherAsync();                     // the first session expired with the clock
        var status = await JsonAsync(await teacher.GetAsync($"/api/contexts/{contextId}/roster/status"));
        Assert.Equal(_app.Time.GetUtcNow().UtcDateTime, status.GetProperty("syncedAt").GetDateTime().ToUniversalTime());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);
        Assert.Equal(204, (await JsonAsync(await teacher.GetAsync($"/api/contexts/{contextId}/members"))).GetArrayLength());
    }
}
