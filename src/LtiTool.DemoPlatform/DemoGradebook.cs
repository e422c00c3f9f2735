using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.DemoPlatform;

/// <summary>
/// The demo LMS's gradebook, shaped like Canvas's. Columns are AGS line items: the demo assignment's column is
/// line item 1; lists page through Link rel="next"; reads need the lineitem or lineitem.readonly scope,
/// changes need lineitem; bodies must be the line item media type (or JSON). Scores
/// (<c>DemoGradebook.Scores.cs</c>) become results, which the tool reads back and the demo page shows
/// (<c>DemoGradebook.Results.cs</c>).
/// </summary>
public sealed partial class DemoGradebook
{
    public const int DefaultPageSize = 10;

    private readonly ConcurrentDictionary<int, JsonObject> _items = new();
    private readonly ConcurrentDictionary<(int LineItem, string User), StoredResult> _results = new();
    private readonly ConcurrentQueue<(int LineItem, JsonObject Score)> _received = new();
    private readonly DemoLms _lms;
    private int _nextId = 1;
    private long _nextResultId;

    public DemoGradebook(DemoLms lms)
    {
        _lms = lms;
        Add(new JsonObject
        {
            ["scoreMaximum"] = 10, ["label"] = DemoData.Course.AssignmentTitle, ["resourceId"] = "essay-1",
            ["resourceLinkId"] = DemoData.Course.AssignmentResourceLinkId,
        });
    }

    public int Count => _items.Count;

    /// <summary>Every score the gradebook accepted, in order (what "Canvas" received).</summary>
    public IReadOnlyList<(int LineItem, JsonObject Score)> Received => _received.ToArray();

    /// <summary>
    /// Adds the column a deep-linked resource link asked for (Canvas makes the item an assignment with this line
    /// item), bound to the new link's id; returns the line item id.
    /// </summary>
    internal int AddColumn(string label, decimal scoreMaximum, string? resourceId, string? tag, string resourceLinkId)
    {
        var item = new JsonObject { ["scoreMaximum"] = scoreMaximum, ["label"] = label, ["resourceLinkId"] = resourceLinkId };
        if (resourceId is not null) item["resourceId"] = resourceId;
        if (tag is not null) item["tag"] = tag;
        return Add(item);
    }

    private int Add(JsonObject item)
    {
        var id = Interlocked.Increment(ref _nextId) - 1;
        _items[id] = item;
        return id;
    }

    public IResult List(HttpRequest request, DemoTokenEndpoint tokens)
    {
        if (!CanRead(request, tokens)) return Unauthorized();
        var q = request.Query;
        var (page, limit) = Paging(q);
        var matching = _items.OrderBy(i => i.Key)
            .Where(i => Matches(i.Value, "tag", q["tag"]) && Matches(i.Value, "resourceId", q["resource_id"]) && Matches(i.Value, "resourceLinkId", q["resource_link_id"]))
            .ToList();
        var baseUrl = LinkNext(request, page, limit, matching.Count, "tag", "resource_id", "resource_link_id");
        var array = new JsonArray(matching.Skip((page - 1) * limit).Take(limit).Select(i => (JsonNode)WithId(i.Value, baseUrl, i.Key)).ToArray());
        return Results.Content(array.ToJsonString(), LtiMediaTypes.LineItemContainer);
    }

    public IResult Get(HttpRequest request, int id, DemoTokenEndpoint tokens)
    {
        if (!CanRead(request, tokens)) return Unauthorized();
        return _items.TryGetValue(id, out var item) ? Item(WithId(item, ContainerUrl(request), id)) : NotFound();
    }

    public async Task<IResult> CreateAsync(HttpRequest request, DemoTokenEndpoint tokens)
    {
        if (!tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsLineItem)) return Unauthorized();
        if (await ReadItemAsync(request) is not { } item) return BadBody();
        var id = Add(item);
        return Item(WithId(item, ContainerUrl(request), id));
    }

    public async Task<IResult> UpdateAsync(HttpRequest request, int id, DemoTokenEndpoint tokens)
    {
        if (!tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsLineItem)) return Unauthorized();
        if (!_items.ContainsKey(id)) return NotFound();
        if (await ReadItemAsync(request) is not { } item) return BadBody();
        _items[id] = item;
        return Item(WithId(item, ContainerUrl(request), id));
    }

    public IResult Delete(HttpRequest request, int id, DemoTokenEndpoint tokens)
    {
        if (!tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsLineItem)) return Unauthorized();
        if (!_items.TryRemove(id, out _)) return NotFound();
        foreach (var key in _results.Keys.Where(k => k.LineItem == id)) _results.TryRemove(key, out _);
        return Results.NoContent();
    }

    private static bool CanRead(HttpRequest request, DemoTokenEndpoint tokens) =>
        tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsLineItem) || tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsLineItemReadOnly);

    private static (int Page, int Limit) Paging(IQueryCollection q)
    {
        var limit = int.TryParse(q["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : DefaultPageSize;
        var page = int.TryParse(q["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        return (page, limit);
    }

    /// <summary>Sets Link rel="next" when rows remain after this page, keeping the named filters; returns the list's URL without its query.</summary>
    private static string LinkNext(HttpRequest request, int page, int limit, int total, params string[] filters)
    {
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        if (page * limit < total)
        {
            var parameters = new Dictionary<string, string?> { ["page"] = (page + 1).ToString(CultureInfo.InvariantCulture), ["limit"] = limit.ToString(CultureInfo.InvariantCulture) };
            foreach (var name in filters) if (request.Query[name].Count > 0) parameters[name] = request.Query[name];
            request.HttpContext.Response.Headers.Link = $"<{QueryHelpers.AddQueryString(baseUrl, parameters)}>; rel=\"next\"";
        }
        return baseUrl;
    }

    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static bool Matches(JsonObject item, string field, string? wanted) =>
        string.IsNullOrEmpty(wanted) || item[field]?.GetValue<string>() == wanted;

    private static async Task<JsonObject?> ReadItemAsync(HttpRequest request)
    {
        var type = request.ContentType ?? "";
        if (!type.StartsWith(LtiMediaTypes.LineItem, StringComparison.Ordinal) && !type.StartsWith("application/json", StringComparison.Ordinal)) return null;
        try
        {
            if (await JsonNode.ParseAsync(request.Body) is not JsonObject item) return null;
            item.Remove("id");
            var label = item["label"]?.GetValue<string>();
            var max = item["scoreMaximum"]?.GetValue<decimal>();
            return string.IsNullOrWhiteSpace(label) || max is not > 0 ? null : item;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string ContainerUrl(HttpRequest request)
    {
        var path = request.Path.Value!;
        var at = path.IndexOf("/line_items", StringComparison.Ordinal);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path[..(at + "/line_items".Length)]}";
    }

    private static JsonObject WithId(JsonObject item, string containerUrl, int id)
    {
        var copy = (JsonObject)item.DeepClone();
        copy["id"] = $"{containerUrl}/{id}";
        return copy;
    }

    private static IResult Item(JsonObject item) => Results.Content(item.ToJsonString(), LtiMediaTypes.LineItem);
    private static IResult Unauthorized() => Results.Json(new { errors = new { type = "unauthorized", message = "Invalid access token" } }, statusCode: 401);
    private static IResult NotFound() => Results.Json(new { errors = new { type = "not_found", message = "The specified resource does not exist." } }, statusCode: 404);
    private static IResult Problem(int status, string type, string message) => Results.Json(new { errors = new { type, message } }, statusCode: status);
    private static IResult BadBody() => Results.Json(new { errors = new { type = "bad_request", message = "A line item needs a label and a positive scoreMaximum, as application/vnd.ims.lis.v2.lineitem+json" } }, statusCode: 400);
}
