namespace LtiTool.Lti.Platforms;

/// <summary>Looks up platform registrations. The application implements it (database, configuration, cache).</summary>
public interface IPlatformStore
{
    /// <summary>The registrations for an issuer (several when one issuer serves several client ids).</summary>
    ValueTask<IReadOnlyList<PlatformRegistration>> FindByIssuerAsync(string issuer, CancellationToken cancellationToken);

    /// <summary>The registration with the tool's own id, or null.</summary>
    ValueTask<PlatformRegistration?> FindByIdAsync(string id, CancellationToken cancellationToken);
}
