using System.Net.Http.Json;
using System.Net;
using LtiTool.DemoPlatform;
using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Data;

/// <summary>The same launch on PostgreSQL: migrations, state, registry and records are provider-neutral.</summary>
public sealed class PostgresLaunchTests
{
    [PostgresFact]
    public async Task Launch_OnPostgres_RoundTripsAndRefusesReplay()
    {
        using var database = new PostgresDatabase();
        using var app = new LtiToolApp(database.Settings);
        var driver = app.Driver();

        var first = await app.LaunchAsync(LaunchKind.StudentAssignment, driver: driver);
        var replay = await driver.PostLaunchAsync(first.LaunchAction, first.LaunchForm);
        await app.LaunchAsync(LaunchKind.InstructorCourseNavigation);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("Sam Student", first.UserName);
        Assert.Equal("state_already_used", replay.ErrorCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        Assert.True(db.Database.IsNpgsql());
        Assert.Equal(2, await db.LaunchRecords.CountAsync());
        Assert.Equal(2, await db.Enrolments.CountAsync());
    }

    [PostgresFact]
    public async Task RosterSync_OnPostgres_MarksLeaversWithTheSameSql()
    {
        using var database = new PostgresDatabase();
        var settings = database.Settings;
        settings["Lti:Services:RetryBaseDelay"] = "00:00:00.010";
        using var app = new LtiToolApp(settings);
        var outcome = await app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var contextId = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement.GetProperty("context").GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/contexts/{contextId}/roster/sync", null)).StatusCode);
        app.Platform.Options.GeneratedStudents = 190;
        var second = System.Text.Json.JsonDocument.Parse(await (await client.PostAsync($"/api/contexts/{contextId}/roster/sync", null)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(10, second.GetProperty("left").GetInt32());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(204, await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().Enrolments.CountAsync());
    }
}

/// <summary>The gradebook and its outbox on PostgreSQL: leases, idempotency and supersession use the same SQL.</summary>
public sealed class PostgresGradebookTests
{
    [PostgresFact]
    public async Task GradesPushedDuringAnOutage_AreDeliveredOnceOnPostgres()
    {
        using var database = new PostgresDatabase();
        var settings = database.Settings;
        settings["Lti:Services:RetryBaseDelay"] = "00:00:00.001";
        settings["Lti:Services:MaxRetries"] = "1";
        settings["GradeDelivery:RetryBaseDelay"] = "00:00:10";
        using var app = new LtiToolApp(settings);
        var course = await Features.Grades.GradebookFlowTests.TeacherWithRosterAsync(app);
        var students = await Features.Grades.GradebookFlowTests.StudentsAsync(course);
        var column = await Features.Grades.GradebookFlowTests.AddColumnAsync(course, "Final", 50, "letter");

        await course.Teacher.PutAsJsonAsync($"{course.Api}/line-items/{column}/grades",
            new { grades = students.Take(4).Select(s => new { userId = s.Id, value = "B", comment = "Good" }) });
        app.Platform.AgsAvailable = false;
        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        await app.DeliverScoresAsync();
        await course.Teacher.PutAsJsonAsync($"{course.Api}/line-items/{column}/grades", new { grades = new[] { new { userId = students[0].Id, value = "A", comment = "Better" } } });
        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        app.Platform.AgsAvailable = true;
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.DeliverScoresAsync();

        await using var check = app.Services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<LtiToolDbContext>().ScoreOutbox.ToListAsync();
        Assert.Equal(4, rows.Count(r => r.State == LtiTool.Web.Data.Entities.ScoreStates.Delivered));
        Assert.Equal(1, rows.Count(r => r.State == LtiTool.Web.Data.Entities.ScoreStates.Superseded));
        var received = app.Services.GetRequiredService<DemoGradebook>().Received;
        Assert.Equal(4, received.Count);
        Assert.Contains(received, r => r.Score["scoreGiven"]!.GetValue<decimal>() == 45m); // A = 90 % of 50
        var comparison = System.Text.Json.JsonDocument.Parse(await course.Teacher.GetStringAsync($"{course.Api}/line-items/{column}/results")).RootElement;
        Assert.Equal(0, comparison.GetProperty("differences").GetInt32());
    }
}
