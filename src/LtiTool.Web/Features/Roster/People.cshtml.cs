using LtiTool.Web.Data;
using LtiTool.Web.Features.Roles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Roster;

/// <summary>The course's people for staff and (without e-mails) students, as the matrix allows.</summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ViewRoster)]
public sealed class PeopleModel(LtiToolDbContext db, SessionAccessReader access) : PageModel
{

    public Guid ContextId { get; private set; }
    public string? ContextTitle { get; private set; }
    public DateTime? SyncedAt { get; private set; }
    public string? SyncError { get; private set; }
    public bool ShowEmails { get; private set; }
    public bool CanRefresh { get; private set; }
    public string? Role { get; private set; }
    public IReadOnlyList<string> RolesPresent { get; private set; } = [];
    public IReadOnlyList<RosterApi.Member> People { get; private set; } = [];
    public string? SessionToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid contextId, string? role, CancellationToken cancellationToken)
    {
        var session = (await access.ReadAsync(User, cancellationToken))!;
        var context = await db.Contexts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contextId, cancellationToken);
        if (context is null) return NotFound();
        ContextId = contextId;
        ContextTitle = context.Title ?? context.Label;
        SyncedAt = context.RosterSyncedAt;
        SyncError = context.RosterSyncError;
        ShowEmails = session.Permissions.Contains(Permissions.ViewUserIdentifiers);
        CanRefresh = ShowEmails;
        Role = string.IsNullOrEmpty(role) ? null : role;
        // The page's script needs the token for its one POST; the cookie only authorizes reads.
        SessionToken = Session.SessionAuthentication.TokenFor(Request);

        var people = await RosterApi.ReadMembersAsync(db, contextId, ShowEmails, cancellationToken);
        RolesPresent = people.SelectMany(p => p.Roles).Distinct().Order(StringComparer.Ordinal).ToArray();
        People = Role is null ? people : people.Where(p => p.Roles.Contains(Role)).ToList();
        return Page();
    }
}
