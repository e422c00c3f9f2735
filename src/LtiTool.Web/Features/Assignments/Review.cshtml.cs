using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Assignments;

/// <summary>The review of one activity's submissions; grading and releasing go through the JSON API.</summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ViewAllGrades)]
public sealed class ReviewModel(IMediator mediator, SessionAccessReader access) : PageModel
{
    public Guid ContextId { get; private set; }
    public ReadReview.Review Review { get; private set; } = null!;
    public bool CanGrade { get; private set; }
    public string? SessionToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid contextId, Guid activityId, CancellationToken cancellationToken)
    {
        var session = (await access.ReadAsync(User, cancellationToken))!;
        var review = await mediator.Send(new ReadReview.Query(contextId, activityId), cancellationToken);
        if (review is null) return NotFound();
        ContextId = contextId;
        Review = review;
        CanGrade = session.Permissions.Contains(Permissions.EditGrades);
        SessionToken = Session.SessionAuthentication.TokenFor(Request);
        return Page();
    }
}
