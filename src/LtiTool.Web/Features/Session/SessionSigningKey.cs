using System.Security.Cryptography;
using LtiTool.Web.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Web.Features.Session;

/// <summary>
/// The HMAC key of session tokens. They are issued and checked only by this tool, so a symmetric key is
/// the right tool: it costs microseconds per launch where an RSA signature costs about a millisecond.
/// Instances share it through Lti:Session:SigningKey or the shared data folder.
/// </summary>
public sealed class SessionSigningKey
{
    public SessionSigningKey(IOptions<LtiToolOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        var bytes = options.Value.Session.SigningKey is { } configured
            ? Convert.FromBase64String(configured)
            : LoadOrCreate(Path.Combine(DataFolder.Resolve(configuration, environment), "keys", "session.key"));
        Key = new SymmetricSecurityKey(bytes) { KeyId = "session" };
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    public SymmetricSecurityKey Key { get; }
    public SigningCredentials Credentials { get; }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = OperatingSystem.IsWindows()
                ? new FileStream(path, FileMode.CreateNew, FileAccess.Write)
                : new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(bytes));
            return bytes;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance sharing the folder wrote it first.
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
