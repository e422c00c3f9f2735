using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;
using Microsoft.AspNetCore.Http;

namespace LtiTool.DemoPlatform;

/// <summary>What the gradebook holds: the AGS result service and the view the demo page renders.</summary>
public sealed partial class DemoGradebook
{
    /// <summary>
    /// GET {line item}/results, shaped like Canvas's result container: the result.readonly scope, a known line
    /// item (404), an optional user_id filter (none or one result), pages of <see cref="DefaultPageSize"/> (or
    /// limit) linked with rel="next". Each result's id is the resultUrl its score post answered.
    /// </summary>
    public IResult ListResults(HttpRequest request, int id, DemoTokenEndpoint tokens)
    {
        if (!tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsResultReadOnly)) return Unauthorized();
        if (!_items.ContainsKey(id)) return NotFound();
        string? userId = request.Query["user_id"];
        var (page, limit) = Paging(request.Query);
        var matching = _results.Where(r => r.Key.LineItem == id && (string.IsNullOrEmpty(userId) || r.Key.User == userId))
            .OrderBy(r => r.Value.Id).ToList();
        LinkNext(request, page, limit, matching.Count, "user_id");
        var container = ContainerUrl(request);
        var array = new JsonArray(matching.Skip((page - 1) * limit).Take(limit).Select(r => (JsonNode)new JsonObject
        {
            ["id"] = ResultUrl(container, id, r.Value.Id),
            ["userId"] = r.Key.User,
            ["resultScore"] = r.Value.Score,
            ["resultMaximum"] = r.Value.Maximum,
            ["comment"] = r.Value.Comment,
            ["scoreOf"] = $"{container}/{id}",
        }).ToArray());
        return Results.Content(array.ToJsonString(), LtiMediaTypes.ResultContainer);
    }

    /// <summary>The gradebook as it stands: every column in id order, each with the results it holds now.</summary>
    public IReadOnlyList<DemoGradebookColumn> Columns() =>
        _items.OrderBy(i => i.Key).Select(i => new DemoGradebookColumn(
            i.Key,
            i.Value["label"]?.GetValue<string>() ?? "",
            Number(i.Value["scoreMaximum"]) ?? 0m,
            _results.Where(r => r.Key.LineItem == i.Key).OrderBy(r => r.Value.Id)
                .Select(r => new DemoGradebookResult(r.Key.User, r.Value.Score, r.Value.Maximum, r.Value.Comment)).ToArray(),
            Text(i.Value["resourceId"]), Text(i.Value["tag"]), Text(i.Value["resourceLinkId"])))
        .ToArray();

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    private static string ResultUrl(string containerUrl, int lineItem, long resultId) => $"{containerUrl}/{lineItem}/results/{resultId}";

    /// <summary>One user's result in one column; the timestamp is the last score's, which later scores may not precede.</summary>
    private sealed record StoredResult(long Id, DateTimeOffset Timestamp, decimal? Score, decimal Maximum, string? Comment);
}
