using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Grades;

/// <summary>Every scheme the tool offers: the built-in ones first, then those configuration adds, by name.</summary>
public sealed class GradingSchemes
{
    private readonly Dictionary<string, GradingScheme> _byName;

    public GradingSchemes(IOptions<GradingOptions> options)
    {
        var grading = options.Value;
        // Start-up validation already ran when this came from the container; this covers Options.Create.
        if (grading.Validate().ToList() is { Count: > 0 } errors)
            throw new OptionsValidationException(Options.DefaultName, typeof(GradingOptions), errors);

        var builtIn = GradingSchemeDefaults.BuiltIn.Select(b => Build(b.Name, b.Kind, b.Title, grading.Schemes.GetValueOrDefault(b.Name)));
        var added = grading.Schemes
            .Where(s => GradingSchemeDefaults.KindOf(s.Key) is null)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => Build(s.Key, s.Value.ParsedKind!.Value, s.Key, s.Value));
        var all = builtIn.Concat(added).ToList();
        All = all;
        _byName = all.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        Default = _byName[grading.DefaultScheme.Trim()];
    }

    public GradingScheme Default { get; }
    public IReadOnlyCollection<GradingScheme> All { get; }

    /// <summary>Finds a scheme by name, ignoring case; no name means <see cref="Default"/>.</summary>
    public bool TryGet(string? name, [MaybeNullWhen(false)] out GradingScheme scheme)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            scheme = Default;
            return true;
        }
        return _byName.TryGetValue(name.Trim(), out scheme);
    }

    private static GradingScheme Build(string name, GradingSchemeKind kind, string defaultTitle, GradingSchemeDefinition? definition)
    {
        var title = definition?.Title is { } configured && !string.IsNullOrWhiteSpace(configured) ? configured.Trim() : defaultTitle;
        return kind switch
        {
            GradingSchemeKind.Points => GradingScheme.Points(name, title),
            GradingSchemeKind.Percentage => GradingScheme.Percentage(name, title),
            GradingSchemeKind.Letter => GradingScheme.Letter(name, title, definition?.Bands is { Count: > 0 } bands
                ? bands.Select(b => new GradeBand(b.Value!, b.ParsedMinPercent!.Value))
                : GradingSchemeDefaults.LetterBands),
            GradingSchemeKind.PassFail => GradingScheme.PassFail(name, title, definition?.ParsedPassPercent ?? GradingSchemeDefaults.PassPercent),
            GradingSchemeKind.Competency => GradingScheme.Competency(name, title, definition?.ParsedPassPercent ?? GradingSchemeDefaults.CompetentPercent),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}
