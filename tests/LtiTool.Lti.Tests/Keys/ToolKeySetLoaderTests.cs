using LtiTool.Lti.Keys;
using LtiTool.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LtiTool.Lti.Tests.Keys;

public sealed class ToolKeySetLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ltitool-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_NothingConfigured_GeneratesAKeyOnceAndReusesIt()
    {
        var first = ToolKeySetLoader.Load(null, _folder, TestClock.Create(), NullLogger.Instance);
        var second = ToolKeySetLoader.Load(null, _folder, TestClock.Create(), NullLogger.Instance);

        Assert.Single(first.Published);
        Assert.Equal(first.SigningKey.Kid, second.SigningKey.Kid);
        var file = Assert.Single(Directory.GetFiles(_folder, "*.pem"));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void Load_FolderWithTwoKeys_PublishesBothAndTheLastSigns()
    {
        File.WriteAllText(Path.Combine(_folder, "2026-01-01.pem"), TestKeys.ToolPem);
        File.WriteAllText(Path.Combine(_folder, "2026-06-01.pem"), TestKeys.ToolNextPem);
        File.WriteAllText(Path.Combine(_folder, "2025-01-01.retired.pem"), TestKeys.PlatformPem);

        var set = ToolKeySetLoader.Load(_folder, "unused", TestClock.Create(), NullLogger.Instance);

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
    public void Load_PathWithoutKeys_FailsNamingTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ToolKeySetLoader.Load(_folder, "unused", TestClock.Create(), NullLogger.Instance));
        Assert.Contains("Lti:Keys:Path", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kid_IsTheRfc7638Thumbprint()
    {
        var key = ToolKey.FromPem(TestKeys.ToolPem, default);
        var jwk = Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromRSASecurityKey(
            new Microsoft.IdentityModel.Tokens.RsaSecurityKey(key.SecurityKey.Rsa.ExportParameters(false)));
        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), key.Kid);
    }
}
