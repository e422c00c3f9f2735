using System.Net.Http.Json;
using LtiTool.DemoPlatform;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Grades;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Grades;

/// <summary>
/// Grades queued while the platform is down survive a restart of the tool: the outbox rows are the queue, and
/// a new process delivers them — also rows a crashed process was in the middle of sending, once its lease ends.
/// </summary>
public sealed class GradeOutboxRestartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ltitool-restart-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private LtiToolApp App() => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:LtiTool"] = $"Data Source={Path.Combine(_folder, "shared.db")}",
        ["Lti:Services:RetryBaseDelay"] = "00:00:00.001",
        ["Lti:Services:MaxRetries"] = "1",
    });

    private static async Task<T> QueryAsync<T>(LtiToolApp app, Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    // The process's own delivery loop may take rows too; either way, wait until the expected count is delivered.
    private static async Task SettleAsync(LtiToolApp app, ScoreDeliveryService delivery, int delivered)
    {
        for (var i = 0; i < 200; i++)
        {
            await delivery.DeliverDueAsync(CancellationToken.None);
            if (await QueryAsync(app, db => db.ScoreOutbox.CountAsync(s => s.State == ScoreStates.Delivered)) >= delivered) return;
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Restart_PendingScoresAreDeliveredByTheNextProcess()
    {
        string essayUrl;
        using (var before = App())
        {
            var course = await GradebookFlowTests.TeacherWithRosterAsync(before);
            var students = await GradebookFlowTests.StudentsAsync(course);
            // The demo assignment's column exists in every demo LMS process, so the next one can receive it.
            await course.Teacher.PostAsync($"{course.Api}/line-items/sync", null);
            var essay = await QueryAsync(before, db => db.LineItems.SingleAsync(l => l.Label == DemoData.Course.AssignmentTitle));
            essayUrl = essay.Url;
            await course.Teacher.PutAsJsonAsync($"{course.Api}/line-items/{essay.Id}/grades",
                new { grades = students.Take(3).Select(s => new { userId = s.Id, value = "8" }) });
            before.Platform.AgsAvailable = false;
            await course.Teacher.PostAsync($"{course.Api}/line-items/{essay.Id}/push", null);
            for (var i = 0; i < 200 && await QueryAsync(before, db => db.ScoreOutbox.CountAsync(s => s.Attempts == 1 && s.LeaseUntil == null)) < 3; i++)
            {
                await before.Services.GetRequiredService<ScoreDeliveryService>().DeliverDueAsync(CancellationToken.None);
                await Task.Delay(10);
            }
            Assert.Equal(3, await QueryAsync(before, db => db.ScoreOutbox.CountAsync(s => s.State == ScoreStates.Pending && s.Attempts == 1)));
            // A crash in the middle of a send: one row stays leased by a process that is gone.
            var crashedUntil = before.Time.GetUtcNow().UtcDateTime.AddMinutes(2);
            await QueryAsync(before, db => db.ScoreOutbox.OrderBy(s => s.Id).Take(1)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, crashedUntil).SetProperty(x => x.LeaseOwner, Guid.NewGuid())));
        }

        using var after = App();
        var delivery = after.Services.GetRequiredService<ScoreDeliveryService>();
        after.Time.Advance(TimeSpan.FromMinutes(1));
        await SettleAsync(after, delivery, delivered: 2);
        Assert.Equal(2, after.Services.GetRequiredService<DemoGradebook>().Received.Count); // the leased row waits

        after.Time.Advance(TimeSpan.FromMinutes(2)); // the crashed lease ends
        await SettleAsync(after, delivery, delivered: 3);

        Assert.Equal(3, await QueryAsync(after, db => db.ScoreOutbox.CountAsync(s => s.State == ScoreStates.Delivered)));
        var received = after.Services.GetRequiredService<DemoGradebook>().Received;
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(r => r.Score["userId"]!.GetValue<string>()).Distinct().Count());
        // Every score reached the column the first process stored, in the second process's gradebook.
        Assert.All(received, r => Assert.EndsWith($"/{r.LineItem}", essayUrl, StringComparison.Ordinal));
    }
}
