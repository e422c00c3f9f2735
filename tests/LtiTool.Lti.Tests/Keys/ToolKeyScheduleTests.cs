using LtiTool.Lti.Keys;
using LtiTool.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LtiTool.Lti.Tests.Keys;

/// <summary>The rotation state machine, driven by a fake clock and applied to keys held in a list.</summary>
public sealed class ToolKeyScheduleTests
{
    private static readonly ToolKeyRotationOptions Defaults = new();
    private readonly FakeTimeProvider _time = TestClock.Create();
    private readonly List<ToolKeyStatus> _keys = [];
    private int _made;

    private DateTimeOffset Now => _time.GetUtcNow();

    private ToolKeyStatus Add(ToolKeyState state, TimeSpan age, DateTimeOffset? removeAfter = null)
    {
        var at = Now - age;
        var key = new ToolKeyStatus($"k{++_made}", state, at, state == ToolKeyState.Current ? at : null,
            state == ToolKeyState.Retired ? at : null, removeAfter);
        _keys.Add(key);
        return key;
    }

    private ToolKeyPlan Plan(ToolKeyRotationOptions? options = null) => ToolKeySchedule.Plan(_keys, Now, options ?? Defaults);

    /// <summary>Applies a plan the way the store does: every step guarded by the state it expects.</summary>
    private void Apply(ToolKeyPlan plan, ToolKeyRotationOptions options)
    {
        var now = Now;
        void Set(string kid, ToolKeyState expected, Func<ToolKeyStatus, ToolKeyStatus> change)
        {
            var i = _keys.FindIndex(k => k.Kid == kid && k.State == expected);
            if (i >= 0) _keys[i] = change(_keys[i]);
        }
        foreach (var kid in plan.Remove) Set(kid, ToolKeyState.Retired, k => k with { State = ToolKeyState.Removed });
        foreach (var kid in plan.Retire)
            Set(kid, ToolKeyState.Current, k => k with { State = ToolKeyState.Retired, RetiredAt = now, RemoveAfter = now + options.RetireGrace });
        if (plan.PublishNext) _keys.Add(new ToolKeyStatus($"k{++_made}", ToolKeyState.Next, now));
        if (plan.Promote is { } p)
        {
            Set(p.CurrentKid, ToolKeyState.Current, k => k with { State = ToolKeyState.Retired, RetiredAt = now, RemoveAfter = now + options.RetireGrace });
            Set(p.NextKid, ToolKeyState.Next, k => k with { State = ToolKeyState.Current, ActivatedAt = now });
        }
    }

    [Fact]
    public void Plan_FreshCurrentKey_NothingIsDue()
    {
        Add(ToolKeyState.Current, TimeSpan.FromDays(10));

        Assert.True(Plan().IsEmpty);
    }

    [Fact]
    public void Plan_CurrentKeyReachesPeriodMinusPublishAhead_PublishesNext()
    {
        Add(ToolKeyState.Current, TimeSpan.FromDays(88) - TimeSpan.FromSeconds(1));
        Assert.False(Plan().PublishNext);

        _time.Advance(TimeSpan.FromSeconds(1));

        var plan = Plan();
        Assert.True(plan.PublishNext);
        Assert.Null(plan.Promote);
    }

    [Fact]
    public void Plan_NextAlreadyPublished_DoesNotPublishAnother()
    {
        Add(ToolKeyState.Current, TimeSpan.FromDays(89));
        Add(ToolKeyState.Next, TimeSpan.FromDays(1));

        Assert.True(Plan().IsEmpty);
    }

    [Fact]
    public void Plan_PeriodOverAndNextPublishedLongEnough_PromotesNext()
    {
        var current = Add(ToolKeyState.Current, TimeSpan.FromDays(90));
        var next = Add(ToolKeyState.Next, TimeSpan.FromDays(2));

        Assert.Equal(new ToolKeyPromotion(current.Kid, next.Kid), Plan().Promote);
    }

    [Fact]
    public void Plan_PeriodOverButNextPublishedOnlyJustNow_WaitsUntilItHasBeenPublishedAhead()
    {
        // The scheduler was down for a while: the current key is overdue, but the new one must still be published first.
        Add(ToolKeyState.Current, TimeSpan.FromDays(120));
        var plan = Plan();
        Assert.True(plan.PublishNext);
        Apply(plan, Defaults);

        _time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        Assert.True(Plan().IsEmpty);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(Plan().Promote);
    }

    [Fact]
    public void Plan_RetiredKey_IsRemovedWhenItsGraceEnds()
    {
        Add(ToolKeyState.Current, TimeSpan.FromDays(1));
        var retired = Add(ToolKeyState.Retired, TimeSpan.FromDays(1), removeAfter: Now + TimeSpan.FromDays(6));

        _time.Advance(TimeSpan.FromDays(6) - TimeSpan.FromSeconds(1));
        Assert.Empty(Plan().Remove);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([retired.Kid], Plan().Remove);
    }

    [Fact]
    public void Plan_PeriodZero_NeverRotatesButStillRemovesRetiredKeys()
    {
        var off = new ToolKeyRotationOptions { Period = TimeSpan.Zero };
        Add(ToolKeyState.Current, TimeSpan.FromDays(400));
        var retired = Add(ToolKeyState.Retired, TimeSpan.FromDays(30), removeAfter: Now - TimeSpan.FromDays(1));
        Add(ToolKeyState.Next, TimeSpan.FromDays(30));

        var plan = Plan(off);

        Assert.False(plan.PublishNext);
        Assert.Null(plan.Promote);
        Assert.Equal([retired.Kid], plan.Remove);
    }

    [Fact]
    public void Plan_TwoCurrentKeys_TheNewestSignsAndTheOtherIsRetired()
    {
        var older = Add(ToolKeyState.Current, TimeSpan.FromSeconds(2));
        var newer = Add(ToolKeyState.Current, TimeSpan.FromSeconds(1));

        Assert.Equal(newer.Kid, ToolKeySchedule.Signing(_keys)!.Kid);
        Assert.Equal([older.Kid], Plan().Retire);
    }

    [Fact]
    public void Plan_AppliedAndPlannedAgainAtTheSameInstant_IsEmpty()
    {
        Add(ToolKeyState.Current, TimeSpan.FromDays(95));
        Add(ToolKeyState.Next, TimeSpan.FromDays(3));
        Add(ToolKeyState.Retired, TimeSpan.FromDays(100), removeAfter: Now);

        Apply(Plan(), Defaults);

        Assert.True(Plan().IsEmpty);
    }

    [Fact]
    public void Schedule_OverAYear_EachKeyIsPublishedAheadSignsForAPeriodAndStaysPublishedThroughItsGrace()
    {
        Add(ToolKeyState.Current, TimeSpan.Zero);
        var published = new Dictionary<string, DateTimeOffset>();
        var signedUntil = new Dictionary<string, DateTimeOffset>();
        var promotions = 0;
        for (var hour = 0; hour < 365 * 24; hour++)
        {
            var plan = Plan();
            if (plan.Promote is not null) promotions++;
            Apply(plan, Defaults);
            var signing = ToolKeySchedule.Signing(_keys)!;
            Assert.Single(_keys, k => k.State == ToolKeyState.Current);
            foreach (var key in _keys.Where(k => k.IsPublished)) published.TryAdd(key.Kid, Now);
            // Signing only after having been published ahead (the first key excepted: nothing was cached before it).
            if (signing.Kid != "k1") Assert.True(Now - published[signing.Kid] >= Defaults.PublishAhead);
            signedUntil[signing.Kid] = Now;
            // A key that signed within the grace period is still published.
            Assert.All(signedUntil.Where(s => Now - s.Value < Defaults.RetireGrace), s => Assert.Contains(_keys, k => k.Kid == s.Key && k.IsPublished));
            _time.Advance(TimeSpan.FromHours(1));
        }
        Assert.Equal(4, promotions);
        Assert.True(_keys.Count(k => k.IsPublished) <= 2);
    }

    [Fact]
    public void Options_Defaults_AreValid() => Assert.Empty(new ToolKeyRotationOptions().Validate());

    [Theory]
    [InlineData("90.00:00:00", "00:05:00", "7.00:00:00", "PublishAhead")]
    [InlineData("2.00:00:00", "2.00:00:00", "7.00:00:00", "Period")]
    [InlineData("-1.00:00:00", "2.00:00:00", "7.00:00:00", "Period")]
    [InlineData("90.00:00:00", "2.00:00:00", "00:30:00", "RetireGrace")]
    public void Options_Invalid_NameTheSetting(string period, string publishAhead, string retireGrace, string setting)
    {
        var options = new ToolKeyRotationOptions
        {
            Period = TimeSpan.Parse(period, System.Globalization.CultureInfo.InvariantCulture),
            PublishAhead = TimeSpan.Parse(publishAhead, System.Globalization.CultureInfo.InvariantCulture),
            RetireGrace = TimeSpan.Parse(retireGrace, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Contains(options.Validate(), e => e.StartsWith("Lti:Keys:Rotation:" + setting, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_PeriodZero_IgnoresPublishAhead() =>
        Assert.Empty(new ToolKeyRotationOptions { Period = TimeSpan.Zero, PublishAhead = TimeSpan.Zero }.Validate());
}
