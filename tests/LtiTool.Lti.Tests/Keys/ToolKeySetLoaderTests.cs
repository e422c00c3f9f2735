using LtiTool.Lti.Keys;
using LtiTool.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LtiTool.Lti.Tests.Keys;

public sealed class ToolKeySetLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ltitool-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_OneFile_PublishesItAndItSigns()
    {
        var file = Path.Combine(_folder, "tool.pem");
        File.WriteAllText(file, TestKeys.ToolPem);

        var set = ToolKeySetLoader.Load(file, NullLogger.Instance);

        Assert.Equal(ToolKey.FromPem(TestKeys.ToolPem, default).Kid, Assert.Single(set.Published).Kid);
        Assert.Same(set.Published[0], set.SigningKey);
    }

    [Fact]
    public void Load_FolderWithTwoKeys_PublishesBothAndTheLastSigns()
    {
        File.WriteAllText(Path.Combine(_folder, "2026-01-01.pem"), TestKeys.ToolPem);
        File.WriteAllText(Path.Combine(_folder, "2026-06-01.pem"), TestKeys.ToolNextPem);
        File.WriteAllText(Path.Combine(_folder, "2025-01-01.retired.pem"), TestKeys.PlatformPem);

        var set = ToolKeySetLoader.Load(_folder, NullLogger.Instance);

        Assert.Equal(2, set.Published.Count);
        Assert.Equal(ToolKey.FromPem(TestKeys.ToolNextPem, default).Kid, set.SigningKey.Kid);
        var jwks = System.Text.Json.JsonDocument.Parse(set.JwksJson).RootElement.GetProperty("keys");
        Assert.Equal(2, jwks.GetArrayLength());
        foreach (var jwk in jwks.EnumerateArray())
        {
            Assert.Equal("RSA", jwk.GetProperty("kty").GetString());
            Assert.Equal("sig", jwk.GetProperty("use").GetString());
            Assert.Equal("RS256", jwk.GetProperty("alg").GetString());
            Assert.False(jwk.TryGetProperty("d", out _), "a private parameter leaked into the JWKS");
        }
    }

    [Fact]
    public void Load_KeyFileOthersCanRead_WarnsNamingTheFile()
    {
        if (OperatingSystem.IsWindows()) return;
        var open = Path.Combine(_folder, "open.pem");
        var closed = Path.Combine(_folder, "closed.pem");
        File.WriteAllText(open, TestKeys.ToolPem);
        File.WriteAllText(closed, TestKeys.ToolNextPem);
        File.SetUnixFileMode(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var logger = new RecordingLogger();

        ToolKeySetLoader.Load(_folder, logger);

        var warning = Assert.Single(logger.Warnings);
        Assert.Contains(open, warning, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", warning, StringComparison.Ordinal);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings.Add(formatter(state, exception));
        }
    }

    [Fact]
    public void Load_PathWithoutKeys_FailsNamingTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ToolKeySetLoader.Load(_folder, NullLogger.Instance));
        Assert.Contains("Lti:Keys:Path", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFolder_MissingFolder_IsEmpty() =>
        Assert.Empty(ToolKeySetLoader.ReadFolder(Path.Combine(_folder, "absent")));

    [Fact]
    public void Kid_IsTheRfc7638Thumbprint()
    {
        var key = ToolKey.FromPem(TestKeys.ToolPem, default);
        var jwk = Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromRSASecurityKey(
            new Microsoft.IdentityModel.Tokens.RsaSecurityKey(key.SecurityKey.Rsa.ExportParameters(false)));
        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), key.Kid);
    }

    [Fact]
    public void Generate_MakesA2048BitKeyWithItsThumbprintAsKid()
    {
        var key = ToolKey.Generate(TestClock.Start);

        Assert.Equal(2048, key.SecurityKey.Rsa.KeySize);
        Assert.Equal(TestClock.Start, key.CreatedAt);
        // The kid is the RFC 7638 thumbprint of the public key, computed here independently of ToolKey.
        var jwk = Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromRSASecurityKey(
            new Microsoft.IdentityModel.Tokens.RsaSecurityKey(key.SecurityKey.Rsa.ExportParameters(false)));
        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), key.Kid);
    }
}
