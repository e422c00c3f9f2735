using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Registration;

namespace LtiTool.Lti.Tests.Registration;

public sealed class PlatformConfigurationTests
{
    private static readonly Uri CanvasUrl = new("https://canvas.example.edu/api/lti/security/openid-configuration?registration_token=t");

    private static JsonObject Fixture() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "canvas-openid-configuration.json")))!.AsObject();

    private static PlatformConfigurationResult Read(JsonObject document, Uri? url = null) =>
        PlatformConfiguration.Read(JsonDocument.Parse(document.ToJsonString()).RootElement, url ?? CanvasUrl);

    [Fact]
    public void Read_CanvasCapture_ReadsEndpointsProductAndPlacementsAsAdvertised()
    {
        var result = Read(Fixture());

        var c = Assert.IsType<PlatformConfiguration>(result.Configuration);
        Assert.Equal("https://canvas.example.edu", c.Issuer);
        Assert.Equal("https://canvas.example.edu/api/lti/registrations", c.RegistrationEndpoint.AbsoluteUri);
        Assert.Equal("https://canvas.example.edu/api/lti/authorize_redirect", c.AuthorizationEndpoint.AbsoluteUri);
        Assert.Equal("https://canvas.example.edu/login/oauth2/token", c.TokenEndpoint.AbsoluteUri);
        Assert.Equal("https://canvas.example.edu/api/lti/security/jwks", c.JwksUri.AbsoluteUri);
        Assert.Equal("canvas", c.ProductFamilyCode);
        Assert.Equal("Example University", c.AccountName);
        var deepLinking = Assert.Single(c.MessagesSupported, m => m.Type == "LtiDeepLinkingRequest");
        Assert.Contains("https://canvas.instructure.com/lti/assignment_selection", deepLinking.Placements!);
        // LtiEulaRequest comes without placements.
        Assert.Null(Assert.Single(c.MessagesSupported, m => m.Type == "LtiEulaRequest").Placements);
        Assert.True(c.Offers("https://purl.imsglobal.org/spec/lti-ags/scope/score"));
        Assert.False(c.Offers("https://canvas.instructure.com/lti/feature_flags/scope/show"));
    }

    // Hosted Canvas: one issuer for every school (canvas.instructure.com). Canvas's DynamicRegistrationController
    // (redirect_to_tool_registration) builds the openid_configuration URL on the host of its lti_iss outside
    // development, so the host check holds there; the endpoints live on the auth domain and the school's domain.
    [Fact]
    public void Read_HostedCanvasShape_ConfigurationOnTheIssuersHost_EndpointsElsewhere_IsAccepted()
    {
        var document = Fixture();
        document["issuer"] = "https://canvas.instructure.com";
        document["authorization_endpoint"] = "https://sso.canvaslms.com/api/lti/authorize_redirect";
        document["token_endpoint"] = "https://sso.canvaslms.com/login/oauth2/token";
        document["jwks_uri"] = "https://sso.canvaslms.com/api/lti/security/jwks";
        document["registration_endpoint"] = "https://school.instructure.com/api/lti/registrations";

        var result = Read(document, new Uri("https://canvas.instructure.com/api/lti/security/openid-configuration?registration_token=t"));

        var c = Assert.IsType<PlatformConfiguration>(result.Configuration);
        Assert.Equal("https://canvas.instructure.com", c.Issuer);
        Assert.Equal("sso.canvaslms.com", c.AuthorizationEndpoint.Host);
        Assert.Equal("school.instructure.com", c.RegistrationEndpoint.Host);
    }

    [Theory]
    [InlineData("https://lms.example.org/api/lti/security/openid-configuration")]
    [InlineData("https://canvas.example.edu.evil.test/openid-configuration")]
    public void Read_ConfigurationFromAnotherHost_FailsWithIssuerMismatch(string url)
    {
        var result = Read(Fixture(), new Uri(url));

        Assert.Null(result.Configuration);
        Assert.Equal(LtiErrors.RegistrationIssuerMismatch.Code, result.Error!.Code);
    }

    [Fact]
    public void Read_ConfigurationOnAnotherPathOfTheIssuersHost_IsAccepted()
    {
        Assert.NotNull(Read(Fixture(), new Uri("https://CANVAS.example.edu/somewhere/else")).Configuration);
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("authorization_endpoint")]
    [InlineData("token_endpoint")]
    [InlineData("jwks_uri")]
    [InlineData("registration_endpoint")]
    public void Read_RequiredMemberMissing_FailsNamingIt(string member)
    {
        var document = Fixture();
        document.Remove(member);

        var error = Read(document).Error!;

        Assert.Equal(LtiErrors.RegistrationConfigurationInvalid.Code, error.Code);
        Assert.Contains(member, error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("registration_endpoint", "http://canvas.example.edu/api/lti/registrations")]
    [InlineData("jwks_uri", "not a url")]
    [InlineData("issuer", "https://canvas.example.edu/?tenant=1")]
    public void Read_InsecureOrMalformedUrl_Fails(string member, string value)
    {
        var document = Fixture();
        document[member] = value;

        Assert.Equal(LtiErrors.RegistrationConfigurationInvalid.Code, Read(document).Error!.Code);
    }

    [Fact]
    public void Read_PlainHttpOnLoopback_IsAccepted()
    {
        var document = Fixture();
        foreach (var member in new[] { "issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "registration_endpoint" })
            document[member] = document[member]!.GetValue<string>().Replace("https://canvas.example.edu", "http://localhost:5080/demo", StringComparison.Ordinal);

        Assert.NotNull(Read(document, new Uri("http://localhost:5080/demo/.well-known/openid-configuration")).Configuration);
    }

    [Fact]
    public void Read_NoLtiPlatformConfiguration_Fails()
    {
        var document = Fixture();
        document.Remove(RegistrationKeys.PlatformConfiguration);
        Assert.Contains(RegistrationKeys.PlatformConfiguration, Read(document).Error!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("product_family_code")]
    [InlineData("messages_supported")]
    public void Read_LtiPlatformConfigurationIncomplete_FailsNamingIt(string member)
    {
        var document = Fixture();
        document[RegistrationKeys.PlatformConfiguration]!.AsObject().Remove(member);
        Assert.Contains(member, Read(document).Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TokenEndpointWithoutPrivateKeyJwt_Fails()
    {
        var document = Fixture();
        document["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic");
        Assert.Contains("private_key_jwt", Read(document).Error!.Description, StringComparison.Ordinal);
    }
}
