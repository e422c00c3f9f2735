using System.Security.Cryptography;
using System.Text;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Access;

/// <summary>The first-setup admin sign-in, bound from <c>Admin:Bootstrap</c>.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Admin:Bootstrap";

    /// <summary>Whether the bootstrap sign-in works at all (default true). Set false once admins launch from the LMS.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A credential chosen by configuration (at least 20 characters); otherwise one is generated and printed once.</summary>
    public string? Credential { get; set; }

    /// <summary>How long a bootstrap admin session lasts (default 1 hour).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    internal IEnumerable<string> Validate()
    {
        if (!string.IsNullOrWhiteSpace(Credential) && Credential.Trim().Length < 20) yield return $"{Section}:Credential must be at least 20 characters.";
        if (SessionLifetime < TimeSpan.FromMinutes(1) || SessionLifetime > TimeSpan.FromHours(12)) yield return $"{Section}:SessionLifetime must be between 1 minute and 12 hours.";
    }
}

/// <summary>
/// The bootstrap credential: for the very first setup, before any platform exists, an admin signs in with it
/// to register the first platform. Configured (<c>Admin:Bootstrap:Credential</c>) or generated at the first
/// start that finds no platform, and then printed once on the console — only its SHA-256 hash is kept, in the
/// data folder (0600). It stops working when <c>Admin:Bootstrap:Enabled</c> is false.
/// </summary>
public sealed class BootstrapCredential(IOptions<BootstrapOptions> options, IConfiguration configuration, IHostEnvironment environment,
    IServiceScopeFactory scopes, TimeProvider time) : IHostedLifecycleService
{
    private const string FileName = "admin-bootstrap.sha256";
    private string HashFile => Path.Combine(DataFolder.Resolve(configuration, environment), FileName);

    public bool Enabled => options.Value.Enabled;

    /// <summary>Checks a presented credential in constant time.</summary>
    public bool Verify(string? presented)
    {
        if (!Enabled || string.IsNullOrEmpty(presented)) return false;
        var expected = ExpectedHash();
        if (expected is null) return false;
        return CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())));
    }

    private byte[]? ExpectedHash()
    {
        if (options.Value.Credential is { } configured && !string.IsNullOrWhiteSpace(configured)) return SHA256.HashData(Encoding.UTF8.GetBytes(configured.Trim()));
        return File.Exists(HashFile) ? Convert.FromHexString(File.ReadAllText(HashFile).Trim()) : null;
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!Enabled || !string.IsNullOrWhiteSpace(options.Value.Credential) || File.Exists(HashFile)) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        if (await db.Platforms.AnyAsync(p => p.Source != PlatformSources.Demo, cancellationToken)) return;
        var credential = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await File.WriteAllTextAsync(HashFile, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential))), cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(HashFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Printed once, to the console only (never to the logs): the hash is all the tool keeps.
        Console.Out.WriteLine($"""

            LtiTool first setup ({time.GetUtcNow():u}): no platform is registered yet.
            Sign in at /admin/sign-in with this one-time-shown bootstrap credential to register one:

                {credential}

            Set Admin:Bootstrap:Enabled=false once administrators launch the tool from the LMS.

            """);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
