namespace LtiTool.Lti.Launch;

/// <summary>
/// A protocol failure as a value: a stable snake_case <see cref="Code"/> from <see cref="LtiErrors"/>,
/// the HTTP status to answer with, and a description an LMS administrator can act on.
/// </summary>
/// <param name="Code">The catalogued snake_case error code.</param>
/// <param name="StatusCode">The HTTP status code of the answer (4xx).</param>
/// <param name="Title">A short title for the error page.</param>
/// <param name="Description">What went wrong and what an administrator can do about it.</param>
public sealed record LtiError(string Code, int StatusCode, string Title, string Description)
{
    /// <summary>Returns a copy whose description carries an extra detail (never a token or a secret).</summary>
    public LtiError WithDetail(string detail) => this with { Description = $"{Description} ({detail})" };

    /// <inheritdoc />
    public override string ToString() => Code;
}
