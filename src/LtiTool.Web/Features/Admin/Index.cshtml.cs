using LtiTool.Web.Features.Roles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Admin;

/// <summary>The administration home: links to what the session's permissions allow.</summary>
[Authorize(AuthenticationSchemes = Session.SessionDefaults.AuthenticationScheme)]
public sealed class AdminHomeModel(SessionAccessReader access) : PageModel
{
    public IReadOnlyList<string> Permissions { get; private set; } = [];
    public bool Bootstrap { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var session = await access.ReadAsync(User, HttpContext.RequestAborted);
        Permissions = session?.Permissions ?? [];
        Bootstrap = session?.Roles.Contains(SessionAccessReader.BootstrapRole) == true;
        if (!Permissions.Any(p => Roles.Permissions.Administrative.Contains(p))) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
