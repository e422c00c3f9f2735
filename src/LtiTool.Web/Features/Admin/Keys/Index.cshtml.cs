using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>The tool's signing keys for administrators: rendered here; the actions call the keys API with the bearer header.</summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ManagePlatforms)]
public sealed class KeysModel(IMediator mediator, SessionAccessReader access) : PageModel
{
    public ListToolKeys.Result Keys { get; private set; } = new(false, []);
    public string? SessionToken { get; private set; }

    /// <summary>Whether this administrator may change the keys (tool-wide only); others see the list.</summary>
    public bool MayChange { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Keys = await mediator.Send(new ListToolKeys.Query(), cancellationToken);
        MayChange = !Keys.FileManaged && (await access.ScopeAsync(User, cancellationToken)).IsToolWide;
        // The page's script needs the token for its writes; the cookie only authorizes reads.
        SessionToken = Session.SessionAuthentication.TokenFor(Request);
    }
}
