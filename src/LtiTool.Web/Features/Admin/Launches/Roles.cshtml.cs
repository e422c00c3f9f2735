using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Admin.Launches;

[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ViewAuditLog)]
public sealed class RolesModel(IMediator mediator, SessionAccessReader access) : PageModel
{
    public GetRolesReceived.Result? Received { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid launchId, CancellationToken cancellationToken)
    {
        Received = await mediator.Send(new GetRolesReceived.Query(launchId, await access.ScopeAsync(User, cancellationToken)), cancellationToken);
        return Received is null ? NotFound() : Page();
    }
}
