using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Services;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Access;
using LtiTool.Web.Features.Admin.Audit;
using LtiTool.Web.Features.Roles;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Platforms;

/// <summary>
/// Platform registrations (Canvas developer keys) and their deployments, for administrators with
/// manage_platforms: list, add (or "Add Canvas" from a client id), edit, enable/disable, delete, the deployment
/// policy and approval queue, and a connection test. Registrations from configuration are read-only here.
/// Every change is audited; bad input gets field-level messages and changes nothing. A platform's administrator
/// sees and manages only that registration (<see cref="PlatformScope"/>) and keeps its issuer and client id;
/// adding, deleting, enabling and disabling registrations are tool-wide (<see cref="ToolWideAdmin"/>) — disabling
/// its own would lock that school's administrators out with no way back in but a tool-wide one.
/// </summary>
public static partial class PlatformsAdminApi
{
    public sealed record PlatformRequest(string? Name, string? Issuer, string? ClientId, string? AuthorizationEndpoint, string? JwksUri, string? TokenEndpoint,
        IReadOnlyList<string>? DeploymentIds, string? DeploymentPolicy);

    public sealed record CanvasRequest(string? ClientId, string? Environment, string? Name, IReadOnlyList<string>? DeploymentIds, string? DeploymentPolicy);

    public sealed record EnabledRequest(bool Enabled);

    public sealed record DeploymentRequest(string? DeploymentId, string? Name);

    public sealed record PolicyRequest(string? Policy);

    public sealed record FieldError(string Field, string Message);

    public static readonly LtiError PlatformInvalid = new("platform_invalid", 400, "The registration is not valid",
        "One or more fields are wrong; nothing was changed. Each field's problem is listed in errors.");

    public static readonly LtiError PlatformNotFound = new("platform_not_found", 404, "No such platform", "No platform registration has this id.");

    public static readonly LtiError PlatformReadOnly = new("platform_read_only", 409, "Managed elsewhere",
        "This registration comes from configuration (Lti:Platforms) or is the demo LMS: change it there. Only registrations added here can be edited or deleted here.");

    public static readonly LtiError PlatformInUse = new("platform_in_use", 409, "The platform has launches",
        "Launches, courses and grades refer to this registration, so it is not deleted. Disable it instead.");

    public static readonly LtiError DeploymentNotFound = new("deployment_not_found", 404, "No such deployment", "The registration has no deployment with this id.");

    /// <summary>Hosted Canvas's endpoints per environment (the sso.* auth domain; issuer per environment).</summary>
    public static readonly IReadOnlyDictionary<string, (string Issuer, string AuthDomain)> CanvasEnvironments = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["production"] = ("https://canvas.instructure.com", "https://sso.canvaslms.com"),
        ["beta"] = ("https://canvas.beta.instructure.com", "https://sso.beta.canvaslms.com"),
        ["test"] = ("https://canvas.test.instructure.com", "https://sso.test.canvaslms.com"),
    };

    public static IEndpointRouteBuilder MapPlatformsAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/platforms").OnlyWithinScope();
        group.MapGet("/", ListAsync).RequirePermission(Permissions.ManagePlatforms);
        group.MapPost("/", CreateAsync).RequireToolWideAdmin();
        group.MapPost("/canvas", CreateCanvasAsync).RequireToolWideAdmin();
        group.MapPut("/{id}", UpdateAsync).RequirePermission(Permissions.ManagePlatforms);
        group.MapPost("/{id}/enabled", SetEnabledAsync).RequireToolWideAdmin();
        group.MapDelete("/{id}", DeleteAsync).RequireToolWideAdmin();
        group.MapPut("/{id}/deployment-policy", SetPolicyAsync).RequirePermission(Permissions.ManagePlatforms);
        group.MapPut("/{id}/browser-binding", SetBrowserBindingAsync).RequirePermission(Permissions.ManagePlatforms);
        group.MapPost("/{id}/deployments", AddDeploymentAsync).RequirePermission(Permissions.ManagePlatforms);
        group.MapPost("/{id}/deployments/{deploymentId}/approve", (string id, string deploymentId, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, TimeProvider time, CancellationToken ct) =>
            DecideAsync(id, deploymentId, DeploymentStates.Approved, http, db, audit, store, time, ct)).RequirePermission(Permissions.ManagePlatforms);
        group.MapPost("/{id}/deployments/{deploymentId}/reject", (string id, string deploymentId, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, TimeProvider time, CancellationToken ct) =>
            DecideAsync(id, deploymentId, DeploymentStates.Rejected, http, db, audit, store, time, ct)).RequirePermission(Permissions.ManagePlatforms);
        group.MapDelete("/{id}/deployments/{deploymentId}", RemoveDeploymentAsync).RequirePermission(Permissions.ManagePlatforms);
        group.MapPost("/{id}/test", TestAsync).RequirePermission(Permissions.ManagePlatforms);
        return app;
    }

    /// <summary>Every registration in the scope with its deployments (pending ones first within each).</summary>
    private static async Task<IResult> ListAsync(HttpContext http, LtiToolDbContext db, SessionAccessReader access, CancellationToken ct)
    {
        var scope = await access.ScopeAsync(http.User, ct);
        var rows = await PlatformScope.Within(db.Platforms.AsNoTracking(), scope).Include(p => p.Deployments).OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);
        return Results.Ok(rows.Select(View).ToList());
    }

    private static async Task<IResult> CreateAsync(PlatformRequest body, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, TimeProvider time, CancellationToken ct)
    {
        var errors = await ValidateAsync(body, db, existingId: null, ct);
        if (errors.Count > 0) return Invalid(http, errors);
        var entity = NewEntity(body, time);
        db.Platforms.Add(entity);
        await audit.AddAsync("platform.add", entity.Id, after: Snapshot(entity), adminRights: true, cancellationToken: ct);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Results.Created($"/api/admin/platforms/{entity.Id}", View(entity));
    }

    private static Task<IResult> CreateCanvasAsync(CanvasRequest body, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, TimeProvider time, CancellationToken ct)
    {
        if (CanvasRequestFor(body) is not { } request)
            return Task.FromResult(Invalid(http, [new FieldError("environment", "Choose production, beta or test.")]));
        return CreateAsync(request, http, db, audit, store, time, ct);
    }

    private static async Task<IResult> UpdateAsync(string id, PlatformRequest body, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store,
        SessionAccessReader access, TimeProvider time, CancellationToken ct)
    {
        var entity = await db.Platforms.Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null) return Problem(http, PlatformNotFound);
        if (entity.Source != PlatformSources.Database) return Problem(http, PlatformReadOnly);
        if (!(await access.ScopeAsync(http.User, ct)).IsToolWide && PlatformScope.IdentityChanges(body, entity) is { Count: > 0 } identity)
            return Problem(http, ToolWideAdmin.Refused, identity);
        var errors = await ValidateAsync(body, db, existingId: id, ct);
        if (errors.Count > 0) return Invalid(http, errors);
        var before = Snapshot(entity);
        entity.Name = string.IsNullOrWhiteSpace(body.Name) ? entity.Name : body.Name.Trim();
        entity.Issuer = body.Issuer!.Trim();
        entity.ClientId = body.ClientId!.Trim();
        entity.AuthorizationEndpoint = body.AuthorizationEndpoint!.Trim();
        entity.JwksUri = body.JwksUri!.Trim();
        entity.TokenEndpoint = NullIfBlank(body.TokenEndpoint);
        entity.DeploymentPolicy = body.DeploymentPolicy ?? entity.DeploymentPolicy;
        var now = time.GetUtcNow().UtcDateTime;
        if (body.DeploymentIds is not null)
        {
            var wanted = Deployments(body.DeploymentIds).ToHashSet(StringComparer.Ordinal);
            entity.Deployments.RemoveAll(d => d.Status == DeploymentStates.Approved && !wanted.Contains(d.DeploymentId));
            foreach (var deployment in wanted)
            {
                var existing = entity.Deployments.FirstOrDefault(d => d.DeploymentId == deployment);
                if (existing is null) entity.Deployments.Add(new DeploymentEntity { PlatformId = entity.Id, DeploymentId = deployment, CreatedAt = now, DecidedAt = now });
                else if (existing.Status != DeploymentStates.Approved) (existing.Status, existing.DecidedAt) = (DeploymentStates.Approved, now);
            }
        }
        entity.UpdatedAt = now;
        await audit.AddAsync("platform.edit", entity.Id, before, Snapshot(entity), adminRights: true, cancellationToken: ct);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Results.Ok(View(entity));
    }

    private static async Task<IResult> SetEnabledAsync(string id, EnabledRequest body, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, TimeProvider time, CancellationToken ct)
    {
        var entity = await db.Platforms.Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null) return Problem(http, PlatformNotFound);
        if (entity.Source == PlatformSources.Configuration) return Problem(http, PlatformReadOnly);
        var before = entity.Enabled;
        entity.Enabled = body.Enabled;
        entity.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await audit.AddAsync(body.Enabled ? "platform.enable" : "platform.disable", entity.Id, new { enabled = before }, new { enabled = body.Enabled }, adminRights: true, cancellationToken: ct);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Results.Ok(View(entity));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, LtiToolDbContext db, AuditLog audit, EfPlatformStore store, CancellationToken ct)
    {
        var entity = await db.Platforms.Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null) return Problem(http, PlatformNotFound);
        if (entity.Source != PlatformSources.Database) return Problem(http, PlatformReadOnly);
        if (await db.LaunchRecords.AnyAsync(l => l.PlatformId == id, ct) || await db.Contexts.AnyAsync(c => c.PlatformId == id, ct)) return Problem(http, PlatformInUse);
        await audit.AddAsync("platform.delete", entity.Id, Snapshot(entity), null, adminRights: true, cancellationToken: ct);
        db.Platforms.Remove(entity);
        await db.SaveChangesAsync(ct);
        store.Invalidate();
        return Results.NoContent();
    }

    private static async Task<IResult> TestAsync(string id, HttpContext http, IPlatformStore platforms, ConnectionTest test, AuditLog audit, CancellationToken ct)
    {
        var registration = await platforms.FindByIdAsync(id, ct);
        if (registration is null) return Problem(http, PlatformNotFound);
        var steps = await test.RunAsync(registration, ct);
        await audit.RecordAsync("platform.test", id, after: new { passed = steps.All(s => s.Ok) }, adminRights: true, cancellationToken: ct);
        return Results.Ok(new { passed = steps.All(s => s.Ok), steps });
    }

    /// <summary>A new admin-managed registration from a validated request (shared by the API and the command line).</summary>
    public static PlatformEntity NewEntity(PlatformRequest body, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var entity = new PlatformEntity
        {
            Id = "plt_" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N")[^16..],
            Name = string.IsNullOrWhiteSpace(body.Name) ? new Uri(body.Issuer!).Host : body.Name.Trim(),
            Issuer = body.Issuer!.Trim(), ClientId = body.ClientId!.Trim(),
            AuthorizationEndpoint = body.AuthorizationEndpoint!.Trim(), JwksUri = body.JwksUri!.Trim(), TokenEndpoint = NullIfBlank(body.TokenEndpoint),
            DeploymentPolicy = body.DeploymentPolicy ?? DeploymentPolicies.Strict,
            Source = PlatformSources.Database, CreatedAt = now, UpdatedAt = now,
        };
        foreach (var deployment in Deployments(body.DeploymentIds))
            entity.Deployments.Add(new DeploymentEntity { PlatformId = entity.Id, DeploymentId = deployment, CreatedAt = now, DecidedAt = now });
        return entity;
    }

    /// <summary>The request "Add Canvas" makes for a client id and environment, or null for an unknown environment.</summary>
    public static PlatformRequest? CanvasRequestFor(CanvasRequest body)
    {
        if (body.Environment is null || !CanvasEnvironments.TryGetValue(body.Environment, out var canvas)) return null;
        return new PlatformRequest(
            string.IsNullOrWhiteSpace(body.Name) ? $"Canvas ({body.Environment.ToLowerInvariant()})" : body.Name,
            canvas.Issuer, body.ClientId,
            canvas.AuthDomain + "/api/lti/authorize_redirect", canvas.AuthDomain + "/api/lti/security/jwks", canvas.AuthDomain + "/login/oauth2/token",
            body.DeploymentIds, body.DeploymentPolicy);
    }

    /// <summary>
    /// Field checks shared by the API and the command line: https except loopback, issuer + client id unique. An edit
    /// (<paramref name="existingId"/> set) without <c>deploymentIds</c> keeps the registration's deployments, so
    /// only a list that is given must name one.
    /// </summary>
    public static async Task<List<FieldError>> ValidateAsync(PlatformRequest body, LtiToolDbContext db, string? existingId, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var options = new PlatformOptions
        {
            Name = body.Name, Issuer = body.Issuer?.Trim(), ClientId = body.ClientId?.Trim(), AuthorizationEndpoint = body.AuthorizationEndpoint?.Trim(),
            JwksUri = body.JwksUri?.Trim(), TokenEndpoint = NullIfBlank(body.TokenEndpoint), DeploymentIds = Deployments(body.DeploymentIds).ToList(),
        };
        var keepsDeployments = existingId is not null && body.DeploymentIds is null;
        foreach (var problem in options.Problems())
        {
            var key = problem.Key.Split(':')[0];
            if (keepsDeployments && key == nameof(PlatformOptions.DeploymentIds)) continue;
            // "JwksUri" → field jwksUri; the message names the key as the configuration does.
            errors.Add(new FieldError(char.ToLowerInvariant(key[0]) + key[1..], $"{problem.Key} {problem.Message}"));
        }
        // The issuer is an identifier, but a registration made here is an LMS on the web: an https URL (http for loopback only).
        if (!string.IsNullOrWhiteSpace(body.Issuer) && (!Uri.TryCreate(body.Issuer.Trim(), UriKind.Absolute, out var issuer)
            || !(issuer.Scheme == Uri.UriSchemeHttps || (issuer.Scheme == Uri.UriSchemeHttp && issuer.IsLoopback))))
            errors.Add(new FieldError("issuer", "The issuer must be an https URL (plain http only for loopback addresses)."));
        if (body.Name is { Length: > 200 }) errors.Add(new FieldError("name", "At most 200 characters."));
        if (body.DeploymentPolicy is { } policy && !DeploymentPolicies.All.Contains(policy)) errors.Add(new FieldError("deploymentPolicy", "Strict or AutoRegister."));
        if (errors.Count == 0 && await db.Platforms.AnyAsync(p => p.Issuer == options.Issuer && p.ClientId == options.ClientId && p.Id != existingId, ct))
            errors.Add(new FieldError("clientId", "A registration with this issuer and client id exists already."));
        return errors;
    }

    private static IEnumerable<string> Deployments(IReadOnlyList<string>? ids) =>
        (ids ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal);

    private static object View(PlatformEntity p) => new
    {
        p.Id, p.Name, p.Issuer, p.ClientId, p.AuthorizationEndpoint, p.JwksUri, p.TokenEndpoint, p.Enabled, p.Source, p.DeploymentPolicy,
        unboundLaunches = p.UnboundLaunchPolicy, platformStorage = p.PlatformStorage,
        readOnly = p.Source != PlatformSources.Database,
        deployments = p.Deployments.OrderBy(d => d.Status == DeploymentStates.Pending ? 0 : 1).ThenBy(d => d.DeploymentId)
            .Select(d => new { d.DeploymentId, d.Name, d.Status, d.CreatedAt, d.DecidedAt }),
    };

    private static object Snapshot(PlatformEntity p) => new
    {
        p.Name, p.Issuer, p.ClientId, p.AuthorizationEndpoint, p.JwksUri, p.TokenEndpoint, p.Enabled, p.DeploymentPolicy,
        unboundLaunches = p.UnboundLaunchPolicy, platformStorage = p.PlatformStorage,
        deployments = p.Deployments.Select(d => $"{d.DeploymentId}:{d.Status}").Order(StringComparer.Ordinal).ToArray(),
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult Invalid(HttpContext http, IReadOnlyList<FieldError> errors) => Problem(http, PlatformInvalid, errors);

    private static IResult Problem(HttpContext http, LtiError error, IReadOnlyList<FieldError>? errors = null) =>
        Infrastructure.ErrorResponses.Problem(http, error, "errors", errors);
}
