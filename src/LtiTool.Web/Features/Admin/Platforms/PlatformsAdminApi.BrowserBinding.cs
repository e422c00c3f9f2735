using LtiTool.Lti.Platforms;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Platforms;

public static partial class PlatformsAdminApi
{
    /// <summary>
    /// <c>PUT /api/admin/platforms/{id}/browser-binding</c> with <c>{unboundLaunches, platformStorage}</c>: what the
    /// registration does with a launch whose browser proved no binding (Refuse or AcceptServerState), and when its
    /// logins use platform storage (WhenOffered, Probe or Off). A field left out keeps its value. A registration from
    /// configuration takes these from <c>Lti:Platforms</c> (409 <c>platform_read_only</c>).
    /// </summary>
    public sealed record BrowserBindingRequest(string? UnboundLaunches, string? PlatformStorage);

    /// <summary>The field checks of a browser-binding change (shared by the API and the command line).</summary>
    public static List<FieldError> ValidateBrowserBinding(BrowserBindingRequest body)
    {
        var errors = new List<FieldError>();
        if (body.UnboundLaunches is null && body.PlatformStorage is null)
            errors.Add(new FieldError("unboundLaunches", "Give unboundLaunches, platformStorage or both."));
        if (body.UnboundLaunches is { } unbound && !Enum.GetNames<UnboundLaunchPolicy>().Contains(unbound, StringComparer.Ordinal))
            errors.Add(new FieldError("unboundLaunches", "Refuse or AcceptServerState."));
        if (body.PlatformStorage is { } storage && !Enum.GetNames<PlatformStorageMode>().Contains(storage, StringComparer.Ordinal))
            errors.Add(new FieldError("platformStorage", "WhenOffered, Probe or Off."));
        return errors;
    }

    /// <summary>Applies a validated change and records it (the caller saves).</summary>
    public static async Task ApplyBrowserBindingAsync(PlatformEntity entity, BrowserBindingRequest body, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var before = new { unboundLaunches = entity.UnboundLaunchPolicy, platformStorage = entity.PlatformStorage };
        entity.UnboundLaunchPolicy = body.UnboundLaunches ?? entity.UnboundLaunchPolicy;
        entity.PlatformStorage = body.PlatformStorage ?? entity.PlatformStorage;
        entity.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await audit.AddAsync("platform.browser_binding", entity.Id, before,
            new { unboundLaunches = entity.UnboundLaunchPolicy, platformStorage = entity.PlatformStorage }, adminRights: true, cancellationToken: ct);
    }

    private static async Task<IResult> SetBrowserBindingAsync(string id, BrowserBindingRequest body, HttpContext http, LtiToolDbContext db, AuditLog audit,
        EfPlatformStore store, TimeProvider time, CancellationToken ct)
    {
        if (ValidateBrowserBinding(body) is { Count: > 0 } errors) return Invalid(http, errors);
        var entity = await db.Platforms.Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null) return Problem(http, PlatformNotFound);
        if (entity.Source == PlatformSources.Configuration) return Problem(http, PlatformReadOnly);
        await ApplyBrowserBindingAsync(entity, body, audit, time, ct);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Results.Ok(View(entity));
    }
}
