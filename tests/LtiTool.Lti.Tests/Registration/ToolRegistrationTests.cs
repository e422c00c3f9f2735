using System.Text.Json.Nodes;
using LtiTool.Lti.Claims;
using LtiTool.Lti.Registration;
using LtiTool.Testing;

namespace LtiTool.Lti.Tests.Registration;

public sealed class ToolRegistrationTests
{
    private static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)))!;

    private static ToolRegistrationRequest Request() => new("Example Tool", new Uri("https://tool.example.com/lti/login"),
        [new Uri("https://tool.example.com/lti/launch")], new Uri("https://tool.example.com/.well-known/jwks.json"),
        [LtiScopes.AgsScore, LtiScopes.NrpsContextMembershipReadOnly],
        new LtiToolConfiguration("tool.example.com", new Uri("https://tool.example.com/lti/launch"), "Example tool",
            new Dictionary<string, string> { ["canvas_user_id"] = "$Canvas.user.id" }, ["iss", "sub", "name"],
            [
                new LtiToolMessage(LtiMessageTypes.DeepLinkingRequest, new Uri("https://tool.example.com/lti/launch"), "Example Tool",
                    ["https://canvas.instructure.com/lti/assignment_selection"]) { IconUri = new Uri("https://tool.example.com/icon.png") },
            ])
        {
            Extensions = new Dictionary<string, string> { [RegistrationKeys.CanvasPrivacyLevel] = "public" },
        });

    [Fact]
    public void ToJson_UsesOnlyMembersOfCanvasRegistrations_WithTheirTypes()
    {
        var json = Request().ToJson();

        var differences = JsonShape.Differences(json, [Fixture("dynamic-registration-request.json"), Fixture("dynamic-registration-response.json")],
            $"$.{RegistrationKeys.ToolConfiguration}.custom_parameters");

        Assert.Empty(differences);
    }

    [Fact]
    public void ToJson_HasEveryMemberCanvasRequires()
    {
        var json = Request().ToJson();

        Assert.Equal("web", json["application_type"]!.GetValue<string>());
        Assert.Equal(["implicit", "client_credentials"], json["grant_types"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal(["id_token"], json["response_types"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("private_key_jwt", json["token_endpoint_auth_method"]!.GetValue<string>());
        Assert.Equal($"{LtiScopes.AgsScore} {LtiScopes.NrpsContextMembershipReadOnly}", json["scope"]!.GetValue<string>());
        foreach (var member in new[] { "initiate_login_uri", "redirect_uris", "client_name", "jwks_uri" }) Assert.NotNull(json[member]);
        var tool = json[RegistrationKeys.ToolConfiguration]!;
        foreach (var member in new[] { "domain", "claims", "messages", "target_link_uri" }) Assert.NotNull(tool[member]);
        Assert.Equal("public", tool[RegistrationKeys.CanvasPrivacyLevel]!.GetValue<string>());
    }

    [Fact]
    public void ReadResponse_CanvasCapture_FindsTheClientIdAndTheTopLevelDeployment()
    {
        var response = ToolRegistrationResponse.Read(Fixture("dynamic-registration-response.json"));

        Assert.Equal("10000000000005", response!.ClientId);
        Assert.Equal("9:0123456789abcdef0123456789abcdef01234567", response.DeploymentId);
    }

    [Fact]
    public void ReadResponse_DeploymentWhereTheSpecPutsIt_IsRead()
    {
        var answer = new JsonObject { ["client_id"] = 42, [RegistrationKeys.ToolConfiguration] = new JsonObject { ["deployment_id"] = "d-1" } };

        var response = ToolRegistrationResponse.Read(answer);

        Assert.Equal("42", response!.ClientId);
        Assert.Equal("d-1", response.DeploymentId);
    }

    [Fact]
    public void ReadResponse_WithoutClientId_IsNull()
    {
        Assert.Null(ToolRegistrationResponse.Read(new JsonObject { ["client_name"] = "x" }));
        Assert.Null(ToolRegistrationResponse.Read(new JsonArray()));
    }
}
