namespace LtiTool.Web.Infrastructure;

/// <summary>The folder for the embedded database and generated keys (Lti:DataPath, relative to the content root).</summary>
public static class DataFolder
{
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{LtiToolOptions.Section}:{nameof(LtiToolOptions.DataPath)}"] ?? "data";
        var path = Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured);
        Directory.CreateDirectory(path);
        return path;
    }
}
