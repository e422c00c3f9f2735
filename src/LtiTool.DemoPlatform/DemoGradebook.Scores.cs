using System.Globalization;
using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;
using Microsoft.AspNetCore.Http;

namespace LtiTool.DemoPlatform;

/// <summary>Scores coming in from the tool, grades a teacher types into the LMS, and scripted failures.</summary>
public sealed partial class DemoGradebook
{
    private const string LearnerRole = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    private const string TestUserRole = "http://purl.imsglobal.org/vocab/lti/system/person#TestUser";
    private static readonly string[] ActivityProgress = ["Initialized", "Started", "InProgress", "Submitted", "Completed"];
    private static readonly string[] GradingProgress = ["NotReady", "Failed", "Pending", "PendingManual", "FullyGraded"];

    private readonly Lock _failuresLock = new();
    private (int Count, int Status, int? RetryAfterSeconds) _failures;

    /// <summary>How many of the failures asked for with <see cref="FailNextScores"/> are still to come.</summary>
    public int PendingScoreFailures
    {
        get { lock (_failuresLock) return _failures.Count; }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> score posts that carry a valid token answer <paramref name="status"/>
    /// (a 500, or a 429 with <paramref name="retryAfterSeconds"/>) without storing anything; then scores are
    /// accepted again. Replaces any failures still pending.
    /// </summary>
    public void FailNextScores(int count, int status, int? retryAfterSeconds = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (status is < 400 or > 599) throw new ArgumentOutOfRangeException(nameof(status), status, "Expected an error status (4xx or 5xx).");
        if (retryAfterSeconds is < 0) throw new ArgumentOutOfRangeException(nameof(retryAfterSeconds), retryAfterSeconds, "Retry-After cannot be negative.");
        lock (_failuresLock) _failures = (count, status, retryAfterSeconds);
    }

    /// <summary>
    /// A teacher edits a grade in the LMS's own gradebook: the stored result of <paramref name="userId"/> in
    /// <paramref name="lineItem"/> gets this score, maximum and comment (created if the tool never sent one). The
    /// result keeps its last update time, and <see cref="Received"/> is untouched: the tool sent nothing.
    /// </summary>
    public void SetGradeInLms(int lineItem, string userId, decimal score, decimal maximum, string? comment)
    {
        if (!_items.ContainsKey(lineItem)) throw new ArgumentException($"There is no line item {lineItem}.", nameof(lineItem));
        if (!IsStudent(userId)) throw new ArgumentException($"{userId} is not a student of the demo course.", nameof(userId));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximum);
        _results.AddOrUpdate((lineItem, userId),
            _ => new StoredResult(NextResultId(), DateTimeOffset.MinValue, score, maximum, comment),
            (_, stored) => stored with { Score = score, Maximum = maximum, Comment = comment });
    }

    /// <summary>
    /// POST {line item}/scores, checked as Canvas does: the score scope, a known line item, userId of an active
    /// student (not Student View: 422), both progress values, scoreMaximum with scoreGiven (422), a timestamp not
    /// earlier than the stored result (400). The result holds scoreGiven only when the grading progress is
    /// FullyGraded or PendingManual (Canvas ignores it otherwise), out of the score's maximum.
    /// </summary>
    public async Task<IResult> PostScoreAsync(HttpRequest request, int id, DemoTokenEndpoint tokens)
    {
        if (!tokens.Authorizes(request.Headers.Authorization, LtiScopes.AgsScore)) return Unauthorized();
        if (TakeFailure(request.HttpContext.Response) is { } failure) return failure;
        if (!_items.TryGetValue(id, out var item)) return NotFound();
        var (post, problem) = await ReadScoreAsync(request);
        if (post is null) return problem!;
        if (!IsStudent(post.UserId)) return Problem(422, "unprocessable_entity", "User not found in course or is not a student");
        var key = (id, post.UserId);
        if (_results.TryGetValue(key, out var stored) && post.Timestamp < stored.Timestamp)
            return Problem(400, "bad_request", "Provided timestamp of " + post.TimestampText + " before last updated timestamp");
        var score = post.Graded ? post.Given : null;
        var maximum = post.Maximum ?? Number(item["scoreMaximum"]) ?? 1m;
        var result = _results.AddOrUpdate(key,
            _ => new StoredResult(NextResultId(), post.Timestamp, score, maximum, post.Comment),
            (_, old) => old with { Timestamp = post.Timestamp, Score = score, Maximum = maximum, Comment = post.Comment });
        _received.Enqueue((id, (JsonObject)post.Body.DeepClone()));
        return Results.Json(new { resultUrl = ResultUrl(ContainerUrl(request), id, result.Id) });
    }

    private IResult? TakeFailure(HttpResponse response)
    {
        int status;
        int? retryAfter;
        lock (_failuresLock)
        {
            if (_failures.Count == 0) return null;
            _failures.Count--;
            (status, retryAfter) = (_failures.Status, _failures.RetryAfterSeconds);
        }
        if (retryAfter is { } seconds) response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problem(status, "scripted_failure", $"The demo gradebook was told to fail this score with HTTP {status}");
    }

    private static async Task<(ScorePost? Post, IResult? Problem)> ReadScoreAsync(HttpRequest request)
    {
        var type = request.ContentType ?? "";
        if (!type.StartsWith(LtiMediaTypes.Score, StringComparison.Ordinal) && !type.StartsWith("application/json", StringComparison.Ordinal))
            return (null, Problem(415, "unsupported_media_type", "Scores are application/vnd.ims.lis.v1.score+json"));
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }
        string? S(string name) => body?[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        if (body is null || S("userId") is not { } userId || !ActivityProgress.Contains(S("activityProgress")) || !GradingProgress.Contains(S("gradingProgress"))
            || !DateTimeOffset.TryParse(S("timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
            return (null, Problem(400, "bad_request", "userId, activityProgress, gradingProgress and an ISO-8601 timestamp are required"));
        var (given, maximum) = (Number(body["scoreGiven"]), Number(body["scoreMaximum"]));
        if ((body["scoreGiven"] is not null && given is null) || (body["scoreMaximum"] is not null && maximum is not > 0))
            return (null, Problem(400, "bad_request", "scoreGiven is a number and scoreMaximum a positive number"));
        if (given is not null && maximum is null)
            return (null, Problem(422, "unprocessable_entity", "ScoreMaximum must be present when ScoreGiven is present"));
        var graded = S("gradingProgress") is "FullyGraded" or "PendingManual";
        return (new ScorePost(body, userId, S("timestamp")!, timestamp, given, maximum, graded, S("comment")), null);
    }

    private bool IsStudent(string userId) =>
        DemoRoster.Members(_lms.Options.GeneratedStudents).FirstOrDefault(m => m.Subject == userId) is { } member
        && member.Roles.Contains(LearnerRole) && !member.Roles.Contains(TestUserRole);

    private long NextResultId() => Interlocked.Increment(ref _nextResultId);

    private sealed record ScorePost(JsonObject Body, string UserId, string TimestampText, DateTimeOffset Timestamp,
        decimal? Given, decimal? Maximum, bool Graded, string? Comment);
}
