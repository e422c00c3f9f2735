using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.Lti.Services.Ags;

/// <summary>
/// The Assignment and Grade Services (AGS 2.0): line items (§3.2: list every page, read, create, update,
/// delete; one token with the line item scope serves them all), results (§3.3, read only) and scores (§3.4).
/// Failures are <see cref="LtiServiceException"/>s carrying the platform's status (404: the column is gone).
/// </summary>
public sealed class AgsClient(PlatformServiceClient service)
{
    private static readonly string[] Scopes = [LtiScopes.AgsLineItem];
    private static readonly string[] ScoreScopes = [LtiScopes.AgsScore];
    private static readonly string[] ResultScopes = [LtiScopes.AgsResultReadOnly];

    /// <summary>Streams the line items of a context, following Link rel="next".</summary>
    public IAsyncEnumerable<LineItem> ListAsync(PlatformRegistration registration, Uri lineItemsUrl, LineItemQuery query, CancellationToken cancellationToken) =>
        PagesAsync(registration, Scopes, WithQuery(lineItemsUrl, query), LtiMediaTypes.LineItemContainer, AgsJsonContext.Default.ListLineItem, "line item", cancellationToken);

    /// <summary>
    /// Streams the results of a line item (GET {line item}/results, AGS 2.0 §3.3) with the result.readonly scope,
    /// following Link rel="next". With <paramref name="userId"/> the platform answers that user's result only
    /// (none or one).
    /// </summary>
    public IAsyncEnumerable<Result> ListResultsAsync(PlatformRegistration registration, Uri lineItemUrl, string? userId, CancellationToken cancellationToken)
    {
        var url = ResultsUrl(lineItemUrl);
        if (userId is not null) url = new Uri(QueryHelpers.AddQueryString(url.AbsoluteUri, "user_id", userId));
        return PagesAsync(registration, ResultScopes, url, LtiMediaTypes.ResultContainer, AgsJsonContext.Default.ListResult, "result", cancellationToken);
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
    public static Uri ScoresUrl(Uri lineItemUrl) => Below(lineItemUrl, "scores");

    /// <summary>The results endpoint of a line item: its path plus /results, its query kept (AGS 2.0 §3.3).</summary>
    public static Uri ResultsUrl(Uri lineItemUrl) => Below(lineItemUrl, "results");

    // The line item URL is opaque and may carry a query (some platforms put ids there), so the segment goes
    // on the path and the query stays.
    private static Uri Below(Uri lineItemUrl, string segment)
    {
        var builder = new UriBuilder(lineItemUrl);
        builder.Path = builder.Path.TrimEnd('/') + "/" + segment;
        return builder.Uri;
    }

    private async IAsyncEnumerable<T> PagesAsync<T>(PlatformRegistration registration, string[] scopes, Uri firstPage, string accept,
        JsonTypeInfo<List<T>> type, string container, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? url = firstPage;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (url is not null)
        {
            if (!seen.Add(url.AbsoluteUri))
                throw new LtiServiceException(LtiErrors.ServiceResponseInvalid.WithDetail($"the next links of the {container} container loop"));
            var pageUrl = url;
            using var response = await service.SendAsync(registration, scopes, () => Request(HttpMethod.Get, pageUrl, accept), cancellationToken);
            var items = await ReadAsync(response, type, cancellationToken);
            url = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Find(links, "next", pageUrl) : null;
            foreach (var item in items)
                yield return item ?? throw new LtiServiceException(LtiErrors.ServiceResponseInvalid.WithDetail($"a null entry in the {container} container"));
        }
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

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
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
