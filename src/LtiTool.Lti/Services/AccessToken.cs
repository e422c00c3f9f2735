using LtiTool.Lti.Launch;

namespace LtiTool.Lti.Services;

/// <summary>An OAuth 2 access token for LTI Advantage services.</summary>
/// <param name="Value">The token (opaque to the tool; never logged).</param>
/// <param name="ExpiresAt">When the platform stops accepting it.</param>
/// <param name="Scopes">The scopes granted.</param>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes)
{
    /// <inheritdoc />
    public override string ToString() => $"AccessToken(expires {ExpiresAt:o}, {Scopes.Count} scopes)";
}

/// <summary>A token, or why the platform would not give one.</summary>
public sealed record TokenResult(AccessToken? Token, LtiError? Error)
{
    /// <summary>Whether a token was obtained.</summary>
    public bool Succeeded => Token is not null;
}
