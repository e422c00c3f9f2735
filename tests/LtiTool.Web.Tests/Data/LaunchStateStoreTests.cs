using LtiTool.Lti.Login;
using LtiTool.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Data;

public sealed class LaunchStateStoreTests
{
    private static LaunchState NewState(string id) => new(id, "nonce-" + id, "plt_x", null, "https://localhost/lti/launch", "hash", null, null, null,
        TestClock.Start, TestClock.Start + TimeSpan.FromMinutes(10));

    private static async Task<StateConsumeStatus[]> ConsumeConcurrentlyAsync(LtiToolApp app, int callers)
    {
        _ = app.Server;
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ILaunchStateStore>().SaveAsync(NewState("race"), default);
        using var start = new Barrier(callers);
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ILaunchStateStore>();
            start.SignalAndWait();
            return (await store.ConsumeAsync("race", TestClock.Start, default)).Status;
        }));
        return await Task.WhenAll(tasks);
    }

    private static LtiToolApp App(string kind) => new(new Dictionary<string, string?> { ["Lti:StateStore:Kind"] = kind });

    [Theory]
    [InlineData("Memory")]
    [InlineData("Database")]
    public async Task Consume_ConcurrentCallers_ExactlyOneWins(string kind)
    {
        using var app = App(kind);
        var results = await ConsumeConcurrentlyAsync(app, 8);
        Assert.Single(results, r => r == StateConsumeStatus.Consumed);
        Assert.All(results.Where(r => r != StateConsumeStatus.Consumed), r => Assert.Equal(StateConsumeStatus.AlreadyUsed, r));
    }

    [PostgresFact]
    public async Task Consume_ConcurrentCallersOnPostgres_ExactlyOneWins()
    {
        using var database = new PostgresDatabase();
        using var app = new LtiToolApp(database.Settings);
        var results = await ConsumeConcurrentlyAsync(app, 8);
        Assert.Single(results, r => r == StateConsumeStatus.Consumed);
    }

    [Theory]
    [InlineData("Memory")]
    [InlineData("Database")]
    public async Task Consume_ExpiredUnknownAndUsed_AreToldApart(string kind)
    {
        using var app = App(kind);
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ILaunchStateStore>();
        await store.SaveAsync(NewState("a"), default);
        await store.SaveAsync(NewState("b"), default);

        Assert.Equal(StateConsumeStatus.Expired, (await store.ConsumeAsync("a", TestClock.Start + TimeSpan.FromMinutes(11), default)).Status);
        Assert.Equal(StateConsumeStatus.Unknown, (await store.ConsumeAsync("nope", TestClock.Start, default)).Status);
        var consumed = await store.ConsumeAsync("b", TestClock.Start, default);
        Assert.Equal(StateConsumeStatus.Consumed, consumed.Status);
        Assert.Equal("nonce-b", consumed.State!.Nonce);
        Assert.Equal(StateConsumeStatus.AlreadyUsed, (await store.ConsumeAsync("b", TestClock.Start, default)).Status);
    }

    [Theory]
    [InlineData("Memory")]
    [InlineData("Database")]
    public async Task Sweep_RemovesStatesAnHourPastExpiry(string kind)
    {
        using var app = App(kind);
        _ = app.Server;
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ILaunchStateStore>().SaveAsync(NewState("old"), default);
        var sweeper = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LtiTool.Web.Data.LaunchStateSweeper>().Single();

        Assert.Equal(0, await sweeper.SweepAsync(default));
        // Moving the clock also fires the sweeper's own timer; either run may be the one that deletes.
        app.Time.Advance(TimeSpan.FromMinutes(71));
        await sweeper.SweepAsync(default);
        await using var check = app.Services.CreateAsyncScope();
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<LtiTool.Web.Data.LtiToolDbContext>().LaunchStates.CountAsync());
        Assert.Equal(0, app.Services.GetRequiredService<LtiTool.Web.Data.MemoryLaunchStateStore>().Count);
    }

    [Fact]
    public async Task StateStore_FollowsTheDatabaseProviderByDefault()
    {
        using var app = new LtiToolApp();
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        Assert.IsType<LtiTool.Web.Data.MemoryLaunchStateStore>(scope.ServiceProvider.GetRequiredService<ILaunchStateStore>());
    }

    [Fact]
    public async Task Login_MemoryStoreFull_Answers503WithItsCode()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Lti:StateStore:MaxInMemory"] = "100" });
        var client = app.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 101; i++)
        {
            last = await client.PostAsync("/lti/login", new FormUrlEncodedContent(
                app.Platform.PrepareLaunch(new LtiTool.DemoPlatform.LaunchScenario(LtiTool.DemoPlatform.LaunchKind.StudentAssignment), LtiToolApp.BaseUrl).Fields));
        }
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, last!.StatusCode);
        Assert.Contains("launch_capacity_exceeded", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemoryStore_CompletedLaunchesDoNotCountAgainstTheCap()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Lti:StateStore:MaxInMemory"] = "100" });
        var driver = app.Driver();
        for (var i = 0; i < 120; i++)
        {
            var outcome = await app.LaunchAsync(LtiTool.DemoPlatform.LaunchKind.StudentAssignment, driver: driver);
            Assert.Equal(System.Net.HttpStatusCode.OK, outcome.Status);
        }
        Assert.Equal(0, app.Services.GetRequiredService<LtiTool.Web.Data.MemoryLaunchStateStore>().Count);
    }
}
