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
}
