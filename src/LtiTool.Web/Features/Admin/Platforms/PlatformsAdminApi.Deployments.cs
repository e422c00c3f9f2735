using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Platforms;

/// <summary>The deployments of a registration: the policy for new ones, adding, approving, rejecting and removing them.</summary>
public static partial class PlatformsAdminApi
{
    private static async Task<IResult> SetPolicyAsync(string id, PolicyRequest body, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, TimeProvider time, CancellationToken ct)
    {
        if (body.Policy is null || !DeploymentPolicies.All.Contains(body.Policy)) return Invalid(http, [new FieldError("policy", "Strict or AutoRegister.")]);
        var entity = await db.Platforms.Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null) return Problem(http, PlatformNotFound);
        var before = entity.DeploymentPolicy;
        entity.DeploymentPolicy = body.Policy;
        entity.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await audit.AddAsync("platform.deployment_policy", entity.Id, new { policy = before }, new { policy = body.Policy }, adminRights: true, cancellationToken: ct);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Results.Ok(View(entity));
    }

    private static async Task<IResult> AddDeploymentAsync(string id, DeploymentRequest body, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, TimeProvider time, CancellationToken ct)
    {
        var entity = await db.Platforms.Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null) return Problem(http, PlatformNotFound);
        if (entity.Source == PlatformSources.Configuration) return Problem(http, PlatformReadOnly);
        var deploymentId = body.DeploymentId?.Trim();
        if (string.IsNullOrEmpty(deploymentId) || deploymentId.Length > 256) return Invalid(http, [new FieldError("deploymentId", "A deployment id of 1 to 256 characters.")]);
        var now = time.GetUtcNow().UtcDateTime;
        var existing = entity.Deployments.FirstOrDefault(d => d.DeploymentId == deploymentId);
        if (existing is null)
            entity.Deployments.Add(new DeploymentEntity { PlatformId = id, DeploymentId = deploymentId, Name = NullIfBlank(body.Name), CreatedAt = now, DecidedAt = now });
        else
            (existing.Status, existing.DecidedAt, existing.Name) = (DeploymentStates.Approved, now, NullIfBlank(body.Name) ?? existing.Name);
        await audit.AddAsync("deployment.add", $"{id}/{deploymentId}", after: new { status = DeploymentStates.Approved }, adminRights: true, cancellationToken: ct);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Results.Ok(View(entity));
    }

    private static async Task<IResult> DecideAsync(string id, string deploymentId, string decision, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, TimeProvider time, CancellationToken ct)
    {
        var entity = await db.Platforms.Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null) return Problem(http, PlatformNotFound);
        if (entity.Source == PlatformSources.Configuration && decision == DeploymentStates.Approved) return Problem(http, PlatformReadOnly);
        var deployment = entity.Deployments.FirstOrDefault(d => d.DeploymentId == deploymentId);
        if (deployment is null) return Problem(http, DeploymentNotFound);
        var before = deployment.Status;
        (deployment.Status, deployment.DecidedAt) = (decision, time.GetUtcNow().UtcDateTime);
        await audit.AddAsync(decision == DeploymentStates.Approved ? "deployment.approve" : "deployment.reject", $"{id}/{deploymentId}",
            new { status = before }, new { status = decision }, adminRights: true, cancellationToken: ct);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Results.Ok(View(entity));
    }

    private static async Task<IResult> RemoveDeploymentAsync(string id, string deploymentId, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, CancellationToken ct)
    {
        var entity = await db.Platforms.Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null) return Problem(http, PlatformNotFound);
        if (entity.Source == PlatformSources.Configuration) return Problem(http, PlatformReadOnly);
        var deployment = entity.Deployments.FirstOrDefault(d => d.DeploymentId == deploymentId);
        if (deployment is null) return Problem(http, DeploymentNotFound);
        entity.Deployments.Remove(deployment);
        await audit.AddAsync("deployment.remove", $"{id}/{deploymentId}", new { status = deployment.Status }, null, adminRights: true, cancellationToken: ct);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Results.NoContent();
    }
}
