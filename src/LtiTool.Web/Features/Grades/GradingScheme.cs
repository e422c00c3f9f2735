using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using static System.FormattableString;

namespace LtiTool.Web.Features.Grades;

/// <summary>
/// How a score is shown and typed: the score itself, a percentage of the maximum, or a value of a banded
/// scale (letters, pass/fail, competent/not yet competent) chosen by the percentage the score reaches.
/// </summary>
public sealed class GradingScheme
{
    private const int MaxEchoedInput = 40;

    private GradingScheme(string name, string title, GradingSchemeKind kind, IReadOnlyList<GradeBand> bands)
    {
        Name = name;
        Title = title;
        Kind = kind;
        Bands = bands;
        Values = [.. bands.Select(b => b.Value)];
    }

    public string Name { get; }
    public string Title { get; }
    public GradingSchemeKind Kind { get; }
    public IReadOnlyList<GradeBand> Bands { get; }
    public IReadOnlyList<string> Values { get; }

    public static GradingScheme Points(string name, string title) => new(name, title, GradingSchemeKind.Points, []);

    public static GradingScheme Percentage(string name, string title) => new(name, title, GradingSchemeKind.Percentage, []);

    public static GradingScheme Letter(string name, string title, IEnumerable<GradeBand> bands) =>
        new(name, title, GradingSchemeKind.Letter, Checked(bands));

    public static GradingScheme PassFail(string name, string title, decimal passPercent) =>
        new(name, title, GradingSchemeKind.PassFail, Checked([new(GradingSchemeDefaults.Pass, passPercent), new(GradingSchemeDefaults.Fail, 0)]));

    public static GradingScheme Competency(string name, string title, decimal competentPercent) =>
        new(name, title, GradingSchemeKind.Competency,
            Checked([new(GradingSchemeDefaults.Competent, competentPercent), new(GradingSchemeDefaults.NotYetCompetent, 0)]));

    // GradingOptions.Validate explains bad configuration key by key; this only keeps a hand-built scheme honest.
    private static GradeBand[] Checked(IEnumerable<GradeBand> bands)
    {
        var sorted = bands.Select(b => b with { Value = b.Value.Trim() }).OrderByDescending(b => b.MinPercent).ToArray();
        if (sorted.Length == 0 || sorted[^1].MinPercent != 0 || sorted[0].MinPercent > 100
            || sorted.Any(b => b.Value.Length == 0)
            || sorted.DistinctBy(b => b.Value, StringComparer.OrdinalIgnoreCase).Count() != sorted.Length
            || sorted.DistinctBy(b => b.MinPercent).Count() != sorted.Length)
            throw new ArgumentException("Bands need distinct, non-empty values and distinct cut-offs from 0 to 100, one of them 0.", nameof(bands));
        return sorted;
    }

    public string Display(decimal scoreGiven, decimal scoreMaximum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scoreMaximum);
        return Kind switch
        {
            GradingSchemeKind.Points => Number(scoreGiven),
            GradingSchemeKind.Percentage => Number(PercentOf(scoreGiven, scoreMaximum)) + "%",
            _ => BandFor(PercentOf(scoreGiven, scoreMaximum)).Value,
        };
    }

    /// <summary>
    /// Reads what a person typed, trimmed and ignoring case: a value of the scheme, a percentage of the maximum
    /// ("85%"), or a bare number, which is points except in a Percentage scheme, where it is a percentage.
    /// A letter becomes its band's cut-off of the maximum; Pass and Competent become full marks, Fail and
    /// Not Yet Competent 0; so <see cref="Display"/> gives back the value typed. Negative scores are refused.
    /// Points and Percentage accept more than the maximum (extra credit); banded schemes refuse it.
    /// </summary>
    public bool TryParse(string input, decimal scoreMaximum, out decimal scoreGiven, [NotNullWhen(false)] out string? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scoreMaximum);
        scoreGiven = 0;
        var text = (input ?? "").Trim();
        if (Bands.FirstOrDefault(b => string.Equals(b.Value, text, StringComparison.OrdinalIgnoreCase)) is { } band)
        {
            scoreGiven = ScoreFor(band, scoreMaximum);
            error = null;
            return true;
        }
        if (!TryReadNumber(text, scoreMaximum, out var score))
        {
            error = text.Length == 0
                ? $"Enter a grade: {Expected(scoreMaximum)}."
                : $"'{Echo(text)}' is not a grade in the {Title} scheme: enter {Expected(scoreMaximum)}.";
            return false;
        }
        if (score < 0)
        {
            error = $"'{Echo(text)}' is below 0: a grade cannot be negative.";
            return false;
        }
        if (score > scoreMaximum && Bands.Count > 0)
        {
            error = $"'{Echo(text)}' is more than full marks ({Number(scoreMaximum)} points): the {Title} scheme has no extra credit.";
            return false;
        }
        scoreGiven = score;
        error = null;
        return true;
    }

    private decimal ScoreFor(GradeBand band, decimal scoreMaximum) => Kind switch
    {
        GradingSchemeKind.Letter => band.MinPercent * scoreMaximum / 100,
        _ => band == Bands[0] ? scoreMaximum : 0,
    };

    private bool TryReadNumber(string text, decimal scoreMaximum, out decimal score)
    {
        score = 0;
        var percent = text.EndsWith('%');
        var digits = percent ? text[..^1].TrimEnd() : text;
        if (!decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return false;
        try
        {
            score = percent || Kind == GradingSchemeKind.Percentage ? number / 100 * scoreMaximum : number;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private GradeBand BandFor(decimal percent) => Bands.FirstOrDefault(b => b.MinPercent <= percent) ?? Bands[^1];

    private static decimal PercentOf(decimal scoreGiven, decimal scoreMaximum) => scoreGiven / scoreMaximum * 100;

    private string Expected(decimal scoreMaximum) => Kind switch
    {
        GradingSchemeKind.Points => $"a number of points such as 7.5 (full marks are {Number(scoreMaximum)}; more is extra credit), or a percentage such as 85%",
        GradingSchemeKind.Percentage => "a percentage such as 85 or 85% (more than 100 is extra credit)",
        _ => $"{OneOf(Values)}, a number of points from 0 to {Number(scoreMaximum)}, or a percentage such as 85%",
    };

    private static string OneOf(IReadOnlyList<string> values) =>
        values.Count == 1 ? values[0] : $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}";

    private static string Echo(string text) => text.Length <= MaxEchoedInput ? text : text[..MaxEchoedInput] + "…";

    private static string Number(decimal value)
    {
        var rounded = decimal.Round(value, 2, MidpointRounding.AwayFromZero);
        return Invariant($"{(rounded == 0 ? 0m : rounded):0.##}");
    }
}
