using LtiTool.Lti.Claims;
using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.DeepLinking;

/// <summary>What the deep linking picker shows: the course's activities and the platform's rules for the answer.</summary>
public sealed record PickerView(Guid ContextId, bool AcceptMultiple, bool AcceptsResourceLinks, string? Title, IReadOnlyList<PickerView.Choice> Activities)
{
    public sealed record Choice(Guid Id, string Title, decimal PointsPossible, string SubmissionKind, DateTime? DueAt);

    public static async Task<PickerView> LoadAsync(LtiToolDbContext db, Guid contextId, DeepLinkingSettingsClaim settings, CancellationToken cancellationToken)
    {
        var activities = await db.Activities.AsNoTracking().Where(a => a.ContextId == contextId).OrderBy(a => a.CreatedAt)
            .Select(a => new Choice(a.Id, a.Title, a.PointsPossible, a.SubmissionKind, a.DueAt)).ToListAsync(cancellationToken);
        return new PickerView(contextId, settings.AcceptMultiple, settings.AcceptTypes.Count == 0 || settings.AcceptTypes.Contains("ltiResourceLink"),
            settings.Title, activities);
    }
}
