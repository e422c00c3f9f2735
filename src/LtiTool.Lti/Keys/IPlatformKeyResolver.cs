using LtiTool.Lti.Launch;

namespace LtiTool.Lti.Keys;

/// <summary>Finds the platform key that signed an id_token.</summary>
public interface IPlatformKeyResolver
{
    /// <summary>The key with <paramref name="kid"/> from the JWKS at <paramref name="jwksUri"/>, or an error.</summary>
    ValueTask<KeyResolution> ResolveAsync(Uri jwksUri, string kid, CancellationToken cancellationToken);
}

/// <summary>A resolved key or the reason there is none (<see cref="LtiErrors.JwksUnavailable"/>, <see cref="LtiErrors.KeyNotFound"/>).</summary>
public readonly record struct KeyResolution(PlatformKey? Key, LtiError? Error);
