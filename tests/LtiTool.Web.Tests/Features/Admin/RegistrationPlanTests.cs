using LtiTool.Lti.Claims;
using LtiTool.Lti.Registration;
using LtiTool.Web.Features.Admin.Registration;

namespace LtiTool.Web.Tests.Features.Admin;

public sealed class RegistrationPlanTests
{
    private static ToolProfile Tool(string privacy = "public") => new("LtiTool", "Activities and grades", privacy,
        new Uri("https://lti.example.edu/lti/login"), new Uri("https://lti.example.edu/lti/launch"), new Uri("https://lti.example.edu/.well-known/jwks.json"),
        ToolProfile.ServiceScopes, new Dictionary<string, string> { ["canvas_user_id"] = "$Canvas.user.id" },
        ToolPlacements.All.Where(p => p.OnByDefault).Select(p => new ProfilePlacement(p, "LtiTool", null)).ToList());

    private static PlatformConfiguration Platform(string product, IReadOnlyList<SupportedMessage> messages, IReadOnlyList<string>? scopes = null) => new(
        "https://lms.example.org", new Uri("https://lms.example.org/auth"), new Uri("https://lms.example.org/token"), new Uri("https://lms.example.org/jwks"),
        new Uri("https://lms.example.org/register"), product, "4.5", messages, scopes, null);

    [Fact]
    public void Create_PlatformWithStandardPlacements_UsesThemAndLeavesCanvasOnesOut()
    {
        var moodle = Platform("moodle", [new(LtiMessageTypes.ResourceLinkRequest, null), new(LtiMessageTypes.DeepLinkingRequest, ["ContentArea"])]);

        var plan = RegistrationPlan.Create(Tool("anonymous"), moodle);
        var request = plan.ToRequest().ToJson();

        // Resource links go wherever the platform uses them (one message, no placements); both selection
        // placements are its ContentArea (one message).
        Assert.Equal([(LtiMessageTypes.ResourceLinkRequest, (string?)null), (LtiMessageTypes.DeepLinkingRequest, "ContentArea")],
            plan.Messages.Select(m => (m.Type, m.PlatformPlacement)));
        Assert.Empty(plan.NotOffered);
        var tool = request[RegistrationKeys.ToolConfiguration]!;
        Assert.Null(tool[RegistrationKeys.CanvasPrivacyLevel]);
        Assert.Empty(tool["custom_parameters"]!.AsObject());
        Assert.Equal(["iss", "sub"], tool["claims"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("moodle at lms.example.org", plan.PlatformName);
    }

    [Fact]
    public void Create_PlatformWithoutDeepLinking_ListsTheSelectionPlacementsAsNotOffered()
    {
        var plan = RegistrationPlan.Create(Tool(), Platform("canvas", [new(LtiMessageTypes.ResourceLinkRequest, ["course_navigation"])]));

        Assert.Equal(["course_navigation"], plan.Messages.Select(m => m.PlatformPlacement));
        Assert.Equal(["assignment_selection", "link_selection", "account_navigation"], plan.NotOffered.Select(p => p.Placement.Name));
    }

    [Fact]
    public void Create_PlatformListingScopes_AsksOnlyForThoseItGrants()
    {
        var plan = RegistrationPlan.Create(Tool(), Platform("canvas", [new(LtiMessageTypes.ResourceLinkRequest, null)],
            [LtiScopes.AgsScore, LtiScopes.NrpsContextMembershipReadOnly]));

        Assert.Equal([LtiScopes.AgsScore, LtiScopes.NrpsContextMembershipReadOnly], plan.Scopes);
        Assert.Equal(3, plan.ScopesNotOffered.Count);
        Assert.Equal($"{LtiScopes.AgsScore} {LtiScopes.NrpsContextMembershipReadOnly}", plan.ToRequest().ToJson()["scope"]!.GetValue<string>());
    }

    [Fact]
    public void ToRequest_Canvas_CourseNavigationIsOnByDefaultForCourseAdmins()
    {
        var plan = RegistrationPlan.Create(Tool(), Platform("canvas", [new(LtiMessageTypes.ResourceLinkRequest, ["https://canvas.instructure.com/lti/course_navigation"])]));

        var message = plan.ToRequest().ToJson()[RegistrationKeys.ToolConfiguration]!["messages"]![0]!;

        Assert.Equal("https://canvas.instructure.com/lti/course_navigation", message["placements"]![0]!.GetValue<string>());
        Assert.True(message[RegistrationKeys.CanvasCourseNavigationDefaultEnabled]!.GetValue<bool>());
        Assert.Equal("admins", message[RegistrationKeys.CanvasVisibility]!.GetValue<string>());
    }
}
