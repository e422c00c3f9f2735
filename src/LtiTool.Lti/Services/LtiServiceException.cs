using LtiTool.Lti.Launch;

namespace LtiTool.Lti.Services;

/// <summary>
/// A service call failed part-way through a stream of pages. Streams cannot return a value at the point of
/// failure, so the catalogued <see cref="LtiError"/> travels in this exception; a caller never sees a
/// silently truncated roster.
/// </summary>
public sealed class LtiServiceException(LtiError error, int? platformStatus = null) : Exception(error.Code + ": " + error.Description)
{
    /// <summary>The catalogued error.</summary>
    public LtiError Error { get; } = error;

    /// <summary>The platform's HTTP status, when it answered (404 tells a deleted line item, 422 a refusal).</summary>
    public int? PlatformStatus { get; } = platformStatus;
}
