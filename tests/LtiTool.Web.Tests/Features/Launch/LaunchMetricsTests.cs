using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using LtiTool.DemoPlatform;
using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Claims;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Launch;

/// <summary>The launch counters (meter LtiTool.Lti): outcome, transport, error code.</summary>
public sealed class LaunchMetricsTests : IDisposable
{
    private readonly LtiToolApp _app = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, Dictionary<string, string?> Tags)> _measured = new();

    public LaunchMetricsTests()
    {
        var factory = _app.Services.GetRequiredService<IMeterFactory>();
        // Only this app's meter: other tests run their own apps in parallel.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LtiLaunchMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            var values = new Dictionary<string, string?>();
            foreach (var tag in tags) values[tag.Key] = tag.Value?.ToString();
            _measured.Enqueue((instrument.Name, values));
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task ValidatedLaunch_IsCountedWithItsTransport_AndARefusedOneWithItsCode()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.LaunchAsync(LaunchKind.StudentAssignment)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.LaunchAsync(LaunchKind.StudentAssignment, b => b.Set(LtiClaimTypes.Version, "1.1"))).Status);

        var launches = _measured.Where(m => m.Instrument == "ltitool.launches").Select(m => m.Tags).ToList();
        Assert.Equal(2, launches.Count);
        Assert.Equal("validated", launches[0]["outcome"]);
        Assert.Equal("cookie", launches[0]["transport"]);
        Assert.Equal("refused", launches[1]["outcome"]);
        Assert.Equal("version_unsupported", launches[1]["error"]);
    }

    [Fact]
    public async Task PlatformStorageStep_IsCounted()
    {
        var client = _app.CreateClient();
        var login = _app.Platform.PrepareLaunch(new LaunchScenario(LaunchKind.StudentAssignment), LtiToolApp.BaseUrl);
        var response = await client.PostAsync(login.LoginUrl, new FormUrlEncodedContent(login.Fields));
        var (action, fields) = await LtiTool.Testing.LaunchDriver.ReadAutoPostFormAsync(await client.GetAsync(response.Headers.Location));

        await _app.CreateClient().PostAsync(action, new FormUrlEncodedContent(fields)); // the cookie did not come back

        Assert.Single(_measured, m => m.Instrument == "ltitool.launch.storage_steps");
        Assert.DoesNotContain(_measured, m => m.Instrument == "ltitool.launches");
    }
}
