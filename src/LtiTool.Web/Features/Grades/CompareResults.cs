using LtiTool.Lti.Launch;
using LtiTool.Lti.Services;
using LtiTool.Lti.Services.Ags;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Grades;

/// <summary>
/// Reads the platform's current results for a column (AGS result service, every page) and sets them beside
/// the grades the tool holds, so an instructor sees where the LMS differs — a grade edited in Canvas's own
/// gradebook, or a push not delivered yet. Platform scores are scaled to the column's maximum to compare.
/// </summary>
public static class CompareResults
{
    public sealed record Query(Guid ContextId, Guid LineItemId) : IQuery<Result>;

    public sealed record Row(Guid? UserId, string PlatformUserId, string? Name, decimal? ToolScore, string? ToolDisplay,
        decimal? PlatformScore, string? PlatformDisplay, string? PlatformComment, bool Differs);

    public sealed record Result(LtiError? Error, IReadOnlyList<Row>? Rows = null);

    public sealed class Handler(LtiToolDbContext db, LineItemRegistry registry, AgsClient ags, GradingSchemes schemes) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (course, error) = await registry.FindAgsAsync(query.ContextId, cancellationToken);
            if (course is null) return new Result(error);
            if (!course.Can(Lti.Claims.LtiScopes.AgsResultReadOnly)) return new Result(LineItemRegistry.AgsScopeMissing);
            var column = await db.LineItems.AsNoTracking().FirstOrDefaultAsync(l => l.Id == query.LineItemId && l.ContextId == query.ContextId, cancellationToken);
            if (column is null) return new Result(LineItemRegistry.LineItemNotFound);
            var scheme = ReadGradebook.SchemeOf(schemes, column);

            var platformResults = new List<Lti.Services.Ags.Result>();
            try
            {
                await foreach (var result in ags.ListResultsAsync(course.Registration, new Uri(column.Url), null, cancellationToken)) platformResults.Add(result);
            }
            catch (LtiServiceException e)
            {
                return new Result(e.PlatformStatus == 404 ? LineItemRegistry.LineItemNotFound : e.Error);
            }

            var grades = await (
                from g in db.Grades.AsNoTracking()
                join u in db.Users on g.UserId equals u.Id
                where g.LineItemId == column.Id
                select new { g.UserId, u.Subject, g.ScoreGiven, Name = UserEntity.DisplayName(u.Name, u.GivenName, u.FamilyName) }).ToListAsync(cancellationToken);
            var subjects = platformResults.Select(r => r.UserId).Distinct().ToList();
            var users = await db.Users.AsNoTracking().Where(u => u.PlatformId == column.PlatformId && subjects.Contains(u.Subject))
                .ToDictionaryAsync(u => u.Subject, cancellationToken);
            var tool = grades.ToDictionary(g => g.Subject, StringComparer.Ordinal);

            string? Show(decimal? score) => score is { } s ? scheme.Display(s, column.ScoreMaximum) : null;
            var rows = new List<Row>();
            foreach (var result in platformResults)
            {
                users.TryGetValue(result.UserId, out var user);
                tool.TryGetValue(result.UserId, out var held);
                var platformScore = Scaled(result, column.ScoreMaximum);
                rows.Add(new Row(user?.Id, result.UserId, user is null ? null : UserEntity.DisplayName(user.Name, user.GivenName, user.FamilyName),
                    held?.ScoreGiven, Show(held?.ScoreGiven), platformScore, Show(platformScore), result.Comment, Differs(held?.ScoreGiven, platformScore)));
            }
            // Grades the tool holds that the platform has no result for (never delivered, or removed there).
            var listed = platformResults.Select(r => r.UserId).ToHashSet(StringComparer.Ordinal);
            foreach (var held in grades.Where(g => !listed.Contains(g.Subject) && g.ScoreGiven is not null))
            {
                rows.Add(new Row(held.UserId, held.Subject, held.Name,
                    held.ScoreGiven, Show(held.ScoreGiven), null, null, null, true));
            }
            return new Result(null, rows.OrderByDescending(r => r.Differs).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList());
        }

        private static decimal? Scaled(Lti.Services.Ags.Result result, decimal columnMaximum) =>
            result.ResultScore is not { } score ? null
            : result.ResultMaximum is { } max && max > 0 && max != columnMaximum ? Math.Round(score / max * columnMaximum, 4)
            : score;

        private static bool Differs(decimal? tool, decimal? platform) =>
            tool is null != platform is null || (tool is { } t && platform is { } p && Math.Abs(t - p) > 0.005m);
    }
}
