using Microsoft.Extensions.Logging;

namespace LtiTool.Lti.Keys;

/// <summary>
/// Loads file-managed keys (<c>Lti:Keys:Path</c>): one PEM file, or every <c>*.pem</c> of a folder taken in name
/// order, the last one signing. Name files so they sort by age, e.g. <c>2026-11-23.pem</c>.
/// </summary>
public static partial class ToolKeySetLoader
{
    /// <summary>Loads the key set from <paramref name="configuredPath"/>.</summary>
    /// <param name="configuredPath">Lti:Keys:Path.</param>
    /// <param name="logger">For a line saying where keys came from (never the keys).</param>
    public static ToolKeySet Load(string configuredPath, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuredPath);
        var files = File.Exists(configuredPath) ? [configuredPath] : PemFiles(configuredPath);
        if (files.Count == 0)
            throw new InvalidOperationException($"Lti:Keys:Path '{configuredPath}' is neither a PEM file nor a folder with *.pem files.");
        foreach (var file in files.Where(ReadableByOthers)) LogReadableByOthers(logger, file);
        LogLoaded(logger, files.Count, configuredPath);
        return new ToolKeySet(files.Select(Read));
    }

    /// <summary>The keys of a folder's <c>*.pem</c> files in name order (none when it does not exist).</summary>
    public static IReadOnlyList<ToolKey> ReadFolder(string folder) => PemFiles(folder).Select(Read).ToList();

    private static List<string> PemFiles(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "*.pem")
            .Where(f => !f.EndsWith(".retired.pem", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList()
        : [];

    private static ToolKey Read(string file) =>
        ToolKey.FromPem(File.ReadAllText(file), new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero));

    private static bool ReadableByOthers(string file) =>
        !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Loaded {Count} file-managed tool key(s) from {Path}")]
    private static partial void LogLoaded(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Tool key file {File} can be read or written by other users: make it 0600 (chmod 600)")]
    private static partial void LogReadableByOthers(ILogger logger, string file);
}
