using LtiTool.Web.Data;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Grades;

/// <summary>The grade entry page: the grid is rendered here; saving, pushing and columns go through the JSON API.</summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ViewAllGrades)]
public sealed class GradesModel(IMediator mediator, LtiToolDbContext db, SessionAccessReader access) : PageModel
{
    public Guid ContextId { get; private set; }
    public string? ContextTitle { get; private set; }
    public ReadGradebook.Gradebook Book { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool CanManageColumns { get; private set; }
    public string? SessionToken { get; private set; }

    public ReadGradebook.CellView? Cell(Guid column, Guid user) =>
        _cells.TryGetValue((column, user), out var cell) ? cell : null;

    private Dictionary<(Guid, Guid), ReadGradebook.CellView> _cells = [];

    public async Task<IActionResult> OnGetAsync(Guid contextId, CancellationToken cancellationToken)
    {
        var session = (await access.ReadAsync(User, cancellationToken))!;
        var context = await db.Contexts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contextId, cancellationToken);
        if (context is null) return NotFound();
        ContextId = contextId;
        ContextTitle = context.Title ?? context.Label;
        CanEdit = session.Permissions.Contains(Permissions.EditGrades);
        CanManageColumns = session.Permissions.Contains(Permissions.ManageAssignments);
        // The page's script needs the token for its writes; the cookie only authorizes reads.
        SessionToken = Session.SessionAuthentication.TokenFor(Request);
        Book = await mediator.Send(new ReadGradebook.Query(contextId), cancellationToken);
        _cells = Book.Grades.ToDictionary(g => (g.LineItemId, g.UserId));
        return Page();
    }
}
