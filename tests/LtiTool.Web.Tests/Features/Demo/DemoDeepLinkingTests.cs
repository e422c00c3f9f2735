using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;
using LtiTool.Lti.DeepLinking;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;
using LtiTool.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Web.Tests.Features.Demo;

/// <summary>
/// The demo LMS's side of deep linking over HTTP: the settings its request carries, its return URL checking the
/// tool's signed response and making assignments and gradebook columns, and student launches into them.
/// Responses are signed with the test tool key, the one the app publishes.
/// </summary>
public sealed class DemoDeepLinkingTests : IDisposable
{
    private const string LineItems = "https://localhost/demo/api/lti/courses/DEMO101/line_items";
    private const string QuizUrl = "https://localhost/lti/launch?activity=quiz-3";
    private static readonly ToolKeyRing ToolKeys = new(new ToolKeySet([ToolKey.FromPem(TestKeys.ToolPem, default)]));

    private static readonly LtiResourceLinkItem Quiz = new("Quiz 3", QuizUrl, "Ten questions on LTI.",
        new Dictionary<string, string> { ["quiz"] = "quiz-3", ["mode"] = "graded" },
        new DeepLinkLineItem(10, "Quiz 3 (graded)", "quiz-3", "quiz"), Iframe: new DeepLinkIframe(800, 600));

    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private DemoGradebook Book => _app.Services.GetRequiredService<DemoGradebook>();

    private sealed record Request(PlatformRegistration Registration, string DeploymentId, DeepLinkingSettingsClaim Settings);

    /// <summary>A teacher's deep linking launch from the demo into the tool; what the tool needs to answer it.</summary>
    private async Task<Request> DeepLinkingLaunchAsync()
    {
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorDeepLinking);
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        var message = new LaunchMessage(new JsonWebToken(outcome.LaunchForm["id_token"]));
        var registration = (await _app.Services.GetRequiredService<IPlatformStore>().FindByIssuerAsync(_app.Platform.Options.Issuer, default)).Single();
        return new Request(registration, message.DeploymentId!, message.DeepLinkingSettings!);
    }

    private DeepLinkingResponseBuilder Builder(ToolKeyRing? keys = null) =>
        new(keys ?? ToolKeys, _app.Time, new RandomTokenGenerator(), Options.Create(new DeepLinkingOptions()));

    private DeepLinkingResponse Respond(Request request, params ContentItem[] items)
    {
        var result = Builder().Build(request.Registration, request.DeploymentId, request.Settings, items, "1 assignment added");
        Assert.True(result.Succeeded, result.Error?.Code);
        return result.Response!;
    }

    private async Task<(HttpStatusCode Status, IDocument Page)> PostAsync(string returnUrl, string jwt)
    {
        var response = await _app.CreateClient().PostAsync(returnUrl, new FormUrlEncodedContent([new("JWT", jwt)]));
        return (response.StatusCode, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private Task<(HttpStatusCode Status, IDocument Page)> PostAsync(DeepLinkingResponse response) => PostAsync(response.ReturnUrl, response.Jwt);

    /// <summary>The response with one claim changed and signed again with the tool key.</summary>
    private static string Resign(DeepLinkingResponse response, Action<JsonObject> edit)
    {
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(response.Jwt.Split('.')[1]))!.AsObject();
        edit(payload);
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), ToolKeys.SigningKey.SigningCredentials);
    }

    private async Task AssertRefusedAsync(string returnUrl, string jwt, string check)
    {
        var (status, page) = await PostAsync(returnUrl, jwt);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(check, page.QuerySelector(".failed-check")?.TextContent);
        Assert.Empty(_app.Platform.Assignments);
        Assert.Single(Book.Columns()); // the course's own essay only
    }

    [Fact]
    public async Task DeepLinkingLaunch_CarriesSettingsForAssignmentsWithData()
    {
        var settings = (await DeepLinkingLaunchAsync()).Settings;

        Assert.Equal("https://localhost/demo/courses/DEMO101/deep_linking_response", settings.DeepLinkReturnUrl);
        Assert.Equal(["ltiResourceLink"], settings.AcceptTypes);
        Assert.Equal(["iframe", "window"], settings.AcceptPresentationDocumentTargets);
        Assert.True(settings.AcceptMultiple);
        Assert.True(settings.AcceptLineItem);
        Assert.False(string.IsNullOrEmpty(settings.Data));
    }

    [Fact]
    public async Task Return_ValidResponse_CreatesTheAssignmentAndItsColumn()
    {
        var request = await DeepLinkingLaunchAsync();

        var (status, page) = await PostAsync(Respond(request, Quiz));

        Assert.Equal(HttpStatusCode.OK, status);
        var assignment = Assert.Single(_app.Platform.Assignments);
        Assert.Equal("Quiz 3 (graded)", assignment.Title); // Canvas: the line item's label names the assignment
        Assert.Equal(QuizUrl, assignment.Url);
        Assert.Equal("Ten questions on LTI.", assignment.Text);
        Assert.Equal(Quiz.Custom, assignment.Custom);
        Assert.NotEqual(DemoData.Course.AssignmentResourceLinkId, assignment.ResourceLinkId);
        var column = Book.Columns().Single(c => c.LineItem == assignment.LineItem);
        Assert.Equal(("Quiz 3 (graded)", 10m, "quiz-3", "quiz", assignment.ResourceLinkId),
            (column.Label, column.ScoreMaximum, column.ResourceId, column.Tag, column.ResourceLinkId));
        Assert.Equal("Quiz 3 (graded)", page.QuerySelector(".created .title")?.TextContent);
        Assert.Equal("1 assignment added", page.QuerySelector(".msg")?.TextContent);
        Assert.Equal("/demo", page.QuerySelector("a.back")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Return_SeveralItems_CreatesEachAndAColumnOnlyWhereAsked()
    {
        var request = await DeepLinkingLaunchAsync();
        var reading = new LtiResourceLinkItem("Reading 1", "https://localhost/lti/launch?activity=reading-1");

        var (status, page) = await PostAsync(Respond(request, Quiz, reading));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Quiz 3 (graded)", "Reading 1"], _app.Platform.Assignments.Select(a => a.Title));
        Assert.Null(_app.Platform.Assignments[1].LineItem);
        Assert.Equal(2, Book.Columns().Count);
        Assert.Equal(2, page.QuerySelectorAll(".created li").Length);
    }

    [Fact]
    public async Task Return_ItemOffTheToolsDomain_IsNotAdded()
    {
        var request = await DeepLinkingLaunchAsync();

        var (status, page) = await PostAsync(Respond(request, Quiz with { Url = "https://elsewhere.example.com/launch" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(_app.Platform.Assignments);
        Assert.Contains("not on the tool's domain", page.QuerySelector(".skipped")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_ErrorResponse_ShowsTheErrorMessageAndAddsNothing()
    {
        var request = await DeepLinkingLaunchAsync();
        var response = Builder().BuildError(request.Registration, request.DeploymentId, request.Settings, "No quiz was chosen.", "cancelled by the user");

        var (status, page) = await PostAsync(response);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("No quiz was chosen.", page.QuerySelector(".errormsg")?.TextContent);
        Assert.Contains("cancelled by the user", page.QuerySelector(".log")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(_app.Platform.Assignments);
    }

    [Fact]
    public async Task Return_SignedByAKeyTheToolDoesNotPublish_IsRefusedAtSignature()
    {
        var request = await DeepLinkingLaunchAsync();
        var foreign = new ToolKeyRing(new ToolKeySet([ToolKey.FromPem(TestKeys.ToolNextPem, default)]));
        var response = Builder(foreign).Build(request.Registration, request.DeploymentId, request.Settings, [Quiz]).Response!;

        await AssertRefusedAsync(response.ReturnUrl, response.Jwt, "signature");
    }

    [Fact]
    public async Task Return_AlteredPayload_IsRefusedAtSignature()
    {
        var response = Respond(await DeepLinkingLaunchAsync(), Quiz);
        var parts = response.Jwt.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload[LtiClaimTypes.ContentItems]![0]!["custom"]!["mode"] = "ungraded";

        await AssertRefusedAsync(response.ReturnUrl, $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}", "signature");
    }

    [Fact]
    public async Task Return_WrongAudience_IsRefusedAtAud()
    {
        var request = await DeepLinkingLaunchAsync();
        var response = Builder().Build(request.Registration with { Issuer = "https://canvas.instructure.com" }, request.DeploymentId, request.Settings, [Quiz]).Response!;

        await AssertRefusedAsync(response.ReturnUrl, response.Jwt, "aud");
    }

    [Fact]
    public async Task Return_WrongIssuer_IsRefusedAtIss()
    {
        var request = await DeepLinkingLaunchAsync();
        var response = Builder().Build(request.Registration with { ClientId = "10000000000099" }, request.DeploymentId, request.Settings, [Quiz]).Response!;

        await AssertRefusedAsync(response.ReturnUrl, response.Jwt, "iss");
    }

    [Fact]
    public async Task Return_Expired_IsRefusedAtExp()
    {
        var response = Respond(await DeepLinkingLaunchAsync(), Quiz);
        _app.Time.Advance(new DeepLinkingOptions().ResponseLifetime);

        await AssertRefusedAsync(response.ReturnUrl, response.Jwt, "exp");
    }

    [Fact]
    public async Task Return_WrongMessageType_IsRefusedAtMessageType()
    {
        var response = Respond(await DeepLinkingLaunchAsync(), Quiz);

        await AssertRefusedAsync(response.ReturnUrl, Resign(response, p => p[LtiClaimTypes.MessageType] = LtiMessageTypes.ResourceLinkRequest), "message_type");
    }

    [Fact]
    public async Task Return_WrongDeployment_IsRefusedAtDeploymentId()
    {
        var request = await DeepLinkingLaunchAsync();
        var response = Builder().Build(request.Registration, "2:other", request.Settings, [Quiz]).Response!;

        await AssertRefusedAsync(response.ReturnUrl, response.Jwt, "deployment_id");
    }

    [Fact]
    public async Task Return_WithoutNonce_IsRefusedAtNonce()
    {
        var response = Respond(await DeepLinkingLaunchAsync(), Quiz);

        await AssertRefusedAsync(response.ReturnUrl, Resign(response, p => p.Remove(LtiClaimTypes.Nonce)), "nonce");
    }

    [Fact]
    public async Task Return_DataNotTheRequests_IsRefusedAtData()
    {
        var request = await DeepLinkingLaunchAsync();
        var response = Builder().Build(request.Registration, request.DeploymentId, request.Settings with { Data = "forged" }, [Quiz]).Response!;

        await AssertRefusedAsync(response.ReturnUrl, response.Jwt, "data");
    }

    [Fact]
    public async Task Return_WithoutData_IsRefusedAtData()
    {
        var request = await DeepLinkingLaunchAsync();
        var response = Builder().Build(request.Registration, request.DeploymentId, request.Settings with { Data = null }, [Quiz]).Response!;

        await AssertRefusedAsync(response.ReturnUrl, response.Jwt, "data");
    }

    [Fact]
    public async Task Return_SameResponseTwice_IsRefusedTheSecondTime()
    {
        var response = Respond(await DeepLinkingLaunchAsync(), Quiz);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(response)).Status);

        var (status, page) = await PostAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("nonce", page.QuerySelector(".failed-check")?.TextContent);
        Assert.Single(_app.Platform.Assignments);
    }

    [Fact]
    public async Task Return_NoJwtField_IsRefused()
    {
        var response = await _app.CreateClient().PostAsync("/demo/courses/DEMO101/deep_linking_response", new FormUrlEncodedContent([new("id_token", "x")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("JWT", new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector(".failed-check")?.TextContent);
    }

    [Theory]
    [InlineData(false, "5f6e7d8c-0000-4000-8000-000000000002")]
    [InlineData(true, "5f6e7d8c-0000-4000-8000-000000000003")]
    public async Task AssignmentLaunch_CarriesTheLinksCustomParametersAndItsColumn(bool asTestStudent, string subject)
    {
        await PostAsync(Respond(await DeepLinkingLaunchAsync(), Quiz));
        var assignment = Assert.Single(_app.Platform.Assignments);

        var outcome = await _app.Driver().LaunchAsync(_app.Platform.PrepareLaunch(LaunchScenario.IntoAssignment(assignment.Id, asTestStudent), LtiToolApp.BaseUrl));

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.NotNull(outcome.SessionToken);
        var launch = new LaunchMessage(new JsonWebToken(outcome.LaunchForm["id_token"]));
        Assert.Equal(LtiMessageTypes.ResourceLinkRequest, launch.MessageType);
        Assert.Equal(subject, launch.Subject);
        Assert.Equal(new ResourceLinkClaim(assignment.ResourceLinkId, "Quiz 3 (graded)", "Ten questions on LTI."), launch.ResourceLink);
        Assert.Equal(QuizUrl, launch.TargetLinkUri);
        Assert.Equal(Quiz.Custom, launch.Custom);
        Assert.Null(launch.CanvasPlacement);
        Assert.Equal(LineItems, launch.Ags!.LineItems);
        Assert.Equal($"{LineItems}/{assignment.LineItem}", launch.Ags.LineItem);
        Assert.Equal([LtiScopes.AgsLineItem, LtiScopes.AgsLineItemReadOnly, LtiScopes.AgsResultReadOnly, LtiScopes.AgsScore], launch.Ags.Scopes);
    }

    [Fact]
    public async Task AssignmentLaunch_LoginTargetsTheItemsUrl()
    {
        await PostAsync(Respond(await DeepLinkingLaunchAsync(), Quiz));

        var login = _app.Platform.PrepareLaunch(LaunchScenario.IntoAssignment(_app.Platform.Assignments[0].Id), LtiToolApp.BaseUrl);

        Assert.Equal(QuizUrl, login.Fields["target_link_uri"]);
    }

    [Fact]
    public void IntoAssignment_UnknownAssignment_Throws() =>
        Assert.Throws<ArgumentException>(() => _app.Platform.PrepareLaunch(LaunchScenario.IntoAssignment(42), LtiToolApp.BaseUrl));

    [Fact]
    public async Task DemoPage_OffersAddingFromTheToolAndLaunchingEachAssignment()
    {
        var client = _app.CreateClient();
        var before = new HtmlParser().ParseDocument(await client.GetStringAsync("/demo"));
        var add = before.QuerySelector("a.add-assignment")!;
        Assert.Equal(("/demo/start/deep-linking", "tool"), (add.GetAttribute("href"), add.GetAttribute("target")));
        Assert.Empty(before.QuerySelectorAll("a.assignment-launch"));

        await PostAsync(Respond(await DeepLinkingLaunchAsync(), Quiz));
        var after = new HtmlParser().ParseDocument(await client.GetStringAsync("/demo"));

        var id = _app.Platform.Assignments[0].Id;
        Assert.Equal("Quiz 3 (graded)", after.QuerySelector(".assignments .assignment-title")?.TextContent);
        Assert.Equal([$"/demo/start/assignment/{id}/student", $"/demo/start/assignment/{id}/test-student"],
            after.QuerySelectorAll("a.assignment-launch").Select(a => a.GetAttribute("href")));
        Assert.All(after.QuerySelectorAll("a.assignment-launch"), a => Assert.Equal("tool", a.GetAttribute("target")));
    }

    [Fact]
    public async Task DemoStartAssignment_PostsTheLoginForTheItemsUrl()
    {
        await PostAsync(Respond(await DeepLinkingLaunchAsync(), Quiz));
        var client = _app.CreateClient();

        var (action, fields) = await LaunchDriver.ReadAutoPostFormAsync(await client.GetAsync($"/demo/start/assignment/{_app.Platform.Assignments[0].Id}/student"));

        Assert.Equal("https://localhost/lti/login", action.AbsoluteUri);
        Assert.Equal(QuizUrl, fields["target_link_uri"]);
        Assert.Equal(DemoData.Student.LoginHint, fields["login_hint"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/demo/start/assignment/99/student")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/demo/start/assignment/{_app.Platform.Assignments[0].Id}/teacher")).StatusCode);
    }
}
