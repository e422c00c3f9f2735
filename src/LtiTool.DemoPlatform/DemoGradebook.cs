using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.DemoPlatform;

/// <summary>
/// The demo LMS's gradebook columns (AGS line items), shaped like Canvas's: the demo assignment's column is
/// line item 1; lists page through Link rel="next"; reads need the lineitem or lineitem.readonly scope,
/// changes need lineitem; bodies must be the line item media type (or JSON).
/// </summary>
public sealed class DemoGradebook
{
    public const int DefaultPageSize = 10;

    private static readonly string[] ActivityProgress = ["Initialized", "Started", "InProgress", "Submitted", "Completed"];
    private static readonly string[] GradingProgress = ["NotReady", "Failed", "Pending", "PendingManual", "FullyGraded"];

    private readonly ConcurrentDictionary<int, JsonObject> _items = new();
    private readonly ConcurrentDictionary<(int LineItem, string User), (DateTimeOffset Timestamp, JsonObject Score)> _results = new();
    private readonly ConcurrentQueue<(int LineItem, JsonObject Score)> _received = new();
    private readonly DemoLms _lms;
    private int _nextId = 1;

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
    /// POST {line item}/scores, checked as Canvas does: the score scope, a known line item, userId of an active
    /// student (not Student View: 422), both progress values, scoreMaximum with scoreGiven (422), a timestamp not
    /// earlier than the stored result (400).
    /// </summary>
    public async Task<IResult> PostScoreAsync(HttpRequest request, int id, DemoTokenEndpoint tokens)
    {
        if (!tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsScore)) return Unauthorized();
        if (!_items.ContainsKey(id)) return NotFound();
        var type = request.ContentType ?? "";
        if (!type.StartsWith(LtiMediaTypes.Score, StringComparison.Ordinal) && !type.StartsWith("application/json", StringComparison.Ordinal))
            return Problem(415, "unsupported_media_type", "Scores are application/vnd.ims.lis.v1.score+json");
        JsonObject? score;
        try
        {
            score = await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            score = null;
        }
        string? S(string name) => score?[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        if (score is null || S("userId") is not { } userId || !ActivityProgress.Contains(S("activityProgress")) || !GradingProgress.Contains(S("gradingProgress"))
            || !DateTimeOffset.TryParse(S("timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
            return Problem(400, "bad_request", "userId, activityProgress, gradingProgress and an ISO-8601 timestamp are required");
        if (score["scoreGiven"] is not null && score["scoreMaximum"] is null)
            return Problem(422, "unprocessable_entity", "ScoreMaximum must be present when ScoreGiven is present");
        var member = DemoRoster.Members(_lms.Options.GeneratedStudents).FirstOrDefault(m => m.Subject == userId);
        if (member is null || !member.Roles.Contains("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner")
            || member.Roles.Contains("http://purl.imsglobal.org/vocab/lti/system/person#TestUser"))
            return Problem(422, "unprocessable_entity", "User not found in course or is not a student");
        if (_results.TryGetValue((id, userId), out var stored) && timestamp < stored.Timestamp)
            return Problem(400, "bad_request", "Provided timestamp of " + S("timestamp") + " before last updated timestamp");
        _results[(id, userId)] = (timestamp, score);
        _received.Enqueue((id, (JsonObject)score.DeepClone()));
        var resultUrl = $"{ContainerUrl(request)}/{id}/results/{Math.Abs(userId.GetHashCode(StringComparison.Ordinal))}";
        return Results.Json(new { resultUrl });
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
        var limit = int.TryParse(q["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : DefaultPageSize;
        var page = int.TryParse(q["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var matching = _items.OrderBy(i => i.Key)
            .Where(i => Matches(i.Value, "tag", q["tag"]) && Matches(i.Value, "resourceId", q["resource_id"]) && Matches(i.Value, "resourceLinkId", q["resource_link_id"]))
            .ToList();
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        if (page * limit < matching.Count)
        {
            var parameters = new Dictionary<string, string?> { ["page"] = (page + 1).ToString(CultureInfo.InvariantCulture), ["limit"] = limit.ToString(CultureInfo.InvariantCulture) };
            foreach (var name in new[] { "tag", "resource_id", "resource_link_id" }) if (q[name].Count > 0) parameters[name] = q[name];
            request.HttpContext.Response.Headers.Link = $"<{QueryHelpers.AddQueryString(baseUrl, parameters)}>; rel=\"next\"";
        }
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
        return _items.TryRemove(id, out _) ? Results.NoContent() : NotFound();
    }

    private static bool CanRead(HttpRequest request, DemoTokenEndpoint tokens) =>
        tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsLineItem) || tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsLineItemReadOnly);

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
