using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.Lti.Services.Ags;

/// <summary>
/// Line items of the Assignment and Grade Services (AGS 2.0 §3.2): list every page, read, create, update,
/// delete. One token with the line item scope serves them all. Failures are <see cref="LtiServiceException"/>s
/// carrying the platform's status (404: the column is gone).
/// </summary>
public sealed class AgsClient(PlatformServiceClient service)
{
    private static readonly string[] Scopes = [LtiScopes.AgsLineItem];
    private static readonly string[] ScoreScopes = [LtiScopes.AgsScore];

    /// <summary>Streams the line items of a context, following Link rel="next".</summary>
    public async IAsyncEnumerable<LineItem> ListAsync(PlatformRegistration registration, Uri lineItemsUrl, LineItemQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? url = WithQuery(lineItemsUrl, query);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (url is not null)
        {
            if (!seen.Add(url.AbsoluteUri))
                throw new LtiServiceException(LtiErrors.ServiceResponseInvalid.WithDetail("the next links of the line item container loop"));
            var pageUrl = url;
            using var response = await service.SendAsync(registration, Scopes, () => Request(HttpMethod.Get, pageUrl, LtiMediaTypes.LineItemContainer), cancellationToken);
            var items = await ReadAsync(response, AgsJsonContext.Default.ListLineItem, cancellationToken);
            url = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Find(links, "next", pageUrl) : null;
            foreach (var item in items) yield return item;
        }
    }

    /// <summary>Reads one line item.</summary>
    public async Task<LineItem> GetAsync(PlatformRegistration registration, Uri lineItemUrl, CancellationToken cancellationToken)
    {
        using var response = await service.SendAsync(registration, Scopes, () => Request(HttpMethod.Get, lineItemUrl, LtiMediaTypes.LineItem), cancellationToken);
        return await ReadAsync(response, AgsJsonContext.Default.LineItem, cancellationToken);
    }

    /// <summary>Creates a line item in the context's container; the platform assigns its id.</summary>
    public async Task<LineItem> CreateAsync(PlatformRegistration registration, Uri lineItemsUrl, LineItem item, CancellationToken cancellationToken)
    {
        using var response = await service.SendAsync(registration, Scopes, () => WithBody(Request(HttpMethod.Post, lineItemsUrl, LtiMediaTypes.LineItem), item with { Id = null }), cancellationToken);
        return await ReadAsync(response, AgsJsonContext.Default.LineItem, cancellationToken);
    }

    /// <summary>Replaces a line item (PUT to its id).</summary>
    public async Task<LineItem> UpdateAsync(PlatformRegistration registration, LineItem item, CancellationToken cancellationToken)
    {
        var url = new Uri(item.Id ?? throw new ArgumentException("A line item to update needs its id.", nameof(item)));
        using var response = await service.SendAsync(registration, Scopes, () => WithBody(Request(HttpMethod.Put, url, LtiMediaTypes.LineItem), item), cancellationToken);
        return await ReadAsync(response, AgsJsonContext.Default.LineItem, cancellationToken);
    }

    /// <summary>Deletes a line item.</summary>
    public async Task DeleteAsync(PlatformRegistration registration, Uri lineItemUrl, CancellationToken cancellationToken)
    {
        using var response = await service.SendAsync(registration, Scopes, () => new HttpRequestMessage(HttpMethod.Delete, lineItemUrl), cancellationToken);
    }

    /// <summary>
    /// Publishes a score to a line item (POST {line item}/scores, AGS 2.0 §3.4). A 422 from Canvas means the user
    /// is not an active student of the course (Student View included): not worth retrying.
    /// </summary>
    public async Task<ScoreResponse> PostScoreAsync(PlatformRegistration registration, Uri lineItemUrl, Score score, CancellationToken cancellationToken)
    {
        var scoresUrl = ScoresUrl(lineItemUrl);
        using var response = await service.SendAsync(registration, ScoreScopes, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, scoresUrl)
            {
                Content = new StringContent(JsonSerializer.Serialize(score, AgsJsonContext.Default.Score), Encoding.UTF8, LtiMediaTypes.Score),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Length == 0 ? new ScoreResponse(null) : JsonSerializer.Deserialize(body, AgsJsonContext.Default.ScoreResponse) ?? new ScoreResponse(null);
    }

    /// <summary>The scores endpoint of a line item: its path plus /scores, its query kept (AGS 2.0 §3.4).</summary>
    public static Uri ScoresUrl(Uri lineItemUrl)
    {
        var builder = new UriBuilder(lineItemUrl);
        builder.Path = builder.Path.TrimEnd('/') + "/scores";
        return builder.Uri;
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri url, string accept)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return request;
    }

    private static HttpRequestMessage WithBody(HttpRequestMessage request, LineItem item)
    {
        request.Content = new StringContent(JsonSerializer.Serialize(item, AgsJsonContext.Default.LineItem), Encoding.UTF8, LtiMediaTypes.LineItem);
        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(body, type, cancellationToken)
                ?? throw new LtiServiceException(LtiErrors.ServiceResponseInvalid.WithDetail("empty AGS answer"));
        }
        catch (JsonException e)
        {
            throw new LtiServiceException(LtiErrors.ServiceResponseInvalid.WithDetail("AGS answer does not parse: " + e.Message));
        }
    }

    private static Uri WithQuery(Uri url, LineItemQuery query)
    {
        var parameters = new Dictionary<string, string?>();
        if (query.Tag is not null) parameters["tag"] = query.Tag;
        if (query.ResourceId is not null) parameters["resource_id"] = query.ResourceId;
        if (query.ResourceLinkId is not null) parameters["resource_link_id"] = query.ResourceLinkId;
        if (query.Limit is { } limit) parameters["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return parameters.Count == 0 ? url : new Uri(QueryHelpers.AddQueryString(url.AbsoluteUri, parameters));
    }
}
