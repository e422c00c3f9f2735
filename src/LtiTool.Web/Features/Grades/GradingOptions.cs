using System.Globalization;
using static System.FormattableString;

namespace LtiTool.Web.Features.Grades;

/// <summary>
/// Grading schemes, bound from <c>Grading</c>. The built-in schemes (<see cref="GradingSchemeDefaults"/>) are
/// always present; an entry under their name overrides their title, bands or pass mark, and any other name
/// adds a scheme of the given kind.
/// </summary>
public sealed class GradingOptions
{
    public const string Section = "Grading";

    public string DefaultScheme { get; set; } = GradingSchemeDefaults.Points;
    public Dictionary<string, GradingSchemeDefinition> Schemes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        var names = GradingSchemeDefaults.BuiltIn.Select(b => b.Name).Concat(Schemes.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!names.Contains(DefaultScheme?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))
            yield return $"{Section}:DefaultScheme '{DefaultScheme}' is not a scheme ({string.Join(", ", names)}).";
        foreach (var (name, scheme) in Schemes)
            foreach (var message in scheme.Validate($"{Section}:Schemes:{name}", GradingSchemeDefaults.KindOf(name)))
                yield return message;
    }
}

// Kind and the percentages are read as text and checked here: the configuration binder silently drops a
// whole scheme (or band) whose enum or number does not convert, which would hide a typo behind the defaults.
public sealed class GradingSchemeDefinition
{
    /// <summary>Points, Percentage, Letter, PassFail or Competency: required for an added scheme; a built-in keeps its own.</summary>
    public string? Kind { get; set; }
    public string? Title { get; set; }

    /// <summary>Letter schemes: the bands in any order, one of them at 0. Unset on a built-in: the default bands.</summary>
    public List<GradeBandDefinition>? Bands { get; set; }

    /// <summary>PassFail and Competency schemes: the percentage of the maximum that passes or is competent.</summary>
    public string? PassPercent { get; set; }

    internal GradingSchemeKind? ParsedKind =>
        Enum.GetNames<GradingSchemeKind>().FirstOrDefault(n => string.Equals(n, Kind?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<GradingSchemeKind>(name)
            : null;

    internal decimal? ParsedPassPercent => ReadNumber(PassPercent);

    internal static decimal? ReadNumber(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var number) ? number : null;

    internal IEnumerable<string> Validate(string path, GradingSchemeKind? builtInKind)
    {
        var kinds = string.Join(", ", Enum.GetNames<GradingSchemeKind>());
        if (!string.IsNullOrWhiteSpace(Kind) && ParsedKind is null)
        {
            yield return $"{path}:Kind '{Kind}' is not one of: {kinds}.";
            yield break;
        }
        if (ParsedKind is { } changed && builtInKind is { } builtIn && changed != builtIn)
            yield return $"{path}:Kind '{Kind}' would change the built-in {builtIn} scheme; add a scheme under another name instead.";
        if ((ParsedKind ?? builtInKind) is not { } kind)
        {
            yield return $"{path}:Kind is required for a scheme that is not built in ({kinds}).";
            yield break;
        }

        if (kind == GradingSchemeKind.Letter)
        {
            if (Bands is { Count: > 0 })
                foreach (var message in ValidateBands(path, Bands)) yield return message;
            else if (builtInKind is null)
                yield return $"{path}:Bands must list at least one band for a Letter scheme, one of them at MinPercent 0.";
        }
        else if (Bands is { Count: > 0 })
            yield return $"{path}:Bands applies only to Letter schemes, not to this {kind} scheme.";

        if (string.IsNullOrWhiteSpace(PassPercent)) yield break;
        if (kind is not (GradingSchemeKind.PassFail or GradingSchemeKind.Competency))
            yield return $"{path}:PassPercent applies only to PassFail and Competency schemes, not to this {kind} scheme.";
        else if (ParsedPassPercent is not { } mark)
            yield return $"{path}:PassPercent '{PassPercent}' is not a number.";
        else if (mark <= 0 || mark > 100)
            yield return Invariant($"{path}:PassPercent {mark} must be more than 0 and at most 100 (at 0 nobody could fail).");
    }

    private static IEnumerable<string> ValidateBands(string path, List<GradeBandDefinition> bands)
    {
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i] ?? new GradeBandDefinition();
            var at = $"{path}:Bands:{i}";
            var value = band.Value?.Trim();
            if (string.IsNullOrEmpty(value))
                yield return $"{at}:Value is required.";
            else if (bands.FindIndex(0, i, b => string.Equals(b?.Value?.Trim(), value, StringComparison.OrdinalIgnoreCase)) is var j and >= 0)
                yield return $"{at}:Value '{value}' repeats {path}:Bands:{j}:Value (values are matched ignoring case).";

            if (string.IsNullOrWhiteSpace(band.MinPercent))
                yield return $"{at}:MinPercent is required.";
            else if (band.ParsedMinPercent is not { } min)
                yield return $"{at}:MinPercent '{band.MinPercent}' is not a number.";
            else if (min < 0 || min > 100)
                yield return Invariant($"{at}:MinPercent {min} is outside 0..100.");
            else if (bands.FindIndex(0, i, b => b?.ParsedMinPercent == min) is var k and >= 0)
                yield return Invariant($"{at}:MinPercent {min} repeats {path}:Bands:{k}:MinPercent; each band needs its own cut-off.");
        }
        if (!bands.Any(b => b?.ParsedMinPercent == 0))
            yield return $"{path}:Bands has no band at MinPercent 0, so a score below the lowest cut-off would have no value.";
    }
}

public sealed class GradeBandDefinition
{
    public string? Value { get; set; }
    public string? MinPercent { get; set; }

    internal decimal? ParsedMinPercent => GradingSchemeDefinition.ReadNumber(MinPercent);
}
