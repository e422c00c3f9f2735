namespace LtiTool.Lti.Keys;

/// <summary>Where the tool's keys come from, bound from <c>Lti:Keys</c>.</summary>
public sealed class ToolKeyOptions
{
    /// <summary>
    /// A PEM file or a folder of <c>*.pem</c> files: the keys are file-managed, read as they are, and never
    /// rotated by the tool. Files named <c>*.retired.pem</c> are ignored. Unset or empty: the tool manages its
    /// keys itself (generates, stores and rotates them).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// Where the app keeps the key ring that protects managed private keys at rest (unset: a folder in the data
    /// folder). Every instance must use the same one.
    /// </summary>
    public string? ProtectionKeysPath { get; set; }

    /// <summary>The schedule of managed keys.</summary>
    public ToolKeyRotationOptions Rotation { get; set; } = new();

    /// <summary>Whether keys come from <see cref="Path"/> rather than being managed by the tool.</summary>
    public bool FileManaged => !string.IsNullOrWhiteSpace(Path);
}
