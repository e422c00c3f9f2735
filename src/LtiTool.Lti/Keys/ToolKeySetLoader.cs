using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace LtiTool.Lti.Keys;

/// <summary>
/// Loads the tool's keys from PEM files, or generates one into the data folder when none is configured.
/// Files are taken in name order and the last one signs: name files so they sort by age, e.g. <c>2026-11-23.pem</c>.
/// </summary>
public static partial class ToolKeySetLoader
{
    /// <summary>Loads the key set.</summary>
    /// <param name="configuredPath">Lti:Keys:Path, or null.</param>
    /// <param name="generatedKeysFolder">Where to keep generated keys when no path is configured.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">For a line saying where keys came from (never the keys).</param>
    public static ToolKeySet Load(string? configuredPath, string generatedKeysFolder, TimeProvider time, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var files = File.Exists(configuredPath) ? [configuredPath] : PemFiles(configuredPath);
            if (files.Count == 0)
                throw new InvalidOperationException($"Lti:Keys:Path '{configuredPath}' is neither a PEM file nor a folder with *.pem files.");
            LogLoaded(logger, files.Count, configuredPath);
            return new ToolKeySet(files.Select(Read));
        }

        Directory.CreateDirectory(generatedKeysFolder);
        var existing = PemFiles(generatedKeysFolder);
        if (existing.Count > 0)
        {
            LogLoaded(logger, existing.Count, generatedKeysFolder);
            return new ToolKeySet(existing.Select(Read));
        }
        var now = time.GetUtcNow();
        using var rsa = RSA.Create(2048);
        var path = System.IO.Path.Combine(generatedKeysFolder, now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".pem");
        WritePrivate(path, rsa.ExportPkcs8PrivateKeyPem());
        LogGenerated(logger, generatedKeysFolder);
        return new ToolKeySet([Read(path)]);
    }

    private static List<string> PemFiles(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "*.pem")
            .Where(f => !f.EndsWith(".retired.pem", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList()
        : [];

    private static ToolKey Read(string file) =>
        ToolKey.FromPem(File.ReadAllText(file), new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero));

    private static void WritePrivate(string path, string pem)
    {
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = OperatingSystem.IsWindows()
            ? new FileStream(path, FileMode.CreateNew, FileAccess.Write)
            : new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode });
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Loaded {Count} tool key(s) from {Path}")]
    private static partial void LogLoaded(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "No Lti:Keys:Path configured: generated a development signing key in {Folder}. Configure real keys for production.")]
    private static partial void LogGenerated(ILogger logger, string folder);
}
