using System.Globalization;
using LtiTool.Lti.Launch;
using LtiTool.Web.Data.Entities;
using Microsoft.Extensions.Primitives;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>
/// The audit log's filters, read from the query string that the page, the JSON API and both CSV exports share:
/// <c>action</c> (a prefix such as <c>grade.</c>), <c>actor</c> (a user id, or part of a name), <c>target</c>
/// (part of it), <c>contextId</c> (a course), <c>platform</c> (a registration id: the entries belonging to it, see
/// <see cref="AuditScope"/>), <c>from</c>/<c>to</c> (UTC; a date alone covers the whole day), <c>adminOnly</c> and
/// <c>page</c>. A value that cannot be read is named with its problem, never guessed. The filter narrows what the
/// administrator's scope shows; it never widens it.
/// </summary>
public sealed record AuditFilter(string? Action, string? Actor, Guid? ActorUserId, string? Target, Guid? ContextId, string? PlatformId, DateTime? From,
    DateTime? Until, bool AdminOnly, int Page)
{
    public const int PageSize = 50;
    public const int MaxPage = 100_000;
    private const int MaxTextLength = 200;

    public sealed record FieldError(string Field, string Message);

    public static readonly LtiError Invalid = new("audit_filter_invalid", 400, "The filter is not valid",
        "One or more filters could not be read; nothing was searched. Each field's problem is listed.");

    public static AuditFilter None { get; } = new(null, null, null, null, null, null, null, null, false, 1);

    private static readonly string[] InstantFormats =
        ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK"];

    /// <summary>The filter, or every field's problem (and no filter).</summary>
    public static (AuditFilter? Filter, IReadOnlyList<FieldError> Errors) Read(IQueryCollection query)
    {
        var errors = new List<FieldError>();
        string? Text(string field, int max)
        {
            if (Single(query, field, errors) is not { } value) return null;
            if (value.Length <= max) return value;
            errors.Add(new FieldError(field, $"At most {max} characters."));
            return null;
        }

        var action = Text("action", 64)?.ToLowerInvariant();
        var actor = Text("actor", MaxTextLength);
        var target = Text("target", MaxTextLength);
        var platform = Text("platform", 64);
        Guid? contextId = null;
        if (Single(query, "contextId", errors) is { } course)
        {
            if (Guid.TryParse(course, out var id)) contextId = id;
            else errors.Add(new FieldError("contextId", "Not a course id: the tool's course ids look like 0193a5c4-7f1e-7c2a-9b1d-3e4f5a6b7c8d."));
        }
        var from = ReadInstant(query, "from", endOfDay: false, errors);
        var until = ReadInstant(query, "to", endOfDay: true, errors);
        if (from is not null && until is not null && until <= from)
            errors.Add(new FieldError("to", "The end of the period is before its start."));
        var adminOnly = false;
        if (Single(query, "adminOnly", errors)?.ToLowerInvariant() is { } flag)
        {
            if (flag is "true" or "on" or "1") adminOnly = true;
            else if (flag is not ("false" or "off" or "0")) errors.Add(new FieldError("adminOnly", "Use true or false."));
        }
        var page = 1;
        if (Single(query, "page", errors) is { } number)
        {
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > MaxPage)
                errors.Add(new FieldError("page", $"A whole number from 1 to {MaxPage}."));
        }
        if (errors.Count > 0) return (null, errors);
        Guid? actorId = Guid.TryParse(actor, out var userId) ? userId : null;
        return (new AuditFilter(action, actorId is null ? actor : null, actorId, target, contextId, platform, from, until, adminOnly, page), []);
    }

    public IQueryable<AuditEntryEntity> Apply(IQueryable<AuditEntryEntity> entries)
    {
        if (Action is { } action) entries = entries.Where(e => e.Action.StartsWith(action));
        if (ActorUserId is { } userId) entries = entries.Where(e => e.ActorUserId == userId);
        // lower() on both sides: the same case-insensitive match on SQLite and PostgreSQL.
        if (Actor?.ToLowerInvariant() is { } name) entries = entries.Where(e => e.ActorName.ToLower().Contains(name));
        if (Target?.ToLowerInvariant() is { } target) entries = entries.Where(e => e.Target != null && e.Target.ToLower().Contains(target));
        if (ContextId is { } contextId) entries = entries.Where(e => e.ContextId == contextId);
        if (From is { } from) entries = entries.Where(e => e.At >= from);
        if (Until is { } until) entries = entries.Where(e => e.At < until);
        if (AdminOnly) entries = entries.Where(e => e.AdminRights);
        return entries;
    }

    /// <summary>The query string of this filter (for links and the exports), with another page or none.</summary>
    public string ToQueryString(int? page = null)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) values.Add(new(key, value));
        }
        Add("action", Action);
        Add("actor", ActorUserId?.ToString() ?? Actor);
        Add("target", Target);
        Add("contextId", ContextId?.ToString());
        Add("platform", PlatformId);
        Add("from", From is { } from ? from.TimeOfDay == TimeSpan.Zero ? DayText(from) : InstantText(from) : null);
        // Until is exclusive and "to" inclusive: the day before a midnight, or the instant just before it.
        Add("to", Until is { } until ? until.TimeOfDay == TimeSpan.Zero ? DayText(until.AddDays(-1)) : InstantText(until.AddTicks(-1)) : null);
        if (AdminOnly) Add("adminOnly", "true");
        if (page is > 1) Add("page", page.Value.ToString(CultureInfo.InvariantCulture));
        return QueryString.Create(values).ToString();
    }

    private static string DayText(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string InstantText(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string? Single(IQueryCollection query, string field, List<FieldError> errors)
    {
        if (!query.TryGetValue(field, out StringValues values)) return null;
        if (values.Count > 1)
        {
            errors.Add(new FieldError(field, "Give it once."));
            return null;
        }
        var value = values.ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// A UTC instant: <c>2026-11-23</c> (from the start of that day, or to its end) or an ISO 8601 time
    /// (<c>2026-11-23T14:05</c>, seconds and fractions optional; an offset is converted, none means UTC). An end
    /// is inclusive; what comes back is the exclusive bound after it.
    /// </summary>
    private static DateTime? ReadInstant(IQueryCollection query, string field, bool endOfDay, List<FieldError> errors)
    {
        if (Single(query, field, errors) is not { } text) return null;
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        DateTime value;
        bool dayOnly;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, utc, out value)) dayOnly = true;
        else if (DateTime.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, utc, out value)) dayOnly = false;
        else
        {
            errors.Add(new FieldError(field, "Not a date: use 2026-11-23 or 2026-11-23T14:05:00Z (UTC)."));
            return null;
        }
        if (value.Year < 2000 || value.Year > 2999)
        {
            errors.Add(new FieldError(field, "Out of range: a year from 2000 to 2999."));
            return null;
        }
        value = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        if (!endOfDay) return value;
        return dayOnly ? value.AddDays(1) : value.AddTicks(1);
    }
}
