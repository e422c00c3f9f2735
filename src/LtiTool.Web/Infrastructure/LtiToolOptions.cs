using LtiTool.Lti.Platforms;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Infrastructure;

/// <summary>The app's settings under <c>Lti</c> (protocol sub-sections bind to their own options).</summary>
public sealed class LtiToolOptions
{
    public const string Section = "Lti";

    /// <summary>The tool's public base URL (e.g. https://lti.example.edu/); unset: taken from each request.</summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>Where the SQLite database and generated keys live (relative to the content root).</summary>
    public string DataPath { get; set; } = "data";
    /// <summary>Platforms from configuration.</summary>
    public List<PlatformOptions> Platforms { get; set; } = [];
    /// <summary>Extra origins allowed to frame the tool (CSP frame-ancestors), e.g. https://*.instructure.com.</summary>
    public List<string> FrameAncestors { get; set; } = [];
    /// <summary>The launch session token.</summary>
    public SessionOptions Session { get; set; } = new();
}

public sealed class SessionOptions
{
    /// <summary>How long a session token is valid (default 1 hour).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Base64 HMAC key (at least 32 bytes) shared by all instances; unset: generated into the data folder.</summary>
    public string? SigningKey { get; set; }
}

/// <summary>Fails start-up naming every bad key, e.g. <c>Lti:Platforms:1:JwksUri must use https</c>.</summary>
public sealed class LtiToolOptionsValidator : IValidateOptions<LtiToolOptions>
{
    public ValidateOptionsResult Validate(string? name, LtiToolOptions options)
    {
        var errors = new List<string>();
        if (options.PublicBaseUrl is { Length: > 0 } baseUrl
            && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
            errors.Add("Lti:PublicBaseUrl must be an absolute https URL (http only for loopback).");
        for (var i = 0; i < options.Platforms.Count; i++)
            errors.AddRange(options.Platforms[i].Validate($"Lti:Platforms:{i}"));
        var duplicates = options.Platforms
            .Select((p, i) => (Key: (p.Issuer, p.ClientId), Index: i))
            .GroupBy(x => x.Key).Where(g => g.Count() > 1);
        foreach (var group in duplicates)
            errors.Add($"Lti:Platforms:{string.Join(",", group.Select(g => g.Index))} repeat issuer '{group.Key.Issuer}' with client id '{group.Key.ClientId}'.");
        for (var i = 0; i < options.FrameAncestors.Count; i++)
        {
            var origin = options.FrameAncestors[i];
            if (string.IsNullOrWhiteSpace(origin) || origin.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '\''))
                errors.Add($"Lti:FrameAncestors:{i} must be a single CSP source such as https://canvas.example.edu or https://*.instructure.com.");
        }
        if (options.Session.Lifetime < TimeSpan.FromMinutes(1) || options.Session.Lifetime > TimeSpan.FromHours(12))
            errors.Add("Lti:Session:Lifetime must be between 00:01:00 and 12:00:00.");
        if (options.Session.SigningKey is { } key && !IsStrongBase64Key(key))
            errors.Add("Lti:Session:SigningKey must be base64 of at least 32 bytes.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsStrongBase64Key(string key)
    {
        Span<byte> buffer = stackalloc byte[512];
        return Convert.TryFromBase64String(key, buffer, out var written) && written >= 32;
    }
}
