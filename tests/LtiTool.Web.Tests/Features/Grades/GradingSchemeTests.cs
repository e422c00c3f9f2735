using System.Globalization;
using LtiTool.Web.Features.Grades;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Tests.Features.Grades;

public sealed class GradingSchemeTests
{
    private static readonly GradingSchemes Defaults = new(Options.Create(new GradingOptions()));

    private static GradingScheme Scheme(string name) => Defaults.TryGet(name, out var scheme) ? scheme : throw new KeyNotFoundException(name);
    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("points", "7.5", "10", "7.5")]
    [InlineData("points", "0", "10", "0")]
    [InlineData("points", "12", "10", "12")]
    [InlineData("points", "7.125", "10", "7.13")]
    [InlineData("points", "-0.001", "10", "0")]
    [InlineData("percentage", "8.5", "10", "85%")]
    [InlineData("percentage", "2", "3", "66.67%")]
    [InlineData("percentage", "0", "10", "0%")]
    [InlineData("percentage", "11", "10", "110%")]
    [InlineData("percentage", "8.999", "10", "89.99%")]
    [InlineData("letter", "89.99", "100", "B")]
    [InlineData("letter", "90", "100", "A")]
    [InlineData("letter", "100", "100", "A")]
    [InlineData("letter", "8.999", "10", "B")]
    [InlineData("letter", "2.7", "3", "A")]
    [InlineData("letter", "60", "100", "D")]
    [InlineData("letter", "59.99", "100", "F")]
    [InlineData("letter", "0", "100", "F")]
    [InlineData("letter", "-1", "100", "F")]
    [InlineData("letter", "12", "10", "A")]
    [InlineData("pass_fail", "5", "10", "Pass")]
    [InlineData("pass_fail", "4.99", "10", "Fail")]
    [InlineData("pass_fail", "0", "10", "Fail")]
    [InlineData("competency", "10", "10", "Competent")]
    [InlineData("competency", "9.99", "10", "Not Yet Competent")]
    [InlineData("competency", "0", "10", "Not Yet Competent")]
    public void Display_Score_ShowsTheSchemeValue(string scheme, string score, string maximum, string expected) =>
        Assert.Equal(expected, Scheme(scheme).Display(D(score), D(maximum)));

    [Theory]
    [InlineData("points", "7.5", "10", "7.5")]
    [InlineData("points", " 7.5 ", "10", "7.5")]
    [InlineData("points", "12", "10", "12")]
    [InlineData("points", "85%", "10", "8.5")]
    [InlineData("points", ".5", "10", "0.5")]
    [InlineData("percentage", "85%", "10", "8.5")]
    [InlineData("percentage", "85", "10", "8.5")]
    [InlineData("percentage", " 85 % ", "20", "17")]
    [InlineData("percentage", "110", "10", "11")]
    [InlineData("letter", "B", "10", "8")]
    [InlineData("letter", " b ", "10", "8")]
    [InlineData("letter", "a", "3", "2.7")]
    [InlineData("letter", "F", "10", "0")]
    [InlineData("letter", "7", "10", "7")]
    [InlineData("letter", "85%", "10", "8.5")]
    [InlineData("letter", "10", "10", "10")]
    [InlineData("pass_fail", "pass", "10", "10")]
    [InlineData("pass_fail", "FAIL", "10", "0")]
    [InlineData("pass_fail", "4", "10", "4")]
    [InlineData("competency", " Competent ", "7", "7")]
    [InlineData("competency", "not yet competent", "7", "0")]
    public void TryParse_Input_GivesTheScore(string scheme, string input, string maximum, string expected)
    {
        Assert.True(Scheme(scheme).TryParse(input, D(maximum), out var score, out var error), error);
        Assert.Equal(D(expected), score);
        Assert.Null(error);
    }

    public static TheoryData<string, string, string> EveryValue()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var scheme in Defaults.All.Append(CustomScale()))
            foreach (var value in scheme.Values)
                foreach (var maximum in new[] { "1", "3", "7", "10", "37.5", "0.3", "1000" })
                    data.Add(scheme.Name, value, maximum);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryValue))]
    public void TryParse_EveryValue_DisplaysTheSameValue(string schemeName, string value, string maximum)
    {
        var scheme = schemeName == CustomScale().Name ? CustomScale() : Scheme(schemeName);
        Assert.True(scheme.TryParse(value.ToLowerInvariant(), D(maximum), out var score, out var error), error);
        Assert.Equal(value, scheme.Display(score, D(maximum)));
    }

    [Theory]
    [InlineData("letter", "G", "'G' is not a grade in the Letter grade scheme: enter A, B, C, D or F, a number of points from 0 to 10, or a percentage such as 85%.")]
    [InlineData("letter", "", "Enter a grade: A, B, C, D or F, a number of points from 0 to 10, or a percentage such as 85%.")]
    [InlineData("letter", "11", "'11' is more than full marks (10 points): the Letter grade scheme has no extra credit.")]
    [InlineData("letter", "150%", "'150%' is more than full marks (10 points): the Letter grade scheme has no extra credit.")]
    [InlineData("letter", "-1", "'-1' is below 0: a grade cannot be negative.")]
    [InlineData("pass_fail", "maybe", "'maybe' is not a grade in the Pass/fail scheme: enter Pass or Fail, a number of points from 0 to 10, or a percentage such as 85%.")]
    [InlineData("competency", "yes", "'yes' is not a grade in the Competency scheme: enter Competent or Not Yet Competent, a number of points from 0 to 10, or a percentage such as 85%.")]
    [InlineData("points", "seven", "'seven' is not a grade in the Points scheme: enter a number of points such as 7.5 (full marks are 10; more is extra credit), or a percentage such as 85%.")]
    [InlineData("points", "1,5", "'1,5' is not a grade in the Points scheme: enter a number of points such as 7.5 (full marks are 10; more is extra credit), or a percentage such as 85%.")]
    [InlineData("points", "-0.5", "'-0.5' is below 0: a grade cannot be negative.")]
    [InlineData("percentage", "85%%", "'85%%' is not a grade in the Percentage scheme: enter a percentage such as 85 or 85% (more than 100 is extra credit).")]
    [InlineData("percentage", "-5%", "'-5%' is below 0: a grade cannot be negative.")]
    public void TryParse_BadInput_RefusesWithASentence(string scheme, string input, string expected)
    {
        Assert.False(Scheme(scheme).TryParse(input, 10, out var score, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(0, score);
    }

    [Fact]
    public void TryParse_HugeNumber_RefusedRatherThanOverflowing()
    {
        Assert.False(Scheme("percentage").TryParse("79228162514264337593543950335", 1000, out _, out var error));
        Assert.StartsWith("'79228162514264337593543950335' is not a grade", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LongInput_EchoesOnlyItsStart()
    {
        Assert.False(Scheme("letter").TryParse(new string('x', 500), 10, out _, out var error));
        Assert.StartsWith($"'{new string('x', 40)}…' is not a grade", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Display_NoMaximum_Throws(string maximum)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Scheme("letter").Display(1, D(maximum)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scheme("letter").TryParse("A", D(maximum), out _, out _));
    }

    [Fact]
    public void BuiltIns_HaveTheirBandsAndValues()
    {
        Assert.Equal([GradingSchemeDefaults.Points, GradingSchemeDefaults.Percentage, GradingSchemeDefaults.Letter, GradingSchemeDefaults.PassFail, GradingSchemeDefaults.Competency],
            Defaults.All.Select(s => s.Name));
        Assert.Equal(["Points", "Percentage", "Letter grade", "Pass/fail", "Competency"], Defaults.All.Select(s => s.Title));
        Assert.Empty(Scheme("points").Bands);
        Assert.Empty(Scheme("percentage").Values);
        Assert.Equal(["A", "B", "C", "D", "F"], Scheme("letter").Values);
        Assert.Equal([new GradeBand("A", 90), new("B", 80), new("C", 70), new("D", 60), new("F", 0)], Scheme("letter").Bands);
        Assert.Equal([new GradeBand("Pass", 50), new("Fail", 0)], Scheme("pass_fail").Bands);
        Assert.Equal([new GradeBand("Competent", 100), new("Not Yet Competent", 0)], Scheme("competency").Bands);
    }

    [Theory]
    [InlineData(null, "points")]
    [InlineData("", "points")]
    [InlineData("LETTER", "letter")]
    [InlineData(" Pass_Fail ", "pass_fail")]
    public void TryGet_Name_FindsTheScheme(string? name, string expected)
    {
        Assert.True(Defaults.TryGet(name, out var scheme));
        Assert.Equal(expected, scheme.Name);
    }

    [Fact]
    public void TryGet_UnknownName_ReturnsFalse() => Assert.False(Defaults.TryGet("gpa", out _));

    [Fact]
    public void Letter_HandBuiltBandsWithoutZero_Throws() =>
        Assert.Throws<ArgumentException>(() => GradingScheme.Letter("x", "X", [new("A", 50)]));

    // An Australian-style scale added by configuration, listed out of order.
    private static GradingScheme CustomScale() => GradingScheme.Letter("au", "HD/D/C/P/N",
        [new("N", 0), new("P", 50), new("C", 65), new("D", 75), new("HD", 85)]);

    [Theory]
    [InlineData("84.99", "D")]
    [InlineData("85", "HD")]
    [InlineData("49.99", "N")]
    [InlineData("50", "P")]
    public void CustomScale_Display_UsesItsBands(string score, string expected)
    {
        Assert.Equal(["HD", "D", "C", "P", "N"], CustomScale().Values);
        Assert.Equal(expected, CustomScale().Display(D(score), 100));
    }
}
