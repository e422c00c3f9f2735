using LtiTool.Lti.Launch;
using LtiTool.Web.Features.Admin.Access;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// The tool's signing keys for administrators. Publish, rotate and retire call the keys API; revoke is this page's
/// own form, which the script posts with the bearer header (writes never ride on the session cookie) and whose
/// answer is this page again, with the field's message when the typed kid does not match.
/// </summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ManagePlatforms)]
public sealed class KeysModel(IMediator mediator, SessionAccessReader access) : PageModel
{
    public ListToolKeys.Result Keys { get; private set; } = new(false, []);
    public string? SessionToken { get; private set; }

    /// <summary>Whether this administrator may change the keys (tool-wide only); others see the list.</summary>
    public bool MayChange { get; private set; }

    /// <summary>The key the revoke form names.</summary>
    [BindProperty]
    public string? Kid { get; set; }

    /// <summary>The kid typed again to confirm the revocation.</summary>
    [BindProperty]
    public string? ConfirmKid { get; set; }

    /// <summary>The field-level message for <see cref="ConfirmKid"/> in <see cref="Kid"/>'s form.</summary>
    public string? ConfirmError { get; private set; }

    /// <summary>Why a revocation was refused, other than its confirmation.</summary>
    public LtiError? Error { get; private set; }

    public RevokeToolKey.Result? Revoked { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        // Every school trusts these keys: revoking one is tool-wide only, like the other key changes.
        if (!(await access.ScopeAsync(User, cancellationToken)).IsToolWide)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Error = ToolWideAdmin.Refused;
            await LoadAsync(cancellationToken);
            return Page();
        }
        var result = await mediator.Send(new RevokeToolKey.Command(Kid ?? "", ConfirmKid), cancellationToken);
        if (result.Error is { } error)
        {
            Response.StatusCode = error.StatusCode;
            if (error == ToolKeyErrors.RevokeUnconfirmed)
                ConfirmError = string.IsNullOrWhiteSpace(ConfirmKid)
                    ? "Type this key's kid to confirm. Nothing was revoked."
                    : "That is not this key's kid. Nothing was revoked.";
            else
                Error = error;
        }
        else
        {
            Revoked = result;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Keys = await mediator.Send(new ListToolKeys.Query(), cancellationToken);
        MayChange = !Keys.FileManaged && (await access.ScopeAsync(User, cancellationToken)).IsToolWide;
        // The page's script needs the token for its writes; the cookie only authorizes reads.
        SessionToken = Session.SessionAuthentication.TokenFor(Request);
    }
}
