using LtiTool.Lti.Keys;
using LtiTool.Testing;

namespace LtiTool.Lti.Tests.Keys;

/// <summary>Revoking a key: out of the JWKS at once, never signing again, and some key always signs.</summary>
public sealed class ToolKeyRevocationTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;

    private static ToolKeyStatus Key(string kid, ToolKeyState state, double ageDays) =>
        new(kid, state, Now - TimeSpan.FromDays(ageDays), state == ToolKeyState.Current ? Now - TimeSpan.FromDays(ageDays) : null);

    [Fact]
    public void Plan_CurrentKeyWithANextKey_TheNextKeySigns()
    {
        List<ToolKeyStatus> keys = [Key("current", ToolKeyState.Current, 30), Key("next", ToolKeyState.Next, 1)];

        var revocation = ToolKeyRevocation.Plan(keys, "current");

        Assert.Equal(new ToolKeyRevocation("current", ToolKeyState.Current, "next", false), revocation);
        Assert.True(revocation!.ChangesSigningKey);
    }

    [Fact]
    public void Plan_CurrentKeyWithTwoNextKeys_TheOldestNextKeySigns()
    {
        List<ToolKeyStatus> keys = [Key("current", ToolKeyState.Current, 30), Key("newer", ToolKeyState.Next, 1), Key("older", ToolKeyState.Next, 2)];

        Assert.Equal("older", ToolKeyRevocation.Plan(keys, "current")!.Promote);
    }

    [Fact]
    public void Plan_CurrentKeyWithoutANextKey_GeneratesOne()
    {
        // A retired key is still published but must not sign again: it stopped for a reason.
        List<ToolKeyStatus> keys = [Key("current", ToolKeyState.Current, 30), Key("retired", ToolKeyState.Retired, 100)];

        var revocation = ToolKeyRevocation.Plan(keys, "current");

        Assert.Equal(new ToolKeyRevocation("current", ToolKeyState.Current, null, true), revocation);
    }

    [Theory]
    [InlineData(ToolKeyState.Next)]
    [InlineData(ToolKeyState.Retired)]
    public void Plan_AKeyThatDoesNotSign_LeavesTheSigningKeyAlone(ToolKeyState state)
    {
        List<ToolKeyStatus> keys = [Key("current", ToolKeyState.Current, 30), Key("other", state, 1), Key("next", ToolKeyState.Next, 2)];

        var revocation = ToolKeyRevocation.Plan(keys, "other");

        Assert.Equal(new ToolKeyRevocation("other", state, null, false), revocation);
        Assert.False(revocation!.ChangesSigningKey);
    }

    [Fact]
    public void Plan_OneOfTwoCurrentKeys_TheOtherSignsOn()
    {
        List<ToolKeyStatus> keys = [Key("older", ToolKeyState.Current, 2), Key("newer", ToolKeyState.Current, 1), Key("next", ToolKeyState.Next, 1)];

        Assert.Equal(new ToolKeyRevocation("newer", ToolKeyState.Current, null, false), ToolKeyRevocation.Plan(keys, "newer"));
    }

    [Theory]
    [InlineData("removed")]
    [InlineData("revoked")]
    [InlineData("unknown")]
    [InlineData("CURRENT")]
    public void Plan_KeyNotPublished_IsNull(string kid)
    {
        List<ToolKeyStatus> keys = [Key("current", ToolKeyState.Current, 1), Key("removed", ToolKeyState.Removed, 100), Key("revoked", ToolKeyState.Revoked, 50)];

        Assert.Null(ToolKeyRevocation.Plan(keys, kid));
    }

    [Fact]
    public void RevokedKey_IsNotPublished_NeverSigns_AndTheScheduleLeavesItAlone()
    {
        var revoked = new ToolKeyStatus("revoked", ToolKeyState.Revoked, Now - TimeSpan.FromDays(200), Now - TimeSpan.FromDays(200),
            Now - TimeSpan.FromDays(1), RemoveAfter: Now - TimeSpan.FromDays(1));
        List<ToolKeyStatus> keys = [revoked, Key("current", ToolKeyState.Current, 200)];

        var plan = ToolKeySchedule.Plan(keys, Now, new ToolKeyRotationOptions());

        Assert.False(revoked.IsPublished);
        Assert.Equal("current", ToolKeySchedule.Signing(keys)!.Kid);
        Assert.Null(ToolKeySchedule.Signing([revoked]));
        Assert.Empty(plan.Remove);
        Assert.Empty(plan.Retire);
        Assert.True(plan.PublishNext); // the current key is overdue; the revoked one is not a candidate
    }
}
