using LtiTool.Lti.Launch;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Grades;

/// <summary>
/// Keeps the grades an instructor entered in a column, read through the column's grading scheme ("B", "85%",
/// "Pass", "7.5"). All or nothing: one value the scheme cannot read refuses the whole entry, naming each cell,
/// and nothing is written. Nothing goes to the platform here; <see cref="PushGrades"/> does that. Each changed
/// cell leaves a grade.change entry in the audit log, saved with the grades.
/// </summary>
public static class SaveGrades
{
    public sealed record Entry(Guid UserId, string? Value, string? Comment);

    public sealed record Command(Guid ContextId, Guid LineItemId, IReadOnlyList<Entry> Grades, Guid? GradedBy) : ICommand<Result>;

    public sealed record Invalid(Guid UserId, string Reason);

    public sealed record Result(LtiError? Error, int Saved = 0, IReadOnlyList<Invalid>? Invalid = null);

    public static readonly LtiError GradesInvalid = new("grades_invalid", 400, "Some grades could not be read",
        "One or more values do not fit the column's grading scheme; nothing was saved. Each cell's reason is listed.");

    public static readonly LtiError NotAStudent = new("not_a_student", 400, "Not a student of this course",
        "Grades can be entered only for active students of this course's roster.");

    public sealed class Handler(LtiToolDbContext db, GradingSchemes schemes, TimeProvider time, AuditLog audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var column = await db.LineItems.AsNoTracking().FirstOrDefaultAsync(l => l.Id == command.LineItemId && l.ContextId == command.ContextId, cancellationToken);
            if (column is null) return new Result(LineItemRegistry.LineItemNotFound);
            var scheme = ReadGradebook.SchemeOf(schemes, column);
            var students = (await ReadGradebook.StudentsAsync(db, command.ContextId, cancellationToken)).Select(s => s.Id).ToHashSet();

            var invalid = new List<Invalid>();
            var parsed = new List<(Guid UserId, decimal? Score, string? Comment)>();
            foreach (var entry in command.Grades)
            {
                if (!students.Contains(entry.UserId))
                {
                    invalid.Add(new Invalid(entry.UserId, NotAStudent.Description));
                    continue;
                }
                var comment = string.IsNullOrWhiteSpace(entry.Comment) ? null : entry.Comment.Trim();
                if (comment is { Length: > 8000 })
                {
                    invalid.Add(new Invalid(entry.UserId, "The comment is longer than 8,000 characters."));
                    continue;
                }
                if (string.IsNullOrWhiteSpace(entry.Value))
                {
                    parsed.Add((entry.UserId, null, comment));
                    continue;
                }
                if (scheme.TryParse(entry.Value, column.ScoreMaximum, out var score, out var error)) parsed.Add((entry.UserId, score, comment));
                else invalid.Add(new Invalid(entry.UserId, error ?? "The value does not fit the column's grading scheme."));
            }
            if (invalid.Count > 0) return new Result(GradesInvalid, Invalid: invalid);

            var now = time.GetUtcNow().UtcDateTime;
            var userIds = parsed.Select(p => p.UserId).ToList();
            var existing = await db.Grades.Where(g => g.LineItemId == column.Id && userIds.Contains(g.UserId)).ToDictionaryAsync(g => g.UserId, cancellationToken);
            foreach (var (userId, score, comment) in parsed)
            {
                AuditedGrade? before = null;
                if (!existing.TryGetValue(userId, out var grade))
                {
                    if (score is null && comment is null) continue;  // an empty cell of the grid: nothing to keep
                    grade = new GradeEntity { Id = Guid.CreateVersion7(time.GetUtcNow()), LineItemId = column.Id, UserId = userId };
                    db.Grades.Add(grade);
                    existing[userId] = grade;
                }
                else if (grade.ScoreGiven == score && grade.Comment == comment)
                {
                    continue;  // unchanged: it keeps its pushed state
                }
                else
                {
                    before = new AuditedGrade(grade.ScoreGiven, grade.Comment);
                }
                // An empty cell saved where there was no grade changes nothing anyone sees: no entry.
                if (before is not null || score is not null || comment is not null)
                    await audit.AddAsync("grade.change", $"{column.Id}/{userId}", before, new AuditedGrade(score, comment), command.ContextId, cancellationToken: cancellationToken);
                grade.ScoreGiven = score;
                grade.Comment = comment;
                grade.GradedBy = command.GradedBy;
                grade.UpdatedAt = now;
                grade.Version++;
            }
            // "n changes saved" counts grades, not the audit entries saved with them.
            var saved = db.ChangeTracker.Entries<GradeEntity>().Count(e => e.State is EntityState.Added or EntityState.Modified);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(null, saved);
        }

        private sealed record AuditedGrade(decimal? Score, string? Comment);
    }
}
