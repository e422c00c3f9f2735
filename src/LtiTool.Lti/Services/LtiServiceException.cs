using LtiTool.Lti.Launch;

namespace LtiTool.Lti.Services;

/// <summary>
/// A service call failed part-way through a stream of pages. Streams cannot return a value at the point of
/// failure, so the catalogued <see cref="LtiError"/> travels in this exception; a caller never sees a
/// silently truncated roster.
/// </summary>
public sealed class LtiServiceException(LtiError error) : Exception(error.Code + ": " + error.Description)
{
    /// <summary>The catalogued error.</summary>
    public LtiError Error { get; } = error;
}
