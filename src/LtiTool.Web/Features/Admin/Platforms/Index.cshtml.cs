using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Roles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Platforms;

/// <summary>Platforms, deployments and the approval queue; every change goes through the admin API.</summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ManagePlatforms)]
public sealed class PlatformsModel(LtiToolDbContext db) : PageModel
{
    public IReadOnlyList<PlatformEntity> Platforms { get; private set; } = [];
    public string? SessionToken { get; private set; }

    public async Task OnGetAsync()
    {
        Platforms = await db.Platforms.AsNoTracking().Include(p => p.Deployments).OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(HttpContext.RequestAborted);
        SessionToken = Session.SessionAuthentication.TokenFor(Request);
    }
}
