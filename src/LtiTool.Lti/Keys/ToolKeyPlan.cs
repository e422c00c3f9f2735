namespace LtiTool.Lti.Keys;

/// <summary>The steps due now.</summary>
/// <param name="PublishNext">Make a new key and publish it as Next.</param>
/// <param name="Promote">Let the Next key sign and retire the Current one.</param>
/// <param name="Retire">Current keys to retire because another Current key signs.</param>
/// <param name="Remove">Retired keys whose grace period is over.</param>
public sealed record ToolKeyPlan(bool PublishNext, ToolKeyPromotion? Promote, IReadOnlyList<string> Retire, IReadOnlyList<string> Remove)
{
    /// <summary>Nothing is due.</summary>
    public bool IsEmpty => !PublishNext && Promote is null && Retire.Count == 0 && Remove.Count == 0;
}
