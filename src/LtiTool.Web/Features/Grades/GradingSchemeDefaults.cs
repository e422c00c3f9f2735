namespace LtiTool.Web.Features.Grades;

/// <summary>The built-in schemes: always present, and what configuration overrides.</summary>
public static class GradingSchemeDefaults
{
    public const string Points = "points";
    public const string Percentage = "percentage";
    public const string Letter = "letter";
    public const string PassFail = "pass_fail";
    public const string Competency = "competency";

    public const string Pass = "Pass";
    public const string Fail = "Fail";
    public const string Competent = "Competent";
    public const string NotYetCompetent = "Not Yet Competent";

    public const decimal PassPercent = 50;

    /// <summary>Competent only when every criterion is met: any shortfall is "not yet".</summary>
    public const decimal CompetentPercent = 100;

    public static IReadOnlyList<GradeBand> LetterBands { get; } =
        [new("A", 90), new("B", 80), new("C", 70), new("D", 60), new("F", 0)];

    internal static IReadOnlyList<(string Name, GradingSchemeKind Kind, string Title)> BuiltIn { get; } =
    [
        (Points, GradingSchemeKind.Points, "Points"),
        (Percentage, GradingSchemeKind.Percentage, "Percentage"),
        (Letter, GradingSchemeKind.Letter, "Letter grade"),
        (PassFail, GradingSchemeKind.PassFail, "Pass/fail"),
        (Competency, GradingSchemeKind.Competency, "Competency"),
    ];

    internal static GradingSchemeKind? KindOf(string name) =>
        BuiltIn.Where(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase)).Select(b => (GradingSchemeKind?)b.Kind).FirstOrDefault();
}
