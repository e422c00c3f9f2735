using System.Net;
using LtiTool.DemoPlatform;
using LtiTool.Testing;

namespace LtiTool.Web.Tests.Features.Launch;

public sealed class PlatformKeysTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Launch_AfterThePlatformRotatesItsKey_FetchesTheNewKeyAndSucceeds()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.LaunchAsync(LaunchKind.StudentAssignment)).Status);
        _app.Platform.RotateKey(PlatformSigningKey.FromPem(TestKeys.PlatformNextPem, "2026-11-23T00:00:00Z"));
        _app.Time.Advance(TimeSpan.FromSeconds(11));

        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal(2, _app.Platform.JwksRequests);
    }

    [Fact]
    public async Task Launch_WarmCache_DoesNotFetchTheJwksAgain()
    {
        await _app.LaunchAsync(LaunchKind.StudentAssignment);
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        await _app.LaunchAsync(LaunchKind.ObserverCourseNavigation);
        Assert.Equal(1, _app.Platform.JwksRequests);
    }

    [Fact]
    public async Task Launch_PlatformJwksDownAfterAFirstLaunch_StillSucceedsWithTheLastGoodKeys()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.LaunchAsync(LaunchKind.StudentAssignment)).Status);
        _app.Platform.JwksAvailable = false;
        _app.Time.Advance(TimeSpan.FromHours(2)); // past the platform's max-age: the cache tries to refresh

        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
    }

    [Fact]
    public async Task Launch_PlatformJwksDownFromTheStart_FailsWithJwksUnavailable()
    {
        _app.Platform.JwksAvailable = false;
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment);
        Assert.Equal(HttpStatusCode.BadGateway, outcome.Status);
        Assert.Equal("jwks_unavailable", outcome.ErrorCode);
    }
}
