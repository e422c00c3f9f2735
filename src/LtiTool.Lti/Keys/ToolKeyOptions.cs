namespace LtiTool.Lti.Keys;

/// <summary>Where the tool's keys come from, bound from <c>Lti:Keys</c>.</summary>
public sealed class ToolKeyOptions
{
    /// <summary>
    /// A PEM file or a folder of <c>*.pem</c> files. Unset: keys are generated on first start into
    /// <c>{data folder}/keys</c>. Files named <c>*.retired.pem</c> are ignored.
    /// </summary>
    public string? Path { get; set; }
}
