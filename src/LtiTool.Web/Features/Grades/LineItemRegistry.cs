using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Services;
using LtiTool.Lti.Services.Ags;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Grades;

/// <summary>A course's gradebook service as the newest launch from it described it.</summary>
public sealed record CourseAgs(ContextEntity Context, PlatformRegistration Registration, Uri LineItemsUrl, IReadOnlyList<string> Scopes)
{
    public bool Can(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}

/// <summary>What a column should be: its key (resource link, tag) and its values.</summary>
public sealed record LineItemSpec(
    string Label,
    decimal ScoreMaximum,
    string? Tag = null,
    string? ResourceId = null,
    string? ResourceLinkId = null,
    string? StartDateTime = null,
    string? EndDateTime = null,
    string? Scheme = null);

/// <summary>
/// The line-item registry (deployment, course, resource link, tag → the platform's line item URL). Columns are
/// looked up by key before one is created, on the platform as well as locally, so a retried or repeated request
/// never adds a second gradebook column; a line item the platform no longer knows (404) is looked up again by
/// its key. Endpoints and scopes come from the course's newest launch, so this works days after any launch.
/// </summary>
public sealed class LineItemRegistry(LtiToolDbContext db, AgsClient ags, IPlatformStore platforms, TimeProvider time)
{
    public static readonly LtiError AgsNotOffered = new("ags_not_offered", 409, "No gradebook service for this course",
        "No launch from this course carried the Assignment and Grade Services claim with a line items URL. Check that the developer key has the AGS scopes, then launch the tool from the course once.");

    public static readonly LtiError AgsScopeMissing = new("ags_scope_missing", 403, "The gradebook scope was not granted",
        "The platform did not grant this tool the gradebook scope this action needs. Add it to the developer key (line items, scores, results) and launch again.");

    public static readonly LtiError LineItemNotFound = new("line_item_not_found", 404, "No such gradebook column",
        "The column is not in this course's gradebook (it may have been deleted in the LMS). Refresh the columns.");

    /// <summary>The course's AGS endpoint and scopes from its newest launch that carried them.</summary>
    public async Task<(CourseAgs? Ags, LtiError? Error)> FindAgsAsync(Guid contextId, CancellationToken cancellationToken)
    {
        var context = await db.Contexts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contextId, cancellationToken);
        var launch = context is null ? null : await db.LaunchRecords.AsNoTracking()
            .Where(l => l.ContextId == contextId && l.AgsLineItemsUrl != null)
            .OrderByDescending(l => l.CreatedAt)
            .Select(l => new { l.AgsLineItemsUrl, l.AgsScopes })
            .FirstOrDefaultAsync(cancellationToken);
        if (context is null || launch is null || !Uri.TryCreate(launch.AgsLineItemsUrl, UriKind.Absolute, out var url)) return (null, AgsNotOffered);
        var registration = await platforms.FindByIdAsync(context.PlatformId, cancellationToken);
        if (registration is null) return (null, LtiErrors.UnknownPlatform);
        var scopes = (launch.AgsScopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (new CourseAgs(context, registration, url, scopes), null);
    }

    /// <summary>
    /// Reads every column from the platform (all pages) into the registry: new ones are added, changed ones
    /// updated, and ones the platform no longer lists are marked gone — never deleted, their grades stay.
    /// </summary>
    public async Task<List<LineItemEntity>> SyncAsync(CourseAgs course, CancellationToken cancellationToken)
    {
        var known = await db.LineItems.Where(l => l.ContextId == course.Context.Id).ToListAsync(cancellationToken);
        var byUrl = known.ToDictionary(l => l.Url, StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var now = time.GetUtcNow().UtcDateTime;
        await foreach (var item in ags.ListAsync(course.Registration, course.LineItemsUrl, new LineItemQuery(), cancellationToken))
        {
            if (item.Id is not { } url || !listed.Add(url)) continue;
            if (byUrl.TryGetValue(url, out var entity))
            {
                Apply(entity, item, now);
                continue;
            }
            var key = (item.ResourceLinkId ?? "", item.Tag ?? "");
            // Two platform columns with one key: the first keeps the key; calls by URL still reach the other.
            if (known.Any(l => (l.ResourceLinkId, l.Tag) == key)) continue;
            entity = NewEntity(course, item, url, scheme: null, now);
            known.Add(entity);
            byUrl[url] = entity;
            db.LineItems.Add(entity);
        }
        foreach (var gone in known.Where(l => !listed.Contains(l.Url) && l.GoneAt is null)) gone.GoneAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return known.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).ToList();
    }

    /// <summary>
    /// The column with this key: from the registry, else found on the platform by its key, else created there.
    /// The answer says whether it was created now.
    /// </summary>
    public async Task<(LineItemEntity Item, bool Created)> EnsureAsync(CourseAgs course, LineItemSpec spec, CancellationToken cancellationToken)
    {
        var key = (ResourceLinkId: spec.ResourceLinkId ?? "", Tag: spec.Tag ?? "");
        var existing = await FindByKeyAsync(course.Context.Id, key.ResourceLinkId, key.Tag, cancellationToken);
        if (existing is not null && existing.GoneAt is null) return (existing, false);

        var now = time.GetUtcNow().UtcDateTime;
        var onPlatform = await FindOnPlatformAsync(course, key.ResourceLinkId, key.Tag, cancellationToken);
        var created = onPlatform is null;
        onPlatform ??= await ags.CreateAsync(course.Registration, course.LineItemsUrl, ToLineItem(spec, id: null), cancellationToken);
        var url = onPlatform.Id ?? throw new LtiServiceException(LtiErrors.ServiceResponseInvalid.WithDetail("the created line item has no id"));

        if (existing is not null)
        {
            // The column was deleted in the LMS and is back (found or recreated): same key, new URL, grades kept.
            existing.Url = url;
            existing.GoneAt = null;
            Apply(existing, onPlatform, now);
            existing.Scheme = spec.Scheme ?? existing.Scheme;
            await db.SaveChangesAsync(cancellationToken);
            return (existing, created);
        }
        var entity = NewEntity(course, onPlatform, url, spec.Scheme, now);
        db.LineItems.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (entity, created);
        }
        catch (DbUpdateException)
        {
            // Another request registered the same key at the same moment: keep its column, remove ours.
            db.ChangeTracker.Clear();
            if (created) await DeleteOnPlatformAsync(course, url, cancellationToken);
            var winner = await FindByKeyAsync(course.Context.Id, key.ResourceLinkId, key.Tag, cancellationToken)
                ?? throw new InvalidOperationException("A line item key collided but no row holds it.");
            return (winner, false);
        }
    }

    /// <summary>Changes a column's label, maximum, dates or scheme, on the platform first.</summary>
    public async Task<LineItemEntity> UpdateAsync(CourseAgs course, Guid lineItemId, LineItemSpec spec, CancellationToken cancellationToken)
    {
        var entity = await db.LineItems.FirstOrDefaultAsync(l => l.Id == lineItemId && l.ContextId == course.Context.Id, cancellationToken)
            ?? throw new LtiServiceException(LineItemNotFound);
        var item = ToLineItem(spec with { Tag = NullIfEmpty(entity.Tag), ResourceLinkId = NullIfEmpty(entity.ResourceLinkId) }, entity.Url);
        LineItem updated;
        try
        {
            updated = await ags.UpdateAsync(course.Registration, item, cancellationToken);
        }
        catch (LtiServiceException e) when (e.PlatformStatus == 404)
        {
            entity.GoneAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            throw new LtiServiceException(LineItemNotFound, 404);
        }
        Apply(entity, updated, time.GetUtcNow().UtcDateTime);
        entity.Scheme = spec.Scheme ?? entity.Scheme;
        await db.SaveChangesAsync(cancellationToken);
        return entity;
    }

    /// <summary>Deletes a column on the platform (already gone is fine) and from the registry, with its grades.</summary>
    public async Task<bool> DeleteAsync(CourseAgs course, Guid lineItemId, CancellationToken cancellationToken)
    {
        var entity = await db.LineItems.FirstOrDefaultAsync(l => l.Id == lineItemId && l.ContextId == course.Context.Id, cancellationToken);
        if (entity is null) return false;
        await DeleteOnPlatformAsync(course, entity.Url, cancellationToken);
        db.LineItems.Remove(entity);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// After a 404 for a column's URL: looks the column up on the platform by its key. Returns the new URL when
    /// it is there under another id, or null (and marks it gone) when the LMS has no such column any more.
    /// </summary>
    public async Task<string?> ReResolveAsync(CourseAgs course, Guid lineItemId, CancellationToken cancellationToken)
    {
        var entity = await db.LineItems.FirstOrDefaultAsync(l => l.Id == lineItemId, cancellationToken);
        if (entity is null) return null;
        var found = await FindOnPlatformAsync(course, entity.ResourceLinkId, entity.Tag, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (found?.Id is { } url && url != entity.Url)
        {
            entity.Url = url;
            entity.GoneAt = null;
            Apply(entity, found, now);
        }
        else
        {
            entity.GoneAt ??= now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return entity.GoneAt is null ? entity.Url : null;
    }

    /// <summary>
    /// The column a launch named in its AGS claim (`lineitem`: Canvas's column of the assignment), entered in the
    /// registry under the launch's resource link so scores can go through the outbox. No platform call.
    /// </summary>
    public async Task<LineItemEntity> RegisterLaunchColumnAsync(ContextEntity context, string url, string? resourceLinkId, string label,
        decimal scoreMaximum, CancellationToken cancellationToken)
    {
        var existing = await db.LineItems.FirstOrDefaultAsync(l => l.ContextId == context.Id && l.Url == url, cancellationToken);
        if (existing is not null) return existing;
        var now = time.GetUtcNow().UtcDateTime;
        var keyTaken = await db.LineItems.AnyAsync(l => l.ContextId == context.Id && l.ResourceLinkId == (resourceLinkId ?? "") && l.Tag == "", cancellationToken);
        var entity = new LineItemEntity
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ContextId = context.Id,
            PlatformId = context.PlatformId,
            DeploymentId = context.DeploymentId,
            ResourceLinkId = resourceLinkId ?? "",
            // A second column of the same resource link (the key is taken): told apart by its URL.
            Tag = keyTaken ? "url:" + url[^Math.Min(url.Length, 200)..] : "",
            Url = url,
            Label = label,
            ScoreMaximum = scoreMaximum,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.LineItems.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return entity;
        }
        catch (DbUpdateException)
        {
            // Registered by a concurrent submission from the same course: use that row.
            db.ChangeTracker.Clear();
            return await db.LineItems.FirstAsync(l => l.ContextId == context.Id && l.Url == url, cancellationToken);
        }
    }

    private Task<LineItemEntity?> FindByKeyAsync(Guid contextId, string resourceLinkId, string tag, CancellationToken cancellationToken) =>
        db.LineItems.FirstOrDefaultAsync(l => l.ContextId == contextId && l.ResourceLinkId == resourceLinkId && l.Tag == tag, cancellationToken);

    // Asking the platform with the key's filters; an unkeyed column (neither tag nor resource link) is never
    // matched on the platform, since any column would fit it.
    private async Task<LineItem?> FindOnPlatformAsync(CourseAgs course, string resourceLinkId, string tag, CancellationToken cancellationToken)
    {
        if (resourceLinkId.Length == 0 && tag.Length == 0) return null;
        var query = new LineItemQuery(Tag: NullIfEmpty(tag), ResourceLinkId: NullIfEmpty(resourceLinkId));
        await foreach (var item in ags.ListAsync(course.Registration, course.LineItemsUrl, query, cancellationToken))
        {
            if ((item.ResourceLinkId ?? "") == resourceLinkId && (item.Tag ?? "") == tag) return item;
        }
        return null;
    }

    private async Task DeleteOnPlatformAsync(CourseAgs course, string url, CancellationToken cancellationToken)
    {
        try
        {
            await ags.DeleteAsync(course.Registration, new Uri(url), cancellationToken);
        }
        catch (LtiServiceException e) when (e.PlatformStatus == 404)
        {
            // Already gone: what we wanted.
        }
    }

    private LineItemEntity NewEntity(CourseAgs course, LineItem item, string url, string? scheme, DateTime now) => Apply(new LineItemEntity
    {
        Id = Guid.CreateVersion7(time.GetUtcNow()),
        ContextId = course.Context.Id,
        PlatformId = course.Registration.Id,
        DeploymentId = course.Context.DeploymentId,
        ResourceLinkId = item.ResourceLinkId ?? "",
        Tag = item.Tag ?? "",
        Url = url,
        Label = item.Label,
        Scheme = scheme,
        CreatedAt = now,
    }, item, now);

    private static LineItemEntity Apply(LineItemEntity entity, LineItem item, DateTime now)
    {
        entity.Label = item.Label;
        entity.ScoreMaximum = item.ScoreMaximum;
        entity.ResourceId = item.ResourceId;
        entity.StartDateTime = item.StartDateTime;
        entity.EndDateTime = item.EndDateTime;
        entity.GoneAt = null;
        entity.UpdatedAt = now;
        return entity;
    }

    private static LineItem ToLineItem(LineItemSpec spec, string? id) =>
        new(id, spec.ScoreMaximum, spec.Label, spec.ResourceId, spec.Tag, spec.ResourceLinkId, spec.StartDateTime, spec.EndDateTime);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
