using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LtiTool.Web.Data.Entities;
using static LtiTool.Web.Features.Assignments.SaveActivity;

namespace LtiTool.Web.Features.Assignments;

/// <summary>An activity body as it will be stored: trimmed, sanitised, canonical names, every id given.</summary>
internal sealed record ValidActivity(string Title, string InstructionsHtml, decimal PointsPossible, DateTime? DueAt, string SubmissionKind,
    string Resubmission, bool AllowLate, IReadOnlyList<RubricCriterion>? Rubric, IReadOnlyList<QuizQuestion>? Quiz);

/// <summary>
/// Reads an activity body field by field and names every problem it finds (not only the first), so the
/// editor can mark each field at once. Limits follow the columns: what passes always fits.
/// </summary>
internal sealed partial class ActivityCheck(InstructionsSanitizer sanitizer, Func<string> newId)
{
    public const int MaxInstructionsBytes = 65_536;
    public const decimal MaxPoints = 100_000;
    private const int MaxCriteria = 50;
    private const int MaxQuestions = 50;
    private const int MaxOptions = 10;
    private const int MaxRubricJson = 65_536;
    private const int MaxQuizJson = 262_144;

    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public ValidActivity? Read(Input input)
    {
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 255) Fail("title", "Give a title of 1 to 255 characters.");
        var instructions = Instructions(input.InstructionsHtml);
        var points = Points("pointsPossible", input.PointsPossible, positive: true);
        var due = DueAt(input.DueAt);
        var kind = OneOf("submissionKind", input.SubmissionKind, SubmissionKinds.All, fallback: null);
        var resubmission = OneOf("resubmission", input.Resubmission, ResubmissionPolicies.All, fallback: ResubmissionPolicies.UntilDue);
        var rubric = Rubric(input.Rubric, points);
        var quiz = Quiz(input.Quiz, kind, points);
        if (_errors.Count > 0) return null;
        return new ValidActivity(title!, instructions!, points!.Value, due, kind!, resubmission!, input.AllowLate ?? true, rubric, quiz);
    }

    private void Fail(string field, string message) => _errors.Add(new FieldError(field, message));

    private string? Instructions(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        if (Encoding.UTF8.GetByteCount(html) > MaxInstructionsBytes)
        {
            Fail("instructionsHtml", "The instructions are longer than 64 KB.");
            return null;
        }
        var clean = sanitizer.Sanitize(html);
        if (Encoding.UTF8.GetByteCount(clean) <= MaxInstructionsBytes) return clean;
        Fail("instructionsHtml", "The instructions are longer than 64 KB once cleaned (links gain attributes).");
        return null;
    }

    private decimal? Points(string field, decimal? value, bool positive)
    {
        if (value is not { } points)
        {
            Fail(field, "Give the points.");
            return null;
        }
        if ((positive ? points <= 0 : points < 0) || points > MaxPoints || points != Math.Round(points, 4))
        {
            Fail(field, positive
                ? "Points must be above 0 and at most 100,000, with at most 4 decimals."
                : "Points must be from 0 to 100,000, with at most 4 decimals.");
            return null;
        }
        return points;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

    // An offset is required: a bare local time means something different in every time zone.
    private DateTime? DueAt(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (IsoDateTime().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            return due.UtcDateTime;
        Fail("dueAt", "Give the due date as ISO 8601 with an offset, such as 2026-12-01T17:00:00Z.");
        return null;
    }

    private string? OneOf(string field, string? value, IReadOnlyList<string> allowed, string? fallback)
    {
        if (string.IsNullOrWhiteSpace(value) && fallback is not null) return fallback;
        var match = allowed.FirstOrDefault(a => string.Equals(a, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null) Fail(field, $"Choose one of {string.Join(", ", allowed)}.");
        return match;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private string? Id(string field, string? value, HashSet<string> taken)
    {
        var id = string.IsNullOrWhiteSpace(value) ? newId() : value.Trim();
        if (!IdPattern().IsMatch(id))
        {
            Fail(field, "An id is 1 to 64 letters, digits, '-' or '_' (leave it out to have one made).");
            return null;
        }
        if (taken.Add(id)) return id;
        Fail(field, $"The id '{id}' is used twice.");
        return null;
    }

    private List<RubricCriterion>? Rubric(IReadOnlyList<CriterionInput?>? input, decimal? total)
    {
        if (input is not { Count: > 0 }) return null;
        if (input.Count > MaxCriteria)
        {
            Fail("rubric", $"A rubric has at most {MaxCriteria} criteria.");
            return null;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var criteria = new List<RubricCriterion>();
        for (var i = 0; i < input.Count; i++)
        {
            var at = $"rubric[{i}]";
            if (input[i] is not { } criterion)
            {
                Fail(at, "Each criterion needs a description and points.");
                continue;
            }
            var id = Id(at + ".id", criterion.Id, ids);
            var description = criterion.Description?.Trim();
            var described = !string.IsNullOrEmpty(description) && description.Length <= 1000;
            if (!described) Fail(at + ".description", "Describe the criterion in 1 to 1,000 characters.");
            var points = Points(at + ".points", criterion.Points, positive: false);
            if (described && points is not null && id is not null) criteria.Add(new RubricCriterion(id, description!, points.Value));
        }
        if (criteria.Count < input.Count) return null;
        if (total is { } possible && criteria.Sum(c => c.Points) is var sum && sum != possible)
            Fail("rubric", $"The criteria add up to {sum.ToString(CultureInfo.InvariantCulture)} points, not the activity's {possible.ToString(CultureInfo.InvariantCulture)}.");
        if (ActivityDocuments.Write(criteria)!.Length > MaxRubricJson) Fail("rubric", "The rubric is too long.");
        return criteria;
    }

    private List<QuizQuestion>? Quiz(IReadOnlyList<QuestionInput?>? input, string? kind, decimal? total)
    {
        var given = input is { Count: > 0 };
        if (kind != SubmissionKinds.Quiz)
        {
            if (given && kind is not null) Fail("quiz", "Only a Quiz activity has questions.");
            return null;
        }
        if (!given || input!.Count > MaxQuestions)
        {
            Fail("quiz", $"A quiz has 1 to {MaxQuestions} questions.");
            return null;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var questions = new List<QuizQuestion>();
        for (var i = 0; i < input.Count; i++)
        {
            if (Question($"quiz[{i}]", input[i], ids) is { } question) questions.Add(question);
        }
        if (questions.Count < input.Count) return null;
        if (total is { } possible && questions.Sum(q => q.Points) is var sum && sum != possible)
            Fail("quiz", $"The questions add up to {sum.ToString(CultureInfo.InvariantCulture)} points, not the activity's {possible.ToString(CultureInfo.InvariantCulture)}.");
        if (ActivityDocuments.Write(questions)!.Length > MaxQuizJson) Fail("quiz", "The quiz is too long.");
        return questions;
    }

    private QuizQuestion? Question(string at, QuestionInput? question, HashSet<string> ids)
    {
        if (question is null)
        {
            Fail(at, "Each question needs its text, options, the correct option and points.");
            return null;
        }
        var before = _errors.Count;
        var id = Id(at + ".id", question.Id, ids);
        var text = question.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2000) Fail(at + ".text", "Give the question in 1 to 2,000 characters.");
        var options = question.Options?.Select(o => o?.Trim() ?? "").ToList() ?? [];
        if (options.Count is < 2 or > MaxOptions || options.Any(o => o.Length is 0 or > 500))
            Fail(at + ".options", $"Give 2 to {MaxOptions} options, each 1 to 500 characters.");
        else if (options.Distinct(StringComparer.Ordinal).Count() < options.Count)
            Fail(at + ".options", "Two options are the same.");
        if (question.Correct is not { } correct || correct < 0 || correct >= options.Count)
            Fail(at + ".correct", "Name the correct option by its position, counting from 0.");
        var points = Points(at + ".points", question.Points, positive: false);
        return _errors.Count > before ? null : new QuizQuestion(id!, text!, options!, question.Correct!.Value, points!.Value);
    }
}
