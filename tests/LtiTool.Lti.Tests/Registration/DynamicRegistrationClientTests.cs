using System.Net;
using System.Text.Json.Nodes;
using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Registration;
using LtiTool.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Lti.Tests.Registration;

public sealed class DynamicRegistrationClientTests
{
    private const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.FAKE-PAYLOAD.FAKE-SIGNATURE";
    private const string ConfigurationUrl = "https://canvas.example.edu/api/lti/security/openid-configuration?registration_token=" + Token;

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static (DynamicRegistrationClient Client, StubHttpHandler Handler) Create(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        var handler = new StubHttpHandler(respond);
        return (new DynamicRegistrationClient(new StubHttpClientFactory(handler)), handler);
    }

    /// <summary>The client over the tool's real Platform HttpClient registration (its resilience pipeline), the network scripted.</summary>
    private static (DynamicRegistrationClient Client, StubHttpHandler Handler) CreateWithPipeline(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        var handler = new StubHttpHandler(respond);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLtiLaunch(new ConfigurationBuilder().Build());
        services.AddHttpClient(LtiHttpClients.Platform).ConfigurePrimaryHttpMessageHandler(() => handler);
        return (new DynamicRegistrationClient(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>()), handler);
    }

    private static PlatformConfiguration Canvas() => PlatformConfiguration.Read(
        System.Text.Json.JsonDocument.Parse(Fixture("canvas-openid-configuration.json")).RootElement, new Uri(ConfigurationUrl)).Configuration!;

    private static ToolRegistrationRequest Request() => new("Tool", new Uri("https://tool.example.com/lti/login"), [new Uri("https://tool.example.com/lti/launch")],
        new Uri("https://tool.example.com/.well-known/jwks.json"), [],
        new LtiToolConfiguration("tool.example.com", new Uri("https://tool.example.com/lti/launch"), null, new Dictionary<string, string>(), ["iss", "sub"], []));

    [Fact]
    public async Task FetchConfiguration_KeepsTheUrlAndSendsTheTokenAsBearer()
    {
        var (client, handler) = Create(_ => StubHttpHandler.Json(Fixture("canvas-openid-configuration.json")));

        var result = await client.FetchConfigurationAsync(ConfigurationUrl, Token, default);

        Assert.NotNull(result.Configuration);
        var request = Assert.Single(handler.Seen);
        Assert.Equal(ConfigurationUrl, request.RequestUri!.AbsoluteUri);
        Assert.Equal($"Bearer {Token}", request.Headers.Authorization!.ToString());
    }

    [Theory]
    [InlineData("http://canvas.example.edu/api/lti/security/openid-configuration")]
    [InlineData("ftp://canvas.example.edu/openid-configuration")]
    [InlineData("/api/lti/security/openid-configuration")]
    public async Task FetchConfiguration_NotHttpsUrl_IsRefusedWithoutARequest(string url)
    {
        var (client, handler) = Create(_ => throw new InvalidOperationException("no request expected"));

        var result = await client.FetchConfigurationAsync(url, Token, default);

        Assert.Equal(LtiErrors.RegistrationConfigurationUrlInvalid.Code, result.Error!.Code);
        Assert.Equal(0, handler.Requests);
    }

    [Fact]
    public async Task FetchConfiguration_LargerThanTheLimit_IsInvalid()
    {
        var huge = "{\"issuer\":\"" + new string('x', DynamicRegistrationClient.MaxDocumentBytes) + "\"}";
        var (client, _) = Create(_ => StubHttpHandler.Json(huge));

        var result = await client.FetchConfigurationAsync(ConfigurationUrl, Token, default);

        Assert.Equal(LtiErrors.RegistrationConfigurationInvalid.Code, result.Error!.Code);
        Assert.Contains("256 KB", result.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchConfiguration_Refused_KeepsTheAnswerWithoutTheToken()
    {
        var (client, _) = Create(_ => StubHttpHandler.Json($"{{\"errorMessage\":\"expired token {Token}\"}}", status: HttpStatusCode.Unauthorized));

        var result = await client.FetchConfigurationAsync(ConfigurationUrl, Token, default);

        Assert.Equal(LtiErrors.RegistrationRefused.Code, result.Error!.Code);
        Assert.Equal(401, result.Answer!.StatusCode);
        Assert.Contains("expired token [registration token]", result.Answer.BodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Answer.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_PostsJsonWithTheBearerToken_AndReadsTheAnswer()
    {
        string? body = null;
        var (client, handler) = Create(request =>
        {
            body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return StubHttpHandler.Json(Fixture("dynamic-registration-response.json"));
        });

        var result = await client.RegisterAsync(Canvas(), Token, Request(), default);

        Assert.Equal("10000000000005", result.Registration!.ClientId);
        var request = Assert.Single(handler.Seen);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://canvas.example.edu/api/lti/registrations", request.RequestUri!.AbsoluteUri);
        Assert.Equal($"Bearer {Token}", request.Headers.Authorization!.ToString());
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("web", JsonNode.Parse(body!)!["application_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_AnswerWithoutClientId_IsInvalid()
    {
        var (client, _) = Create(_ => StubHttpHandler.Json("{\"client_name\":\"Tool\"}"));

        var result = await client.RegisterAsync(Canvas(), Token, Request(), default);

        Assert.Equal(LtiErrors.RegistrationResponseInvalid.Code, result.Error!.Code);
        Assert.Equal(200, result.Answer!.StatusCode);
    }

    [Fact]
    public async Task Register_Unavailable_IsNotRetried()
    {
        var (client, handler) = CreateWithPipeline(_ => StubHttpHandler.Json("{}", status: HttpStatusCode.ServiceUnavailable));

        var result = await client.RegisterAsync(Canvas(), Token, Request(), default);

        Assert.Equal(LtiErrors.RegistrationRefused.Code, result.Error!.Code);
        Assert.Equal(503, result.Answer!.StatusCode);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task FetchConfiguration_Unavailable_IsRetriedOnce()
    {
        var (client, handler) = CreateWithPipeline(_ => StubHttpHandler.Json("{}", status: HttpStatusCode.ServiceUnavailable));

        await client.FetchConfigurationAsync(ConfigurationUrl, Token, default);

        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public async Task Register_NetworkFailure_IsUnavailable()
    {
        var (client, _) = Create(_ => throw new HttpRequestException("connection refused"));

        var result = await client.RegisterAsync(Canvas(), Token, Request(), default);

        Assert.Equal(LtiErrors.RegistrationEndpointUnavailable.Code, result.Error!.Code);
        Assert.Null(result.Answer);
    }
}
