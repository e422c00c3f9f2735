using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace LtiTool.Lti.Services.Nrps;

/// <summary>
/// Reads a context's memberships (NRPS 2.0), page by page as a stream so a 10,000-member course never sits in
/// memory whole. Pages follow <c>Link: rel="next"</c> (Canvas caps them at 50). Any failing page ends the
/// stream with an <see cref="LtiServiceException"/>: a roster is never silently truncated.
/// </summary>
public sealed partial class NrpsClient(IHttpClientFactory httpClients, PlatformTokenClient tokens, ILogger<NrpsClient> logger)
{
    /// <summary>A guard against a platform whose next links never end.</summary>
    public const int MaxPages = 10_000;

    private static readonly string[] Scopes = [LtiScopes.NrpsContextMembershipReadOnly];

    /// <summary>Streams the pages of the membership container.</summary>
    public async IAsyncEnumerable<MembershipPage> ReadAsync(PlatformRegistration registration, Uri membershipsUrl, MembershipQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? url = WithQuery(membershipsUrl, query);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (url is not null)
        {
            if (!seen.Add(url.AbsoluteUri) || seen.Count > MaxPages)
                throw new LtiServiceException(LtiErrors.ServiceResponseInvalid.WithDetail("the next links of the membership container loop"));
            var (page, next) = await GetPageAsync(registration, url, cancellationToken);
            yield return page;
            url = next;
        }
    }

    private async Task<(MembershipPage Page, Uri? Next)> GetPageAsync(PlatformRegistration registration, Uri url, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(registration, Scopes, cancellationToken);
            if (!token.Succeeded) throw new LtiServiceException(token.Error!);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(LtiMediaTypes.MembershipContainer));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token!.Value);
            using var response = await httpClients.CreateClient(LtiHttpClients.Services).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            // A token the platform no longer accepts (revoked, clock skew): fetch a fresh one, once.
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                tokens.Invalidate(registration, Scopes, token.Token);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                LogFailed(logger, registration.Id, (int)response.StatusCode);
                throw new LtiServiceException(LtiErrors.ServiceCallFailed.WithDetail($"NRPS answered HTTP {(int)response.StatusCode}"));
            }
            MembershipPage? page;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                page = await JsonSerializer.DeserializeAsync(body, NrpsJsonContext.Default.MembershipPage, cancellationToken);
            }
            catch (JsonException e)
            {
                throw new LtiServiceException(LtiErrors.ServiceResponseInvalid.WithDetail("NRPS answer is not a membership container: " + e.Message));
            }
            if (page?.Members is null) throw new LtiServiceException(LtiErrors.ServiceResponseInvalid.WithDetail("no members array"));
            var next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Find(links, "next", url) : null;
            return (page, next);
        }
    }

    private static Uri WithQuery(Uri url, MembershipQuery query)
    {
        var parameters = new Dictionary<string, string?>();
        if (query.Role is not null) parameters["role"] = query.Role;
        if (query.ResourceLinkId is not null) parameters["rlid"] = query.ResourceLinkId;
        if (query.Limit is { } limit) parameters["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return parameters.Count == 0 ? url : new Uri(QueryHelpers.AddQueryString(url.AbsoluteUri, parameters));
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "NRPS call for registration {RegistrationId} failed with HTTP {Status}")]
    private static partial void LogFailed(ILogger logger, string registrationId, int status);
}
