using System.Text.Json;
using LtiTool.Lti.Claims;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Roles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.DeepLinking;

/// <summary>
/// The picker again for the session's deep linking launch, e.g. after creating an activity on the activities
/// page: the launch's own answer page cannot be reloaded (it was a form post from the platform).
/// </summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ManageAssignments)]
public sealed class PickerModel(LtiToolDbContext db, SessionAccessReader access) : PageModel
{
    public PickerView? Picker { get; private set; }
    public string? SessionToken { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var session = (await access.ReadAsync(User, cancellationToken))!;
        var launch = await db.LaunchRecords.AsNoTracking().FirstAsync(l => l.Id == session.LaunchId, cancellationToken);
        if (launch.MessageType != LtiMessageTypes.DeepLinkingRequest || launch.DeepLinkingSettingsJson is null || launch.ContextId is not { } contextId)
            return NotFound();
        using var settings = JsonDocument.Parse(launch.DeepLinkingSettingsJson);
        Picker = await PickerView.LoadAsync(db, contextId, LaunchMessage.ParseDeepLinkingSettings(settings.RootElement)!, cancellationToken);
        SessionToken = Session.SessionAuthentication.TokenFor(Request);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
