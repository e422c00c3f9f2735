using LtiTool.Web.Data;
using LtiTool.Web.Features.Admin.Access;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>
/// The audit log page: filters, 50 entries a page newest first, and the CSV export of the same filter — within
/// the administrator's scope; a tool-wide administrator also chooses a platform.
/// </summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ViewAuditLog)]
public sealed class AuditModel(IMediator mediator, SessionAccessReader access, LtiToolDbContext db) : PageModel
{
    public AdminScope Scope { get; private set; } = null!;
    public IReadOnlyList<PlatformChoice> Platforms { get; private set; } = [];
    public AuditFilter? Filter { get; private set; }
    public IReadOnlyList<AuditFilter.FieldError> Errors { get; private set; } = [];
    public SearchAuditLog.Result? Found { get; private set; }

    /// <summary>What was typed, shown again in the form even when it could not be read.</summary>
    public string Typed(string field) => Request.Query[field].ToString();

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
        Found = await mediator.Send(new SearchAuditLog.Query(Filter, Scope), cancellationToken);
        return Page();
    }
}
