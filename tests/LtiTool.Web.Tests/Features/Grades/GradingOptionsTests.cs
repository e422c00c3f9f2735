using LtiTool.Web.Features.Grades;
using LtiTool.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Tests.Features.Grades;

public sealed class GradingOptionsTests
{
    private static ServiceProvider Services(IEnumerable<string> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => s.Split('=', 2)).Select(p => KeyValuePair.Create("Grading:" + p[0], (string?)p[1])))
            .Build();
        return new ServiceCollection().AddGradingSchemes(configuration).BuildServiceProvider();
    }

    // IStartupValidator is what the host runs for ValidateOnStart before it starts.
    private static string StartupFailure(params string[] settings)
    {
        using var services = Services(settings);
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate()).Message;
    }

    [Theory]
    [InlineData("Grading:DefaultScheme 'gpa' is not a scheme (points, percentage, letter, pass_fail, competency).", "DefaultScheme=gpa")]
    [InlineData("Grading:Schemes:hd:Kind is required for a scheme that is not built in", "Schemes:hd:Title=HD")]
    [InlineData("Grading:Schemes:hd:Kind '7' is not one of: Points, Percentage, Letter, PassFail, Competency.", "Schemes:hd:Kind=7")]
    // The binder alone would drop these schemes and bands without a word.
    [InlineData("Grading:Schemes:hd:Kind 'Grades' is not one of: Points, Percentage, Letter, PassFail, Competency.", "Schemes:hd:Kind=Grades", "Schemes:hd:Title=HD")]
    [InlineData("Grading:Schemes:letter:Kind 'Leter' is not one of", "Schemes:letter:Kind=Leter", "Schemes:letter:Bands:0:Value=S", "Schemes:letter:Bands:0:MinPercent=0")]
    [InlineData("Grading:Schemes:pass_fail:PassPercent 'fifty' is not a number.", "Schemes:pass_fail:PassPercent=fifty")]
    [InlineData("Grading:Schemes:letter:Bands:1:MinPercent 'ninety' is not a number.",
        "Schemes:letter:Bands:0:Value=F", "Schemes:letter:Bands:0:MinPercent=0", "Schemes:letter:Bands:1:Value=A", "Schemes:letter:Bands:1:MinPercent=ninety")]
    [InlineData("Grading:Schemes:letter:Kind 'Points' would change the built-in Letter scheme", "Schemes:letter:Kind=Points")]
    [InlineData("Grading:Schemes:hd:Bands must list at least one band for a Letter scheme", "Schemes:hd:Kind=Letter")]
    [InlineData("Grading:Schemes:letter:Bands:1:Value 'a' repeats Grading:Schemes:letter:Bands:0:Value",
        "Schemes:letter:Bands:0:Value=A", "Schemes:letter:Bands:0:MinPercent=90", "Schemes:letter:Bands:1:Value= a ", "Schemes:letter:Bands:1:MinPercent=0")]
    [InlineData("Grading:Schemes:letter:Bands:1:Value is required.",
        "Schemes:letter:Bands:0:Value=A", "Schemes:letter:Bands:0:MinPercent=90", "Schemes:letter:Bands:1:MinPercent=0")]
    [InlineData("Grading:Schemes:letter:Bands:0:MinPercent is required.",
        "Schemes:letter:Bands:0:Value=A", "Schemes:letter:Bands:1:Value=F", "Schemes:letter:Bands:1:MinPercent=0")]
    [InlineData("Grading:Schemes:letter:Bands:2:MinPercent 101 is outside 0..100.",
        "Schemes:letter:Bands:0:Value=A", "Schemes:letter:Bands:0:MinPercent=90", "Schemes:letter:Bands:1:Value=F", "Schemes:letter:Bands:1:MinPercent=0",
        "Schemes:letter:Bands:2:Value=A+", "Schemes:letter:Bands:2:MinPercent=101")]
    [InlineData("Grading:Schemes:letter:Bands:0:MinPercent -5 is outside 0..100.",
        "Schemes:letter:Bands:0:Value=A", "Schemes:letter:Bands:0:MinPercent=-5", "Schemes:letter:Bands:1:Value=F", "Schemes:letter:Bands:1:MinPercent=0")]
    [InlineData("Grading:Schemes:letter:Bands:1:MinPercent 50.0 repeats Grading:Schemes:letter:Bands:0:MinPercent; each band needs its own cut-off.",
        "Schemes:letter:Bands:0:Value=A", "Schemes:letter:Bands:0:MinPercent=50", "Schemes:letter:Bands:1:Value=B", "Schemes:letter:Bands:1:MinPercent=50.0",
        "Schemes:letter:Bands:2:Value=F", "Schemes:letter:Bands:2:MinPercent=0")]
    [InlineData("Grading:Schemes:letter:Bands has no band at MinPercent 0",
        "Schemes:letter:Bands:0:Value=A", "Schemes:letter:Bands:0:MinPercent=90", "Schemes:letter:Bands:1:Value=B", "Schemes:letter:Bands:1:MinPercent=50")]
    [InlineData("Grading:Schemes:pass_fail:PassPercent 150 must be more than 0 and at most 100", "Schemes:pass_fail:PassPercent=150")]
    [InlineData("Grading:Schemes:competency:PassPercent 0 must be more than 0 and at most 100", "Schemes:competency:PassPercent=0")]
    [InlineData("Grading:Schemes:sat:PassPercent -1 must be more than 0 and at most 100", "Schemes:sat:Kind=PassFail", "Schemes:sat:PassPercent=-1")]
    [InlineData("Grading:Schemes:pass_fail:Bands applies only to Letter schemes, not to this PassFail scheme.",
        "Schemes:pass_fail:Bands:0:Value=S", "Schemes:pass_fail:Bands:0:MinPercent=0")]
    [InlineData("Grading:Schemes:letter:PassPercent applies only to PassFail and Competency schemes, not to this Letter scheme.", "Schemes:letter:PassPercent=50")]
    public void Startup_InvalidScheme_FailsNamingTheKey(string message, params string[] settings) =>
        Assert.Contains(message, StartupFailure(settings), StringComparison.Ordinal);

    [Fact]
    public void Startup_SeveralMistakes_ReportsEach()
    {
        var message = StartupFailure("DefaultScheme=gpa", "Schemes:pass_fail:PassPercent=150");
        Assert.Contains("Grading:DefaultScheme", message, StringComparison.Ordinal);
        Assert.Contains("Grading:Schemes:pass_fail:PassPercent", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_NoGradingSection_OffersTheBuiltIns()
    {
        using var services = Services([]);
        services.GetRequiredService<IStartupValidator>().Validate();
        var schemes = services.GetRequiredService<GradingSchemes>();
        Assert.Same(schemes, services.GetRequiredService<GradingSchemes>());
        Assert.Equal(GradingSchemeDefaults.Points, schemes.Default.Name);
        Assert.Equal(5, schemes.All.Count);
    }

    [Fact]
    public void Configuration_OverridesBuiltInsAndAddsAScale()
    {
        // The keys an environment gives as Grading__Schemes__LETTER__Bands__0__Value and so on.
        using var services = Services([
            "DefaultScheme=Letter",
            "Schemes:LETTER:Title=Grade", "Schemes:LETTER:Bands:0:Value=A+", "Schemes:LETTER:Bands:0:MinPercent=95",
            "Schemes:LETTER:Bands:1:Value=A", "Schemes:LETTER:Bands:1:MinPercent=85", "Schemes:LETTER:Bands:2:Value=E", "Schemes:LETTER:Bands:2:MinPercent=0",
            "Schemes:pass_fail:PassPercent=40",
            "Schemes:au:Kind=Letter", "Schemes:au:Title=HD/D/C/P/N",
            "Schemes:au:Bands:0:Value=N", "Schemes:au:Bands:0:MinPercent=0", "Schemes:au:Bands:1:Value=HD", "Schemes:au:Bands:1:MinPercent=85",
            "Schemes:au:Bands:2:Value=P", "Schemes:au:Bands:2:MinPercent=50",
        ]);
        services.GetRequiredService<IStartupValidator>().Validate();
        var schemes = services.GetRequiredService<GradingSchemes>();

        Assert.Equal("letter", schemes.Default.Name);
        Assert.Equal("Grade", schemes.Default.Title);
        Assert.Equal(["A+", "A", "E"], schemes.Default.Values);
        Assert.Equal("A+", schemes.Default.Display(19, 20));
        Assert.Equal("Pass", schemes.All.Single(s => s.Name == "pass_fail").Display(4, 10));
        Assert.Equal([GradingSchemeDefaults.Points, GradingSchemeDefaults.Percentage, GradingSchemeDefaults.Letter, GradingSchemeDefaults.PassFail, GradingSchemeDefaults.Competency, "au"],
            schemes.All.Select(s => s.Name));
        Assert.True(schemes.TryGet("AU", out var au));
        Assert.Equal("HD/D/C/P/N", au.Title);
        Assert.Equal([new GradeBand("HD", 85), new("P", 50), new("N", 0)], au.Bands);
        Assert.True(au.TryParse("hd", 40, out var score, out _));
        Assert.Equal(34, score);
    }

    [Fact]
    public void Registry_BuiltFromInvalidOptions_Throws() =>
        Assert.Throws<OptionsValidationException>(() => new GradingSchemes(Options.Create(new GradingOptions { DefaultScheme = "gpa" })));

    [Fact]
    public void ExampleSettings_GradingSection_ShowsTheDefaultsAndAnAddedScale()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(DocumentationTests.RepositoryFile("appsettings.example.json")).Build();
        var options = new GradingOptions();
        configuration.GetSection(GradingOptions.Section).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        var example = new GradingSchemes(Options.Create(options));
        var defaults = new GradingSchemes(Options.Create(new GradingOptions()));

        Assert.Equal(defaults.Default.Name, example.Default.Name);
        foreach (var builtIn in defaults.All)
        {
            Assert.True(example.TryGet(builtIn.Name, out var shown));
            Assert.Equal((builtIn.Kind, builtIn.Title), (shown.Kind, shown.Title));
            Assert.Equal(builtIn.Bands, shown.Bands);
        }
        Assert.True(example.TryGet("hd_scale", out var added));
        Assert.Equal(["HD", "D", "C", "P", "N"], added.Values);
    }
}
