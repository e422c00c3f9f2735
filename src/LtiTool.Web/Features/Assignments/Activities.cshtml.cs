using LtiTool.Web.Data;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Assignments;

/// <summary>The course's activities for instructors: the list is rendered here; the editor saves through the JSON API.</summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ManageAssignments)]
public sealed class ActivitiesModel(IMediator mediator, LtiToolDbContext db) : PageModel
{
    public Guid ContextId { get; private set; }
    public string? ContextTitle { get; private set; }
    public IReadOnlyList<ReadActivities.ActivityView> Activities { get; private set; } = [];
    public string? SessionToken { get; private set; }
    /// <summary>Opened from the deep linking picker: offer the way back to it.</summary>
    public bool Picking { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid contextId, CancellationToken cancellationToken)
    {
        var context = await db.Contexts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contextId, cancellationToken);
        if (context is null) return NotFound();
        ContextId = contextId;
        Picking = Request.Query["picking"] == "true";
        ContextTitle = context.Title ?? context.Label;
        // The page's script needs the token for its writes; the cookie only authorizes reads.
        SessionToken = Session.SessionAuthentication.TokenFor(Request);
        Activities = await mediator.Send(new ReadActivities.Query(contextId, null, AsManager: true), cancellationToken);
        return Page();
    }
}
