using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.Lti.Services.Nrps;

/// <summary>
/// Reads a context's memberships (NRPS 2.0), page by page as a stream so a 10,000-member course never sits in
/// memory whole. Pages follow <c>Link: rel="next"</c> (Canvas caps them at 50). Any failing page ends the
/// stream with an <see cref="LtiServiceException"/>: a roster is never silently truncated.
/// </summary>
public sealed class NrpsClient(PlatformServiceClient service)
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
            var pageUrl = url;
            using var response = await service.SendAsync(registration, Scopes, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, pageUrl);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(LtiMediaTypes.MembershipContainer));
                return request;
            }, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
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
            url = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Find(links, "next", pageUrl) : null;
            yield return page;
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
}
