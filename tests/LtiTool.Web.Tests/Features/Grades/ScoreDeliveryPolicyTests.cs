using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Grades;

namespace LtiTool.Web.Tests.Features.Grades;

public sealed class ScoreDeliveryPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly GradeDeliveryOptions Options = new() { MaxAttempts = 5, RetryBaseDelay = TimeSpan.FromSeconds(30), RetryMaxDelay = TimeSpan.FromMinutes(10) };

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(413)]
    [InlineData(415)]
    [InlineData(422)]
    public void AfterFailure_RefusalRetryingCannotFix_IsFailedAtOnce(int status)
    {
        var outcome = ScoreDeliveryPolicy.AfterFailure(0, status, Now, Options, 0.5);

        Assert.Equal(ScoreStates.Failed, outcome.State);
        Assert.Equal(1, outcome.Attempts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void AfterFailure_TransientFailure_StaysPendingForALaterAttempt(int? status)
    {
        var outcome = ScoreDeliveryPolicy.AfterFailure(0, status, Now, Options, 0.5);

        Assert.Equal(ScoreStates.Pending, outcome.State);
        Assert.Equal(1, outcome.Attempts);
        Assert.Equal(Now + TimeSpan.FromSeconds(30), outcome.NextAttemptAt);
    }

    [Fact]
    public void AfterFailure_TransientAtTheAttemptLimit_IsDead()
    {
        Assert.Equal(ScoreStates.Pending, ScoreDeliveryPolicy.AfterFailure(3, 503, Now, Options, 0.5).State);

        var last = ScoreDeliveryPolicy.AfterFailure(4, 503, Now, Options, 0.5);

        Assert.Equal(ScoreStates.Dead, last.State);
        Assert.Equal(5, last.Attempts);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 480)]
    [InlineData(6, 600)]
    [InlineData(40, 600)]
    public void Backoff_DoublesPerAttemptUpToTheCap(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), ScoreDeliveryPolicy.Backoff(attempts, Options, 0.5));
    }

    [Fact]
    public void Backoff_JitterSpreadsByTwentyPercent()
    {
        Assert.Equal(TimeSpan.FromSeconds(24), ScoreDeliveryPolicy.Backoff(1, Options, 0));
        Assert.True(ScoreDeliveryPolicy.Backoff(1, Options, 0.999) < TimeSpan.FromSeconds(36));
    }

    [Theory]
    [InlineData(ScoreStates.Failed, true)]
    [InlineData(ScoreStates.Dead, true)]
    [InlineData(ScoreStates.Pending, false)]
    [InlineData(ScoreStates.Delivered, false)]
    [InlineData(ScoreStates.Superseded, false)]
    public void CanRetry_OnlyGivenUpScores(string state, bool expected) => Assert.Equal(expected, ScoreDeliveryPolicy.CanRetry(state));

    [Fact]
    public void Options_Invalid_NameTheKey()
    {
        var invalid = new GradeDeliveryOptions { MaxAttempts = 0, MaxConcurrency = 0, RetryMaxDelay = TimeSpan.FromSeconds(1) };

        var failures = invalid.Validate().ToList();

        Assert.Contains(failures, f => f.StartsWith("GradeDelivery:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GradeDelivery:MaxConcurrency", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GradeDelivery:RetryMaxDelay", StringComparison.Ordinal));
    }
}
