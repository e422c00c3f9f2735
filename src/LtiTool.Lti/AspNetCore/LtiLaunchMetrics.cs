using System.Diagnostics.Metrics;
using LtiTool.Lti.Launch;

namespace LtiTool.Lti.AspNetCore;

/// <summary>
/// Launch metrics on the <c>LtiTool.Lti</c> meter (OpenTelemetry or <c>dotnet-counters</c> read them):
/// <c>ltitool.launches</c>, one per launch answered, tagged <c>outcome</c>: validated, with <c>transport</c> (how
/// the browser binding came back: cookie, platform_storage, none), or refused, with <c>error</c> (the catalogued code); <c>ltitool.launch.storage_steps</c>, the launches that needed the platform
/// storage step because no cookie came back.
/// </summary>
public sealed class LtiLaunchMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "LtiTool.Lti";

    private readonly Counter<long> _launches;
    private readonly Counter<long> _storageSteps;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public LtiLaunchMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _launches = meter.CreateCounter<long>("ltitool.launches", "{launch}", "Launches answered, by outcome and browser-binding transport.");
        _storageSteps = meter.CreateCounter<long>("ltitool.launch.storage_steps", "{launch}", "Launches that read their binding back from platform storage.");
    }

    /// <summary>Counts a launch answered.</summary>
    public void Launch(LaunchValidationResult result)
    {
        if (result.Succeeded)
            _launches.Add(1, new("outcome", "validated"), new("transport", BindingTransports.Name(result.Transport)));
        else
            _launches.Add(1, new("outcome", "refused"), new("error", result.Error!.Code));
    }

    /// <summary>Counts a platform storage step rendered.</summary>
    public void StorageStep() => _storageSteps.Add(1);
}
