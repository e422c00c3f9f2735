using LtiTool.DemoPlatform;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Web.Data;
using LtiTool.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace LtiTool.Web.Tests.Infrastructure;

/// <summary>The README and appsettings.example.json stay true to the code.</summary>
public sealed class DocumentationTests
{
    internal static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "LtiTool.slnx"))) return candidate;
        }
        throw new FileNotFoundException(name);
    }

    [Fact]
    public void ExampleSettings_BindWithoutUnknownKeysAndValidate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepositoryFile("appsettings.example.json")).Build();
        void Bind<T>(string section, T target) => configuration.GetSection(section).Bind(target, o => o.ErrorOnUnknownConfiguration = true);

        // Lti:Keys, Lti:Launch and Lti:Jwks bind to their own options, so LtiToolOptions is bound leniently
        // and its top-level keys are checked by name; every other section binds strictly.
        var lti = new LtiToolOptions();
        configuration.GetSection("Lti").Bind(lti);
        Bind("Lti:Session", new SessionOptions());
        var launch = new LaunchValidationOptions();
        Bind("Lti:Launch", launch);
        Bind("Lti:Jwks", new PlatformJwksOptions());
        var keys = new ToolKeyOptions();
        Bind("Lti:Keys", keys);
        Assert.Empty(keys.Rotation.Validate());
        Assert.Equal(new ToolKeyRotationOptions().Period, keys.Rotation.Period);
        Bind("Lti:StateStore", new StateStoreOptions());
        Bind("Lti:Services", new LtiTool.Lti.Services.PlatformTokenOptions());
        var deepLinking = new LtiTool.Lti.DeepLinking.DeepLinkingOptions();
        Bind("Lti:DeepLinking", deepLinking);
        Assert.Empty(deepLinking.Validate());
        var developerKey = new LtiTool.Web.Features.Admin.Registration.DeveloperKeyOptions();
        Bind("Lti:DeveloperKey", developerKey);
        Assert.Empty(developerKey.Validate());
        for (var i = 0; i < lti.Platforms.Count; i++) Bind($"Lti:Platforms:{i}", new LtiTool.Lti.Platforms.PlatformOptions());
        Bind("Data", new DataOptions());
        Bind("DemoPlatform", new DemoPlatformOptions());
        Bind("Roster", new LtiTool.Web.Features.Roster.RosterOptions());
        var roles = new LtiTool.Web.Features.Roles.RoleOptions();
        Bind("Roles", roles);
        var permissions = new LtiTool.Web.Features.Roles.PermissionOptions();
        Bind("Permissions", permissions);
        var grading = new LtiTool.Web.Features.Grades.GradingOptions();
        Bind("Grading", grading);
        var bootstrap = new LtiTool.Web.Features.Admin.Access.BootstrapOptions();
        Bind("Admin:Bootstrap", bootstrap);
        Assert.Empty(bootstrap.Validate());
        var delivery = new LtiTool.Web.Features.Grades.GradeDeliveryOptions();
        Bind("GradeDelivery", delivery);
        Assert.Empty(delivery.Validate());
        Assert.Empty(roles.Validate());
        Assert.Empty(permissions.Validate());
        Assert.Empty(grading.Validate());

        Assert.True(new LtiToolOptionsValidator().Validate(null, lti).Succeeded);
        Assert.Empty(launch.Validate());
        Assert.Single(lti.Platforms);
        Assert.Equal("https://canvas.instructure.com", lti.Platforms[0].Issuer);
        var knownLtiKeys = new[] { "PublicBaseUrl", "DataPath", "Platforms", "FrameAncestors", "Keys", "Launch", "Jwks", "Session", "StateStore", "Services", "DeepLinking", "DeveloperKey" };
        Assert.All(configuration.GetSection("Lti").GetChildren(), c => Assert.Contains(c.Key, knownLtiKeys));
    }

    [Fact]
    public void Readme_ListsEveryErrorCode()
    {
        var readme = File.ReadAllText(RepositoryFile("README.md"));
        Assert.All(LtiErrors.All, e => Assert.Contains($"`{e.Code}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_ListsEveryToolKeyErrorCode()
    {
        var readme = File.ReadAllText(RepositoryFile("README.md"));
        var codes = typeof(LtiTool.Web.Features.Admin.Keys.ToolKeyErrors).GetFields()
            .Select(f => f.GetValue(null)).OfType<LtiError>().Select(e => e.Code).ToList();
        Assert.Equal(8, codes.Count);
        Assert.All(codes, code => Assert.Contains($"`{code}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_ShowsTheTwoCommands()
    {
        var readme = File.ReadAllText(RepositoryFile("README.md"));
        Assert.Contains("dotnet run --project src/LtiTool.Web", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test LtiTool.slnx", readme, StringComparison.Ordinal);
    }
}
