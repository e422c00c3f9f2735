namespace LtiTool.Lti.Keys;

/// <summary>A promotion, valid only while <paramref name="CurrentKid"/> is still Current and <paramref name="NextKid"/> still Next.</summary>
public sealed record ToolKeyPromotion(string CurrentKid, string NextKid);
