using Microsoft.Extensions.Time.Testing;

namespace LtiTool.Testing;

/// <summary>A clock pinned to one instant; tests move it explicitly, never by sleeping.</summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start) { AutoAdvanceAmount = TimeSpan.Zero };
}
