using LtiTool.Lti.Claims;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Services;

namespace LtiTool.Web.Features.Admin.Platforms;

/// <summary>
/// The post-install smoke test of a registration: fetch the platform's JWKS, then ask its token endpoint for a
/// token per service scope the tool uses, and report each step — so a wrong JWKS URL, a developer key without
/// a scope, or a token endpoint that refuses the tool's key shows up before the first instructor does.
/// </summary>
public sealed class ConnectionTest(IHttpClientFactory httpClients, PlatformTokenClient tokens)
{
    public sealed record Step(string Name, bool Ok, string Detail);

    public static readonly IReadOnlyList<(string Scope, string Name)> Scopes =
    [
        (LtiScopes.AgsLineItem, "Gradebook columns (AGS line items)"),
        (LtiScopes.AgsLineItemReadOnly, "Gradebook columns, read-only"),
        (LtiScopes.AgsScore, "Publishing scores (AGS score)"),
        (LtiScopes.AgsResultReadOnly, "Reading results (AGS result)"),
        (LtiScopes.NrpsContextMembershipReadOnly, "Course rosters (NRPS)"),
    ];

    public async Task<IReadOnlyList<Step>> RunAsync(PlatformRegistration registration, CancellationToken cancellationToken)
    {
        var steps = new List<Step> { await JwksAsync(registration, cancellationToken) };
        if (registration.TokenEndpoint is null)
        {
            steps.Add(new Step("Service token", false, "The registration has no token endpoint, so roster and grade services cannot be used."));
            return steps;
        }
        foreach (var (scope, name) in Scopes)
        {
            var result = await tokens.GetAsync(registration, [scope], cancellationToken);
            steps.Add(result.Succeeded
                ? new Step(name, true, $"Token granted for {scope}.")
                : new Step(name, false, $"{result.Error!.Code}: {result.Error.Description}"));
        }
        return steps;
    }

    private async Task<Step> JwksAsync(PlatformRegistration registration, CancellationToken cancellationToken)
    {
        const string name = "Platform keys (JWKS)";
        try
        {
            using var response = await httpClients.CreateClient(LtiHttpClients.Platform).GetAsync(registration.JwksUri, cancellationToken);
            if (!response.IsSuccessStatusCode) return new Step(name, false, $"{registration.JwksUri} answered HTTP {(int)response.StatusCode}.");
            // The same reading the launch's JWKS cache does: only keys the tool can verify with count.
            var keys = JwksParser.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).Count;
            return keys > 0
                ? new Step(name, true, $"{keys} signing key(s) at {registration.JwksUri}.")
                : new Step(name, false, $"{registration.JwksUri} lists no usable signing key.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            return new Step(name, false, $"{registration.JwksUri} could not be read: {e.GetType().Name}.");
        }
    }
}
