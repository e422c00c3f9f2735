using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Testing;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Tests.Features.Admin;

public sealed class DeveloperKeyTests
{
    private static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)))!;

    private static async Task<JsonObject> ConfigJsonAsync(LtiToolApp app)
    {
        var response = await app.CreateClient().GetAsync("/lti/config.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static IEnumerable<JsonObject> Placements(JsonObject json) =>
        json["extensions"]![0]!["settings"]!["placements"]!.AsArray().Select(p => p!.AsObject());

    [Fact]
    public async Task ConfigJson_Anonymous_HasTheShapeOfCanvasDeveloperKeys()
    {
        using var app = new LtiToolApp();

        var json = await ConfigJsonAsync(app);

        var differences = JsonShape.Differences(json, [Fixture("canvas-developer-key-config.json"), Fixture("canvas-developer-key-config.full-example.json")],
            "$.custom_fields");
        Assert.Empty(differences);
        foreach (var required in new[] { "title", "description", "oidc_initiation_url", "target_link_uri", "public_jwk_url", "scopes", "extensions" })
            Assert.NotNull(json[required]);
        var canvas = json["extensions"]!.AsArray().Single()!;
        Assert.Equal("canvas.instructure.com", canvas["platform"]!.GetValue<string>());
        Assert.NotNull(canvas["settings"]!["placements"]);
        Assert.All(json["custom_fields"]!.AsObject(), f => Assert.Equal(System.Text.Json.JsonValueKind.String, f.Value!.GetValueKind()));
    }

    [Fact]
    public async Task ConfigJson_UrlsComeFromThePublicBaseUrl()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { ["Lti:PublicBaseUrl"] = "https://lti.example.edu/tool/" });

        var json = await ConfigJsonAsync(app);

        Assert.Equal("https://lti.example.edu/tool/lti/login", json["oidc_initiation_url"]!.GetValue<string>());
        Assert.Equal("https://lti.example.edu/tool/lti/launch", json["target_link_uri"]!.GetValue<string>());
        Assert.Equal("https://lti.example.edu/tool/.well-known/jwks.json", json["public_jwk_url"]!.GetValue<string>());
        Assert.Equal("lti.example.edu", json["extensions"]![0]!["domain"]!.GetValue<string>());
        Assert.All(Placements(json), p => Assert.Equal("https://lti.example.edu/tool/lti/launch", p["target_link_uri"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ConfigJson_Defaults_ScopesPlacementsAndCustomFieldsCanvasAccepts()
    {
        using var app = new LtiToolApp();

        var json = await ConfigJsonAsync(app);

        Assert.Equal(
            [LtiScopes.AgsLineItem, LtiScopes.AgsLineItemReadOnly, LtiScopes.AgsScore, LtiScopes.AgsResultReadOnly, LtiScopes.NrpsContextMembershipReadOnly],
            json["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var canvasScopes = Fixture("canvas-lti-scopes.json");
        var accepted = canvasScopes["ags"]!.AsArray().Concat(canvasScopes["nrps"]!.AsArray()).Select(s => s!.GetValue<string>()).ToHashSet();
        Assert.All(json["scopes"]!.AsArray(), s => Assert.Contains(s!.GetValue<string>(), accepted));

        var allowed = Fixture("canvas-placements.json");
        var placements = Placements(json).ToList();
        Assert.Equal(["course_navigation", "assignment_selection", "link_selection", "account_navigation"], placements.Select(p => p["placement"]!.GetValue<string>()));
        Assert.All(placements, p => Assert.Contains(p["placement"]!.GetValue<string>(),
            allowed[p["message_type"]!.GetValue<string>()]!.AsArray().Select(a => a!.GetValue<string>())));
        Assert.Equal("LtiDeepLinkingRequest", placements.Single(p => (string)p["placement"]! == "assignment_selection")["message_type"]!.GetValue<string>());
        var courseNavigation = placements.Single(p => (string)p["placement"]! == "course_navigation");
        Assert.Equal("enabled", courseNavigation["default"]!.GetValue<string>());
        Assert.Equal("admins", courseNavigation["visibility"]!.GetValue<string>());

        Assert.Equal("public", json["extensions"]![0]!["privacy_level"]!.GetValue<string>());
        var custom = json["custom_fields"]!.AsObject();
        Assert.Equal("$Canvas.membership.roles", custom["canvas_membership_roles"]!.GetValue<string>());
        Assert.Equal("$Canvas.course.id", custom["canvas_course_id"]!.GetValue<string>());
        Assert.Equal("$Canvas.user.id", custom["canvas_user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConfigJson_FollowsTheConfiguration()
    {
        using var app = new LtiToolApp(new Dictionary<string, string?>
        {
            ["Lti:DeveloperKey:Title"] = "Coursework",
            ["Lti:DeveloperKey:PrivacyLevel"] = "name_only",
            ["Lti:DeveloperKey:Placements:link_selection:Enabled"] = "false",
            ["Lti:DeveloperKey:Placements:account_navigation:Enabled"] = "false",
            ["Lti:DeveloperKey:Placements:course_navigation:Text"] = "Coursework for teachers",
            ["Lti:DeveloperKey:Placements:course_navigation:IconUrl"] = "https://lti.example.edu/icon.svg",
            ["Lti:DeveloperKey:EditorButton"] = "true",
            ["Lti:DeveloperKey:Placements:editor_button:IconUrl"] = "https://lti.example.edu/icon-16.png",
            ["Roles:CanvasRolesParameter"] = "roles_by_name",
        });

        var json = await ConfigJsonAsync(app);

        Assert.Equal("Coursework", json["title"]!.GetValue<string>());
        Assert.Equal("name_only", json["extensions"]![0]!["privacy_level"]!.GetValue<string>());
        var placements = Placements(json).ToDictionary(p => p["placement"]!.GetValue<string>());
        Assert.Equal(["course_navigation", "assignment_selection", "editor_button"], placements.Keys);
        Assert.Equal("Coursework for teachers", placements["course_navigation"]["text"]!.GetValue<string>());
        Assert.Equal("https://lti.example.edu/icon.svg", placements["course_navigation"]["icon_url"]!.GetValue<string>());
        Assert.Equal("Coursework", placements["assignment_selection"]["text"]!.GetValue<string>());
        Assert.Equal("LtiDeepLinkingRequest", placements["editor_button"]["message_type"]!.GetValue<string>());
        Assert.Equal("https://lti.example.edu/icon-16.png", placements["editor_button"]["icon_url"]!.GetValue<string>());
        Assert.Equal("$Canvas.membership.roles", json["custom_fields"]!["roles_by_name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Lti:DeveloperKey:PrivacyLevel", "everyone", "Lti:DeveloperKey:PrivacyLevel 'everyone' is not one of: public, name_only, email_only, anonymous")]
    [InlineData("Lti:DeveloperKey:Title", "", "Lti:DeveloperKey:Title is required")]
    [InlineData("Lti:DeveloperKey:Placements:global_navigation:Enabled", "true", "Lti:DeveloperKey:Placements:global_navigation is not a placement the tool offers")]
    [InlineData("Lti:DeveloperKey:Placements:course_navigation:IconUrl", "http://lti.example.edu/icon.png", "Lti:DeveloperKey:Placements:course_navigation:IconUrl must be an absolute https URL")]
    [InlineData("Lti:DeveloperKey:Placements:editor_button:Enabled", "true", "switch the editor button with Lti:DeveloperKey:EditorButton")]
    public void Startup_InvalidDeveloperKey_FailsNamingTheKey(string key, string value, string message)
    {
        using var app = new LtiToolApp(new Dictionary<string, string?> { [key] = value });

        var e = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeveloperKeyPage_Administrator_ShowsTheJsonAndBothUrls()
    {
        using var app = new LtiToolApp();
        var admin = app.Driver();
        await app.LaunchAsync(LaunchKind.AdministratorAccountNavigation, driver: admin);

        var response = await admin.Client.GetAsync("/admin/developer-key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("https://localhost/lti/config.json", page.QuerySelector("#config-url")!.TextContent);
        Assert.Equal("https://localhost/lti/register", page.QuerySelector("#register-url")!.TextContent);
        var shown = JsonNode.Parse(page.QuerySelector("pre#developer-key-json")!.TextContent)!;
        Assert.True(JsonNode.DeepEquals(await ConfigJsonAsync(app), shown));
        Assert.Equal(3, page.QuerySelectorAll("button.copy").Length);
        Assert.NotNull(page.QuerySelector("script[src='/js/developer-key.js']"));
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/js/developer-key.js")).StatusCode);
    }

    [Fact]
    public async Task DeveloperKeyPage_TwoSchools_ShowsEachTheToolsPublicConfigAndNothingOfTheOther()
    {
        using var app = new LtiToolApp();
        var schools = await TwoSchools.CreateAsync(app);
        var (browserA, _) = await schools.AdminOfAAsync();
        var (browserB, _) = await schools.AdminOfBAsync();

        var pageA = new HtmlParser().ParseDocument(await browserA.GetStringAsync("/admin/developer-key"));
        var pageB = new HtmlParser().ParseDocument(await browserB.GetStringAsync("/admin/developer-key"));

        var config = await ConfigJsonAsync(app);
        Assert.True(JsonNode.DeepEquals(config, JsonNode.Parse(pageA.QuerySelector("pre#developer-key-json")!.TextContent)));
        Assert.True(JsonNode.DeepEquals(config, JsonNode.Parse(pageB.QuerySelector("pre#developer-key-json")!.TextContent)));
        Assert.DoesNotContain(TwoSchools.IssuerB, pageA.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(schools.PlatformB, pageA.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Platform.Options.Issuer, pageB.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(schools.PlatformA, pageB.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains(TwoSchools.IssuerB, pageB.QuerySelector("#admin-scope")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeveloperKeyPage_WithoutManagePlatforms_Is403()
    {
        using var app = new LtiToolApp();
        var teacher = app.Driver();
        await app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: teacher);

        var response = await teacher.Client.GetAsync("/admin/developer-key");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("manage_platforms", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeveloperKeyPage_NoSession_Is401()
    {
        using var app = new LtiToolApp();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/admin/developer-key")).StatusCode);
    }
}
