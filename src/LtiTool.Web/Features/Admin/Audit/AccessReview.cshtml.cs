using LtiTool.Web.Data;
using LtiTool.Web.Features.Admin.Access;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>
/// The access review page: who used administrative rights in a period, one row per person and platform, within
/// the administrator's scope; a tool-wide administrator also chooses a platform.
/// </summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ViewAuditLog)]
public sealed class AccessReviewModel(IMediator mediator, SessionAccessReader access, LtiToolDbContext db) : PageModel
{
    public AdminScope Scope { get; private set; } = null!;
    public IReadOnlyList<PlatformChoice> Platforms { get; private set; } = [];
    public AuditFilter? Filter { get; private set; }
    public IReadOnlyList<AuditFilter.FieldError> Errors { get; private set; } = [];
    public IReadOnlyList<ReviewAccess.Row>? Rows { get; private set; }

    public string Typed(string field) => Request.Query[field].ToString();

    /// <summary>The query string of the filter's period and platform alone.</summary>
    public static string Period(AuditFilter filter) =>
        (AuditFilter.None with { From = filter.From, Until = filter.Until, PlatformId = filter.PlatformId }).ToQueryString();

    /// <summary>The audit log of one row's admin actions in the period.</summary>
    public string EntriesOf(ReviewAccess.Row row) => "/admin/audit" + (AuditFilter.None with
    {
        ActorUserId = row.ActorUserId, Actor = row.ActorUserId is null ? row.ActorName : null, From = Filter!.From, Until = Filter.Until,
        PlatformId = Filter.PlatformId, AdminOnly = true,
    }).ToQueryString();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Scope = await access.ScopeAsync(User, cancellationToken);
        if (Scope.IsToolWide) Platforms = await PlatformChoice.ListAsync(db, cancellationToken);
        (Filter, Errors) = AuditFilter.Read(Request.Query);
        if (Filter is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Rows = await mediator.Send(new ReviewAccess.Query(Filter.From, Filter.Until, Filter.PlatformId, Scope), cancellationToken);
        return Page();
    }
}
