using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LtiTool.Web.Tests.Features.DeepLinking;

/// <summary>The deep linking picker and the response the tool signs, within the platform's rules.</summary>
public sealed class DeepLinkingPickerTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private HttpClient Bearer(string token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<Guid> ContextAsync()
    {
        var teacher = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var session = JsonDocument.Parse(await Bearer(teacher.SessionToken!).GetStringAsync("/api/session")).RootElement;
        return session.GetProperty("context").GetProperty("id").GetGuid();
    }

    private async Task<Guid> ActivityAsync(Guid contextId, string title, decimal points, DateTime? due = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        var activity = new ActivityEntity
        {
            Id = Guid.NewGuid(), ContextId = contextId, Title = title, PointsPossible = points, SubmissionKind = SubmissionKinds.Text, DueAt = due,
            CreatedAt = _app.Time.GetUtcNow().UtcDateTime, UpdatedAt = _app.Time.GetUtcNow().UtcDateTime,
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    private Task<LtiTool.Testing.LaunchOutcome> DeepLinkingLaunchAsync(Action<JsonObject>? settings = null) =>
        _app.LaunchAsync(LaunchKind.InstructorDeepLinking, b =>
        {
            var current = JsonNode.Parse(JsonSerializer.Serialize(b.Claims[LtiClaimTypes.DeepLinkingSettings]))!.AsObject();
            current["data"] = "opaque-platform-state";
            settings?.Invoke(current);
            b.Set(LtiClaimTypes.DeepLinkingSettings, current);
        });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Picker_ChosenActivities_AreSignedAsResourceLinksWithLineItems()
    {
        var contextId = await ContextAsync();
        var essay = await ActivityAsync(contextId, "Essay", 20, new DateTime(2026, 12, 1, 23, 59, 0, DateTimeKind.Utc));
        var quiz = await ActivityAsync(contextId, "Quiz", 5);
        var launch = await DeepLinkingLaunchAsync();
        Assert.Equal(2, launch.Page.QuerySelectorAll("#pick input[type=checkbox][name=activity]").Length);
        Assert.Equal("no-store", launch.Response.Headers.CacheControl?.ToString());

        var response = await Bearer(launch.SessionToken!).PostAsJsonAsync("/api/deep-linking/response", new { activityIds = new[] { essay, quiz } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await JsonAsync(response);
        Assert.StartsWith("https://localhost/demo/", body.GetProperty("returnUrl").GetString(), StringComparison.Ordinal); // the request's deep_link_return_url
        var jwt = new JsonWebToken(body.GetProperty("jwt").GetString());
        Assert.Equal(_app.Platform.Options.Issuer, Assert.Single(jwt.Audiences));
        Assert.Equal(_app.Platform.Options.ClientId, jwt.Issuer);
        Assert.Equal(LtiMessageTypes.DeepLinkingResponse, jwt.GetClaim(LtiClaimTypes.MessageType).Value);
        Assert.Equal(_app.Platform.Options.DeploymentId, jwt.GetClaim(LtiClaimTypes.DeploymentId).Value);
        Assert.Equal("opaque-platform-state", jwt.GetClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data").Value);
        Assert.True(jwt.ValidTo - jwt.IssuedAt >= TimeSpan.FromMinutes(5));
        var items = JsonDocument.Parse(jwt.EncodedPayload.Length > 0 ? Base64UrlDecode(jwt.EncodedPayload) : "{}").RootElement
            .GetProperty("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
        Assert.Equal(2, items.GetArrayLength());
        var first = items[0];
        Assert.Equal("ltiResourceLink", first.GetProperty("type").GetString());
        Assert.Equal("Essay", first.GetProperty("title").GetString());
        Assert.Equal("https://localhost/lti/launch", first.GetProperty("url").GetString());
        Assert.Equal(essay.ToString(), first.GetProperty("custom").GetProperty("activity_id").GetString());
        Assert.Equal(20m, first.GetProperty("lineItem").GetProperty("scoreMaximum").GetDecimal());
        Assert.Equal("ltitool-activity", first.GetProperty("lineItem").GetProperty("tag").GetString());
        Assert.Equal(essay.ToString(), first.GetProperty("lineItem").GetProperty("resourceId").GetString());
        Assert.StartsWith("2026-12-01T23:59:00", first.GetProperty("submission").GetProperty("endDateTime").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_SignsAnAnswerWithErrormsgAndNoItems()
    {
        var contextId = await ContextAsync();
        await ActivityAsync(contextId, "Essay", 20);
        var launch = await DeepLinkingLaunchAsync();

        var body = await JsonAsync(await Bearer(launch.SessionToken!).PostAsJsonAsync("/api/deep-linking/response", new { cancel = true }));

        var payload = JsonDocument.Parse(Base64UrlDecode(new JsonWebToken(body.GetProperty("jwt").GetString()).EncodedPayload)).RootElement;
        Assert.Equal(0, payload.GetProperty("https://purl.imsglobal.org/spec/lti-dl/claim/content_items").GetArrayLength());
        Assert.Contains("cancelled", payload.GetProperty("https://purl.imsglobal.org/spec/lti-dl/claim/errormsg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoActivitiesWhereThePlatformAcceptsOne_AreAnsweredWithErrormsgAndNoItems()
    {
        var contextId = await ContextAsync();
        var a = await ActivityAsync(contextId, "A", 1);
        var b = await ActivityAsync(contextId, "B", 1);
        var launch = await DeepLinkingLaunchAsync(s => s["accept_multiple"] = false);
        Assert.Equal(2, launch.Page.QuerySelectorAll("#pick input[type=radio]").Length);

        var response = await Bearer(launch.SessionToken!).PostAsJsonAsync("/api/deep-linking/response", new { activityIds = new[] { a, b } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("deep_linking_multiple_not_accepted", body.GetProperty("refused").GetString());
        var payload = JsonDocument.Parse(Base64UrlDecode(new JsonWebToken(body.GetProperty("jwt").GetString()).EncodedPayload)).RootElement;
        Assert.Equal(0, payload.GetProperty("https://purl.imsglobal.org/spec/lti-dl/claim/content_items").GetArrayLength());
        Assert.StartsWith("The tool could not add this here", payload.GetProperty("https://purl.imsglobal.org/spec/lti-dl/claim/errormsg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlacementThatTakesNoResourceLinks_SaysSoAndAnswersWithErrormsg()
    {
        var contextId = await ContextAsync();
        var a = await ActivityAsync(contextId, "A", 1);
        var launch = await DeepLinkingLaunchAsync(s => s["accept_types"] = new JsonArray("link", "html"));
        Assert.NotNull(launch.Page.QuerySelector("#picker .notice"));

        var response = await Bearer(launch.SessionToken!).PostAsJsonAsync("/api/deep-linking/response", new { activityIds = new[] { a } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("deep_linking_type_not_accepted", body.GetProperty("refused").GetString());
        var payload = JsonDocument.Parse(Base64UrlDecode(new JsonWebToken(body.GetProperty("jwt").GetString()).EncodedPayload)).RootElement;
        Assert.Equal(0, payload.GetProperty("https://purl.imsglobal.org/spec/lti-dl/claim/content_items").GetArrayLength());
        Assert.Contains("deep_linking_type_not_accepted", payload.GetProperty("https://purl.imsglobal.org/spec/lti-dl/claim/errorlog").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivityOfAnotherCourse_CannotBeLinked()
    {
        var contextId = await ContextAsync();
        var launch = await DeepLinkingLaunchAsync();
        // A real activity, of another course of the same platform.
        Guid otherCourse;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
            var context = await db.Contexts.SingleAsync(c => c.Id == contextId);
            var other = new ContextEntity { Id = Guid.NewGuid(), PlatformId = context.PlatformId, DeploymentId = context.DeploymentId, ContextKey = "other-course", Title = "Other" };
            db.Contexts.Add(other);
            await db.SaveChangesAsync();
            otherCourse = other.Id;
        }
        var foreign = await ActivityAsync(otherCourse, "Not yours", 5);

        var response = await Bearer(launch.SessionToken!).PostAsJsonAsync("/api/deep-linking/response", new { activityIds = new[] { foreign } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("activity_not_in_course", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task NotADeepLinkingSession_OrAStudent_GetsNoResponse()
    {
        var contextId = await ContextAsync();
        var a = await ActivityAsync(contextId, "A", 1);
        var teacher = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var student = await _app.LaunchAsync(LaunchKind.StudentAssignment);

        var fromCourseNavigation = await Bearer(teacher.SessionToken!).PostAsJsonAsync("/api/deep-linking/response", new { activityIds = new[] { a } });
        var fromStudent = await Bearer(student.SessionToken!).PostAsJsonAsync("/api/deep-linking/response", new { activityIds = new[] { a } });

        Assert.Equal(HttpStatusCode.Conflict, fromCourseNavigation.StatusCode);
        Assert.Equal("not_deep_linking_launch", (await JsonAsync(fromCourseNavigation)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, fromStudent.StatusCode);
    }

    private static string Base64UrlDecode(string value) => System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(value));
}

public sealed class DeepLinkingPickerPageTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CreateNewFromThePicker_LeadsToTheActivitiesPageAndBackToAFreshPicker()
    {
        var driver = _app.Driver();
        var launch = await _app.LaunchAsync(LaunchKind.InstructorDeepLinking, driver: driver);
        var create = launch.Page.QuerySelector("#create-activity")!.GetAttribute("href")!;
        Assert.EndsWith("/activities?picking=true", create, StringComparison.Ordinal);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", launch.SessionToken);
        var contextId = create.Split('/')[2];
        (await client.PostAsJsonAsync($"/api/contexts/{contextId}/activities", new { title = "New one", pointsPossible = 5, submissionKind = "Text" })).EnsureSuccessStatusCode();

        var activitiesPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await driver.Client.GetStringAsync(create));
        var back = activitiesPage.QuerySelector("#back-to-picker")!.GetAttribute("href")!;
        var picker = await driver.Client.GetAsync(back);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await picker.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, picker.StatusCode);
        Assert.Equal("no-store", picker.Headers.CacheControl?.ToString());
        Assert.Contains(page.QuerySelectorAll("#pick .choice .title"), t => t.TextContent == "New one");
        Assert.NotNull(page.QuerySelector("script[src='/js/deep-linking.js']"));
    }

    [Fact]
    public async Task PickerPage_FromASessionThatIsNotContentSelection_IsNotFound()
    {
        var driver = _app.Driver();
        await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: driver);

        Assert.Equal(HttpStatusCode.NotFound, (await driver.Client.GetAsync("/deep-linking")).StatusCode);
    }
}
