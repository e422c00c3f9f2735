using System.Text.Json;
using LtiTool.Lti.Keys;
using LtiTool.Testing;

namespace LtiTool.Lti.Tests.Keys;

public sealed class ToolKeyRingTests
{
    private static readonly ToolKey Old = ToolKey.FromPem(TestKeys.ToolPem, default);
    private static readonly ToolKey New = ToolKey.FromPem(TestKeys.ToolNextPem, default);

    private static string[] JwksKids(ToolKeySet set) =>
        JsonDocument.Parse(set.JwksJson).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();

    [Fact]
    public void Set_SigningKeyNotListed_IsPublishedAnyway()
    {
        var set = new ToolKeySet(New, [Old]);

        Assert.Equal([Old.Kid, New.Kid], JwksKids(set));
        Assert.Same(New, set.SigningKey);
    }

    [Fact]
    public void Set_OlderKeyStillPublished_SignsWithTheGivenKey()
    {
        var set = new ToolKeySet(Old, [Old, New]);

        Assert.Equal(Old.Kid, set.SigningKey.Kid);
        Assert.Equal([Old.Kid, New.Kid], JwksKids(set));
    }

    [Fact]
    public void Ring_Replace_SwapsTheWholeSet()
    {
        var ring = new ToolKeyRing(new ToolKeySet(Old, [Old, New]));
        var before = ring.Keys;

        Assert.True(ring.Replace(new ToolKeySet(New, [Old, New])));

        Assert.Equal(New.Kid, ring.SigningKey.Kid);
        Assert.Equal(Old.Kid, before.SigningKey.Kid);
    }

    [Fact]
    public void Ring_ReplaceWithTheSameKeys_KeepsTheOldSet()
    {
        var ring = new ToolKeyRing(new ToolKeySet(Old, [Old, New]));
        var before = ring.Keys;

        Assert.False(ring.Replace(new ToolKeySet(Old, [Old, New])));

        Assert.Same(before, ring.Keys);
    }

    [Fact]
    public void Ring_NotLoaded_SaysSo()
    {
        var ring = new ToolKeyRing();

        Assert.False(ring.IsLoaded);
        Assert.Contains("not been loaded", Assert.Throws<InvalidOperationException>(() => ring.Keys).Message, StringComparison.Ordinal);
    }
}
