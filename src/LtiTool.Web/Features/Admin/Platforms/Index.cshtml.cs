using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Access;
using LtiTool.Web.Features.Roles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Platforms;

/// <summary>
/// Platforms, deployments and the approval queue within the administrator's scope; every change goes through
/// the admin API. Adding, deleting, enabling and disabling registrations are offered to tool-wide administrators only.
/// </summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ManagePlatforms)]
public sealed class PlatformsModel(LtiToolDbContext db, SessionAccessReader access) : PageModel
{
    public IReadOnlyList<PlatformEntity> Platforms { get; private set; } = [];
    public string? SessionToken { get; private set; }
    public AdminScope Scope { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Scope = await access.ScopeAsync(User, HttpContext.RequestAborted);
        Platforms = await PlatformScope.Within(db.Platforms.AsNoTracking(), Scope).Include(p => p.Deployments)
            .OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(HttpContext.RequestAborted);
        SessionToken = Session.SessionAuthentication.TokenFor(Request);
    }
}
